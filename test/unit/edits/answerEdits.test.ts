import { strict as assert } from 'node:assert';
import { codeBlockPath, editFromCodeBlock, editFromCommandAnswer, editsFromAnswer, namedFiles, samePath } from '../../../src/core/edits/answerEdits';

const doc = 'const a = 1;\nconst b = 2;\n\nexport { a, b };\n';
const sr = '<<<<<<< SEARCH\nconst b = 2;\n=======\nconst b = 3;\n>>>>>>> REPLACE';

describe('edits for each path', () => {
  describe('the chat code block', () => {
    it('applies SEARCH/REPLACE code as blocks, never with its markers', () => {
      const outcome = editFromCodeBlock(sr, 'ts', { text: doc });
      assert.ok(outcome.ok);
      assert.equal(outcome.newText, doc.replace('const b = 2;', 'const b = 3;'));
    });

    it('offers no fallback that would paste blocks or a diff, or drop elided code', () => {
      const blocks = editFromCodeBlock(sr.replace('const b = 2;', 'const c = 9;'), 'ts', { text: doc });
      assert.ok(!blocks.ok);
      assert.deepEqual(blocks.fallbacks, []);
      const elided = editFromCodeBlock('// ... existing code ...\nunrelated(42);\n// ... existing code ...', 'ts', { text: doc });
      assert.ok(!elided.ok);
      assert.deepEqual(elided.fallbacks, []);
      const malformed = editFromCodeBlock('>>>>>>> SEARCH\nx\n<<<<<<< REPLACE', 'ts', { text: doc });
      assert.ok(!malformed.ok);
      assert.deepEqual(malformed.fallbacks, []);
    });

    it('offers the safe fallback first when plain code cannot be placed: Insert at Cursor, then Replace Whole File', () => {
      const outcome = editFromCodeBlock('function unrelated() {\n  return 42;\n}', 'ts', { text: doc });
      assert.ok(!outcome.ok);
      assert.deepEqual(outcome.fallbacks, ['insertAtCursor', 'replaceWholeFile']);
      assert.notEqual(outcome.fallbacks[0], 'replaceWholeFile');
    });

    it('replaces the whole file only when the user asks, through the same parser', () => {
      const outcome = editFromCodeBlock('// src/a.ts\nexport const a = 1;', 'ts', { text: doc }, {}, 'file');
      assert.ok(outcome.ok);
      assert.equal(outcome.newText, 'export const a = 1;\n');
    });

    it('replaces the selection with plain code, and reports what it left out', () => {
      const outcome = editFromCodeBlock('const b = 20;', 'ts', { text: doc, selection: { startLine: 1, endLine: 1 } });
      assert.ok(outcome.ok);
      assert.equal(outcome.newText, doc.replace('const b = 2;', 'const b = 20;'));
      const partial = editFromCodeBlock(`${sr}\n<<<<<<< SEARCH\nconst a = 1;\n=======\n`, 'ts', { text: doc });
      assert.ok(partial.ok);
      assert.match(partial.leftOut.join(), /block 2 was cut off/);
    });

    it('names the file a block is for, from its code or from the answer it came from', () => {
      assert.equal(codeBlockPath('// src/cart.ts\nexport {};', 'ts'), 'src/cart.ts');
      assert.equal(codeBlockPath(`src/cart.ts\n${sr}`, ''), 'src/cart.ts');
      assert.equal(codeBlockPath('export {};', 'ts'), undefined);
      const answers = ['```ts src/old.ts\nexport {};\n```\n', 'Two files:\n\n**src/a.ts**\n```ts\nexport const a = 1;\n```\n\n```ts src/b.ts\nexport {};\n```\n'];
      assert.equal(codeBlockPath('export const a = 1;', 'ts', answers), 'src/a.ts');
      assert.equal(codeBlockPath('export {};', 'ts', answers), 'src/b.ts', 'the latest answer first');
      assert.equal(codeBlockPath('other();', 'ts', answers), undefined);
    });
  });

  describe('the editor commands', () => {
    it('replace the selection, or the whole file, with a plain block', () => {
      const selection = editFromCommandAnswer('Fixed:\n```ts\nconst b = 5;\n```\n', { text: doc, selection: { startLine: 1, endLine: 1 } });
      assert.ok(selection.ok && selection.newText === doc.replace('b = 2', 'b = 5'));
      const file = editFromCommandAnswer('```ts\nexport const x = 1;\n```\n', { text: doc });
      assert.ok(file.ok && file.newText === 'export const x = 1;\n');
    });

    it('refuse a block cut off before its fence closes', () => {
      const outcome = editFromCommandAnswer('```ts\nconst b = 5;\n', { text: doc, selection: { startLine: 1, endLine: 1 } });
      assert.ok(!outcome.ok);
      assert.match(outcome.reason, /cut off/);
    });

    it('refuse several plain blocks for one file rather than pick one', () => {
      const outcome = editFromCommandAnswer('```ts\na\n```\n```ts\nb\n```\n', { text: doc });
      assert.ok(!outcome.ok);
      assert.match(outcome.reason, /2 code blocks/);
    });

    it('leave out edits for other files', () => {
      const answer = `\`\`\`ts src/a.ts\n${sr}\n\`\`\`\n\`\`\`ts src/other.ts\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n\`\`\`\n`;
      const outcome = editFromCommandAnswer(answer, { text: doc, path: 'src/a.ts' });
      assert.ok(outcome.ok);
      assert.match(outcome.leftOut.join(), /src\/other\.ts/);
    });
  });

  describe('a whole chat answer', () => {
    it('gives one edit per named file, and creates a named file that does not exist', () => {
      const answer = '**src/a.ts**\n```ts\n' + sr + '\n```\n\n**src/new.ts**\n```ts\nexport const n = 1;\n```\n';
      const { files } = editsFromAnswer(answer, { read: (p) => (p === 'src/a.ts' ? doc : undefined) });
      assert.deepEqual(files.map((f) => [f.path, f.creates, f.result.ok]), [['src/a.ts', false, true], ['src/new.ts', true, true]]);
      const created = files[1].result;
      assert.ok(created.ok && created.newText === 'export const n = 1;\n');
    });

    it('sends blocks that name no file to the active file, unless other blocks name theirs', () => {
      const only = editsFromAnswer('```ts\n' + sr + '\n```\n', { activePath: 'src/a.ts', read: () => doc });
      assert.deepEqual(only.files.map((f) => f.path), ['src/a.ts']);
      const mixed = editsFromAnswer('```ts src/a.ts\n' + sr + '\n```\n\nFor example:\n```ts\nuse(a);\n```\n', { activePath: 'src/b.ts', read: () => doc });
      assert.deepEqual(mixed.files.map((f) => f.path), ['src/a.ts']);
      assert.match(mixed.leftOut.join(), /names no file/);
    });
  });

  it('matches paths written relative to another root', () => {
    assert.ok(samePath('src/cart.ts', 'src/cart.ts'));
    assert.ok(samePath('./src/cart.ts', 'app/src/cart.ts'));
    assert.ok(samePath('cart.ts', 'src/cart.ts'));
    assert.ok(!samePath('src/cart.ts', 'src/mycart.ts'));
  });

  it('counts the distinct files an answer names (what "Apply edits to N files" offers)', () => {
    const sr = '<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE';
    const answer = `\`\`\`ts src/a.ts\n${sr}\n\`\`\`\n\n\`\`\`ts ./src/a.ts\n${sr}\n\`\`\`\n\n\`\`\`ts src/b.ts\n${sr}\n\`\`\`\n`;
    assert.deepEqual(namedFiles(answer), ['src/a.ts', 'src/b.ts']);
    assert.deepEqual(namedFiles('```ts\nconst x = 1;\n```\n'), []);
    assert.deepEqual(namedFiles(`\`\`\`ts src/a.ts\n<<<<<<< SEARCH\na\n=======\nb\n`), [], 'a block cut off names nothing to apply');
  });
});
