import { strict as assert } from 'node:assert';
import { parseAnswer, parseCodeBlock } from '../../../src/core/edits/answer';
import { isMarkerLike, markerKind } from '../../../src/core/edits/markers';
import { isPathLike, pathOnLine, readFenceInfo } from '../../../src/core/edits/filePaths';

const sr = (search: string, replace: string, open = '<<<<<<< SEARCH', divider = '=======', close = '>>>>>>> REPLACE') =>
  `${open}\n${search}${divider}\n${replace}${close}\n`;

describe('edit answer parsing', () => {
  describe('code blocks', () => {
    it('takes a fenced block, ignoring prose around it', () => {
      const parsed = parseAnswer('Sure, here it is:\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\nThis adds b.');
      assert.deepEqual(parsed, { edits: [{ path: undefined, body: { kind: 'code', text: 'const a = 1;\n\nconst b = 2;\n', language: 'ts' }, complete: true }], leftOut: [] });
    });

    it('marks a block cut at the end of the stream as incomplete', () => {
      const [edit] = parseAnswer('Here:\n```python\ndef f():\n    return 1\n').edits;
      assert.equal(edit.complete, false);
    });

    it('honours longer fences around content that itself has fences, CRLF and tilde fences', () => {
      const [md] = parseAnswer('````md\n# Title\n```js\nx()\n```\n````\n').edits;
      assert.equal(md.body.kind === 'code' && md.body.text, '# Title\n```js\nx()\n```\n');
      const [tilde] = parseAnswer('~~~\r\na\r\nb\r\n~~~\r\n').edits;
      assert.equal(tilde.body.kind === 'code' && tilde.body.text, 'a\nb\n');
    });

    it('returns every block; an answer without one has no edits', () => {
      assert.equal(parseAnswer('I cannot do that.').edits.length, 0);
      assert.equal(parseAnswer('```ts\na\n```\nand\n```ts\nb\n```\n').edits.length, 2);
    });
  });

  describe('file names', () => {
    it('reads the path from the info string in its common forms', () => {
      assert.deepEqual(readFenceInfo('ts src/cart.ts'), { language: 'ts', path: 'src/cart.ts' });
      assert.deepEqual(readFenceInfo('python:app/main.py'), { language: 'python', path: 'app/main.py' });
      assert.deepEqual(readFenceInfo('tsx title="web/App.tsx"'), { language: 'tsx', path: 'web/App.tsx' });
      assert.deepEqual(readFenceInfo('src/util.go'), { language: undefined, path: 'src/util.go' });
      assert.deepEqual(readFenceInfo('typescript'), { language: 'typescript', path: undefined });
      assert.deepEqual(readFenceInfo('c++'), { language: 'c++', path: undefined });
    });

    it('reads a path from a line that holds only the path', () => {
      for (const line of ['**src/cart.ts**', '`src/cart.ts`', '// src/cart.ts', '# src/cart.ts', '### src/cart.ts', 'File: src/cart.ts', 'src/cart.ts:', '**`src/cart.ts`**', '<!-- src/cart.ts -->']) {
        assert.equal(pathOnLine(line), 'src/cart.ts', line);
      }
      for (const line of ['Here is the change to src/cart.ts:', 'return a.b;', '1.5', 'Note:', '// compute the total', 'https://example.com/a.js']) {
        assert.equal(pathOnLine(line), undefined, line);
      }
    });

    it('tells paths from words, numbers and versions', () => {
      for (const token of ['cart.ts', 'src/cart.ts', '.env', 'a/b/c.test.tsx', 'Dockerfile.dev']) assert.ok(isPathLike(token), token);
      for (const token of ['ts', '1.2.3', 'v1.2', '...', 'http://x.y/z']) assert.ok(!isPathLike(token), token);
    });

    it('gives each block the file it names: above the fence, in the info string, or as its first comment line', () => {
      const answer = '**src/a.ts**\n```ts\nexport const a = 1;\n```\n\n```ts src/b.ts\nexport const b = 2;\n```\n\n```ts\n// src/c.ts\nexport const c = 3;\n```\n';
      const edits = parseAnswer(answer).edits;
      assert.deepEqual(edits.map((e) => e.path), ['src/a.ts', 'src/b.ts', 'src/c.ts']);
      assert.equal(edits[2].pathLine, '// src/c.ts');
      assert.equal(edits[2].body.kind === 'code' && edits[2].body.text, 'export const c = 3;\n');
    });

    it('names SEARCH/REPLACE blocks Aider-style, the name carrying over to the next blocks of the fence', () => {
      const answer = `\`\`\`text\nfoo.txt\n${sr('one\n', 'two\n')}\n${sr('three\n', 'four\n')}\`\`\`\n\nbar.txt\n\`\`\`\n${sr('x\n', 'y\n')}\`\`\`\n`;
      const edits = parseAnswer(answer).edits;
      assert.deepEqual(edits.map((e) => [e.path, e.body.kind === 'blocks' ? e.body.blocks.length : 0]), [['foo.txt', 2], ['bar.txt', 1]]);
    });

    it('takes a fence holding only a file name as the name of the next block', () => {
      const edits = parseAnswer(`\`\`\`python\nfoo.txt\n\`\`\`\n\`\`\`python\n${sr('one\n', 'two\n')}\`\`\`\n`).edits;
      assert.deepEqual(edits.map((e) => e.path), ['foo.txt']);
    });
  });

  describe('SEARCH/REPLACE markers', () => {
    it('accepts the marker forms models emit', () => {
      for (const line of ['<<<<<<< SEARCH', '<<<<<<<SEARCH', '<<<<< SEARCH', '<<<<<<<<<<< SEARCH', '<<<<<<< SEARCH  ', '<<<<<<< SEARCH>', '------- SEARCH', '  <<<<<<< SEARCH']) {
        assert.equal(markerKind(line), 'search', line);
      }
      for (const line of ['=======', '=====', '==========', '=======   ']) assert.equal(markerKind(line), 'divider', line);
      for (const line of ['>>>>>>> REPLACE', '>>>>>>>REPLACE', '>>>>>>>>>> REPLACE ', '+++++++ REPLACE']) assert.equal(markerKind(line), 'replace', line);
    });

    it('calls lines that only resemble markers marker-like, and leaves ordinary code alone', () => {
      for (const line of ['>>>>>>> SEARCH', '<<<<<<< REPLACE', '<<-- SEARCH', '<<< SEARCH', '<<<<<<< SEARCH>>']) assert.ok(isMarkerLike(line), line);
      for (const line of ['-- SEARCH for users', 'x = "<<<"', '// SEARCH the list', '==']) assert.ok(!isMarkerLike(line) && markerKind(line) === undefined, line);
    });

    it('reads blocks inside or outside fences, with mixed marker styles', () => {
      const answer = `Two changes:\n\`\`\`ts\n${sr('const a = 1;\n', 'const a = 2;\n')}\`\`\`\nand\n${sr('  f();\n\n', '', '------- SEARCH', '=======', '+++++++ REPLACE')}`;
      const [first, second] = parseAnswer(answer).edits;
      assert.deepEqual(first.body, { kind: 'blocks', format: 'searchReplace', blocks: [{ search: ['const a = 1;'], replace: ['const a = 2;'] }] });
      assert.deepEqual(second.body, { kind: 'blocks', format: 'searchReplace', blocks: [{ search: ['  f();', ''], replace: [] }] });
    });

    it('keeps ``` lines inside a replacement (a markdown file being edited)', () => {
      const [edit] = parseAnswer(`\`\`\`\n${sr('Intro\n', 'Intro\n```sh\nnpm i\n```\n')}\`\`\`\n`).edits;
      assert.deepEqual(edit.body.kind === 'blocks' && edit.body.blocks[0].replace, ['Intro', '```sh', 'npm i', '```']);
    });

    it('leaves out a block cut before its REPLACE marker, keeping the complete ones', () => {
      const parsed = parseAnswer(`\`\`\`\n${sr('a\n', 'b\n')}<<<<<<< SEARCH\nold\n=======\nnew\n`);
      assert.equal(parsed.edits.length, 1);
      assert.match(parsed.leftOut[0], /block 2 was cut off before its REPLACE line/);
      assert.match(parseAnswer('<<<<<<< SEARCH\nold\n').leftOut[0], /cut off before its ======= line/);
    });

    it('refuses blocks it would have to guess: two dividers, no divider, stray or reversed markers', () => {
      assert.match(parseAnswer(sr('a\n=======\nb\n', 'c\n')).leftOut[0], /two ======= lines/);
      assert.match(parseAnswer('<<<<<<< SEARCH\na\n>>>>>>> REPLACE\n').leftOut[0], /no ======= line/);
      assert.match(parseAnswer('=======\nnew\n>>>>>>> REPLACE\n').leftOut[0], /malformed/);
      const reversed = parseAnswer('```\n>>>>>>> SEARCH\n=======\nx\n<<<<<<< REPLACE\n```\n');
      assert.equal(reversed.edits.length, 0, 'a fence with marker-like lines is never a code snippet');
      assert.ok(reversed.leftOut.length > 0);
    });

    it('reads a Roo-style line hint and keeps it out of the SEARCH lines', () => {
      const [edit] = parseAnswer(sr(':start_line:12\n-------\nfoo();\n', 'bar();\n')).edits;
      assert.deepEqual(edit.body.kind === 'blocks' && edit.body.blocks[0], { search: ['foo();'], replace: ['bar();'], line: 11 });
    });
  });

  describe('unified diffs', () => {
    const diff = '--- a/src/x.ts\n+++ b/src/x.ts\n@@ -2,3 +2,3 @@\n a\n-b\n+B\n c\n';

    it('reads hunks as blocks with the file and the line they name', () => {
      const [edit] = parseAnswer(`\`\`\`diff\n${diff}\`\`\`\n`).edits;
      assert.equal(edit.path, 'src/x.ts');
      assert.deepEqual(edit.body, { kind: 'blocks', format: 'diff', createsFile: false, blocks: [{ search: ['a', 'b', 'c'], replace: ['a', 'B', 'c'], line: 1 }] });
    });

    it('reads hunks without numbers, several files, and new files', () => {
      const answer = '```diff\n--- a.py\n+++ a.py\n@@ ... @@\n x\n+y\n--- /dev/null\n+++ b/new.py\n@@ -0,0 +1,2 @@\n+one\n+two\n```\n';
      const edits = parseAnswer(answer).edits;
      assert.deepEqual(edits.map((e) => [e.path, e.body.kind === 'blocks' && e.body.createsFile]), [['a.py', false], ['new.py', true]]);
    });

    it('finds an unfenced diff in prose', () => {
      assert.equal(parseAnswer(`Here is the patch:\n\n${diff}\nDone.`).edits[0]?.path, 'src/x.ts');
    });

    it('leaves out a last hunk cut short of its counts, or any uncounted last hunk of an unclosed fence', () => {
      const cut = parseAnswer('```diff\n--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n-b\n');
      assert.equal(cut.edits.length, 0);
      assert.match(cut.leftOut[0], /cut off/);
      assert.equal(parseAnswer('```diff\n--- a/x\n+++ b/x\n@@ ... @@\n a\n-b\n+B\n').edits.length, 0);
      assert.equal(parseAnswer('```diff\n--- a/x\n+++ b/x\n@@ ... @@\n a\n-b\n+B\n```\n').edits.length, 1);
    });

    it('refuses a hunk with a line that is not diff syntax', () => {
      const parsed = parseAnswer('```diff\n--- a/x\n+++ b/x\n@@ ... @@\n a\nplain line\n-b\n```\n');
      assert.equal(parsed.edits.length, 0);
      assert.match(parsed.leftOut[0], /not diff syntax/);
    });
  });

  describe('apply_patch patches', () => {
    it('reads updates with the line each hunk follows, and added files', () => {
      const answer = '*** Begin Patch\n*** Update File: a.py\n@@ def f():\n-    return 1\n+    return 2\n*** Add File: b.py\n+x = 1\n*** End Patch\n';
      const edits = parseAnswer(answer).edits;
      assert.deepEqual(edits.map((e) => [e.path, e.body]), [
        ['a.py', { kind: 'blocks', format: 'diff', createsFile: false, blocks: [{ search: ['    return 1'], replace: ['    return 2'], after: 'def f():' }] }],
        ['b.py', { kind: 'blocks', format: 'diff', createsFile: true, blocks: [{ search: [], replace: ['x = 1'] }] }],
      ]);
    });

    it('leaves out a patch cut before *** End Patch, and deletions', () => {
      const cut = parseAnswer('```\n*** Begin Patch\n*** Update File: a.py\n-    return 1\n+    return');
      assert.equal(cut.edits.length, 0);
      assert.match(cut.leftOut.join(), /cut off/);
      assert.match(parseAnswer('*** Begin Patch\n*** Delete File: a.py\n*** End Patch\n').leftOut.join(), /deletes a\.py/);
    });
  });

  describe('one code block (the chat Apply)', () => {
    it('reads SEARCH/REPLACE code as blocks, never as a snippet', () => {
      const parsed = parseCodeBlock(sr('a\n', 'b\n').trimEnd(), 'ts');
      assert.equal(parsed.edits[0].body.kind, 'blocks');
    });

    it('reads a diff block as hunks, and a plain block as code naming its file in its first comment', () => {
      assert.equal(parseCodeBlock('--- a/x\n+++ b/x\n@@ ... @@\n-a\n+b', 'diff').edits[0].body.kind, 'blocks');
      const [edit] = parseCodeBlock('# app/main.py\nprint(1)', 'python').edits;
      assert.deepEqual([edit.path, edit.body.kind === 'code' && edit.body.text], ['app/main.py', 'print(1)\n']);
    });
  });
});
