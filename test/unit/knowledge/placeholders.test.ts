import { strict as assert } from 'node:assert';
import { codeRanges, expandPlaceholders, findPlaceholders, inputsOf, placeholderErrors, PROMPT_VARIABLES, type Expansion } from '../../../src/core/knowledge/placeholders';

const EDITOR = { selection: 'const a = 1;', file: 'src/util/math.test.ts', workspaceFolder: '/home/ada/shop' };

function text(expansion: Expansion): string {
  assert.ok(expansion.ok, expansion.ok ? '' : JSON.stringify(expansion.errors));
  return expansion.text;
}

describe('prompt placeholders', () => {
  it('knows VS Code’s prompt-file variables', () => {
    assert.deepEqual([...PROMPT_VARIABLES].sort(), [
      'file',
      'fileBasename',
      'fileBasenameNoExtension',
      'fileDirname',
      'selectedText',
      'selection',
      'workspaceFolder',
      'workspaceFolderBasename',
    ]);
  });

  it('expands selection, file and workspace variables from the editor state', () => {
    const template = [
      'Sel: ${selection} / ${selectedText}',
      'File: ${file} | ${fileBasename} | ${fileBasenameNoExtension} | ${fileDirname}',
      'Folder: ${workspaceFolder} | ${workspaceFolderBasename}',
    ].join('\n');
    assert.equal(
      text(expandPlaceholders(template, EDITOR)),
      [
        'Sel: const a = 1; / const a = 1;',
        'File: src/util/math.test.ts | math.test.ts | math.test | src/util',
        'Folder: /home/ada/shop | shop',
      ].join('\n'),
    );
    assert.equal(text(expandPlaceholders('${fileBasenameNoExtension} ${fileDirname}', { file: '.eslintrc' })), '.eslintrc ');
  });

  it('expands inputs, with or without a placeholder hint, and the same input everywhere it appears', () => {
    const template = 'Write a ${input:kind:component or hook} named ${input:name}. Test ${input:name}. ${ input:kind }';
    assert.equal(text(expandPlaceholders(template, { inputs: { kind: 'hook', name: 'useCart' } })), 'Write a hook named useCart. Test useCart. hook');
    assert.deepEqual(inputsOf(findPlaceholders(template)), [{ name: 'kind', hint: 'component or hook' }, { name: 'name' }]);
    assert.deepEqual(inputsOf(findPlaceholders('${input:a} ${input:a:later hint}')), [{ name: 'a', hint: 'later hint' }]);
    assert.equal(text(expandPlaceholders('[${input:x}]', { inputs: { x: '' } })), '[]', 'an empty value is a value');
  });

  it('reports unknown placeholders with name, offset, line and column, and expands nothing', () => {
    const template = 'Hello ${selection}\nand ${selectoin} and ${input:} and ${input:bad name} and ${}';
    const result = expandPlaceholders(template, EDITOR);
    assert.equal(result.ok, false);
    const errors = result.ok ? [] : result.errors;
    assert.deepEqual(
      errors.map((e) => [e.name, e.offset, e.line, e.column, e.kind]),
      [
        ['selectoin', template.indexOf('${selectoin}'), 2, 5, 'unknown'],
        ['input:', template.indexOf('${input:}'), 2, template.indexOf('${input:}') - template.indexOf('\n'), 'unknown'],
        ['input:bad name', template.indexOf('${input:bad'), 2, template.indexOf('${input:bad') - template.indexOf('\n'), 'unknown'],
        ['', template.indexOf('${}'), 2, template.indexOf('${}') - template.indexOf('\n'), 'unknown'],
      ],
    );
    assert.match(errors[0].message, /\$\{selectoin\} is not a placeholder Tandem knows\. Known: \$\{selection\}/);
  });

  it('reports what the editor does not have and inputs not given', () => {
    const errors = placeholderErrors('${selection} ${fileBasename} ${workspaceFolderBasename} ${input:topic:what}', {});
    assert.deepEqual(errors.map((e) => [e.name, e.kind]), [
      ['selection', 'missing'],
      ['fileBasename', 'missing'],
      ['workspaceFolderBasename', 'missing'],
      ['input:topic', 'missing'],
    ]);
    assert.match(errors[0].message, /needs a selection: select code first/);
    assert.match(errors[3].message, /needs a value for “topic”/);
    assert.deepEqual(placeholderErrors('${selection}', { selection: '' }), [], 'an empty selection is still a selection');
  });

  it('leaves unknown ${…} in code alone (template literals), but still expands known ones there', () => {
    const template = [
      'Refactor:',
      '```ts',
      '${selection}',
      'const greeting = `Hi ${user.name}`;',
      '```',
      'Keep `${count}` as is, and ~~~ fences too:',
      '~~~',
      '${other}',
      '~~~',
    ].join('\n');
    assert.equal(
      text(expandPlaceholders(template, EDITOR)),
      ['Refactor:', '```ts', 'const a = 1;', 'const greeting = `Hi ${user.name}`;', '```', 'Keep `${count}` as is, and ~~~ fences too:', '~~~', '${other}', '~~~'].join('\n'),
    );
    const outside = expandPlaceholders('`a` ${typo} `b`', EDITOR);
    assert.equal(outside.ok, false, 'between two code spans is not code');
  });

  it('an unclosed fence runs to the end; a shorter closing fence does not close a longer one', () => {
    assert.equal(expandPlaceholders('````\n${x}\n```\n${y}', {}).ok, true);
    assert.equal(expandPlaceholders('```\n${x}', {}).ok, true);
    const ranges = codeRanges('a\n```js\ncode\n```\nb `c` d');
    assert.equal(ranges.length, 2);
    assert.equal(expandPlaceholders('`a\n\n${typo}\n`', {}).ok, false, 'an inline span does not cross a blank line');
  });

  it('writes an escaped \\${…} literally outside code, and leaves it as is in code', () => {
    assert.equal(text(expandPlaceholders('Type \\${selection} to insert ${selection}.', EDITOR)), 'Type ${selection} to insert const a = 1;.');
    assert.equal(text(expandPlaceholders('\\${unknown} is fine', {})), '${unknown} is fine');
    assert.equal(text(expandPlaceholders('```js\nconst s = `\\${a}`;\n```', {})), '```js\nconst s = `\\${a}`;\n```');
  });

  it('does not expand placeholders found inside inserted values', () => {
    const expanded = text(expandPlaceholders('${selection} then ${input:q}', { selection: 'uses ${input:q} and \\${x}', inputs: { q: '${selection}' } }));
    assert.equal(expanded, 'uses ${input:q} and \\${x} then ${selection}');
  });

  it('reads placeholders, not text that merely looks close', () => {
    assert.deepEqual(findPlaceholders('$selection {selection} $ {file} ${multi\nline}'), []);
    assert.deepEqual(findPlaceholders('${ selection }').map((p) => p.kind), ['variable'], 'spaces inside are tolerated');
  });
});
