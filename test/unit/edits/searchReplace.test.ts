import { strict as assert } from 'node:assert';
import { applyBlocks } from '../../../src/core/edits/searchReplace';
import { indentContext } from '../../../src/core/edits/reindent';
import { type OutputLine } from '../../../src/core/edits/text';

const file = ['def f():', '    a = 1', '    return a', '', 'def g():', '    a = 1', '    return a + 1'];
const ctx = indentContext(file, []);
const render = (output: OutputLine[]): string[] => output.map((line) => ('kept' in line ? file[line.kept] : line.text));

describe('edit search/replace', () => {
  it('uses context lines to pick one of two similar places', () => {
    const result = applyBlocks(file, [{ search: ['def g():', '    a = 1'], replace: ['def g():', '    a = 2'] }], ctx);
    assert.ok(result.ok);
    if (result.ok) assert.deepEqual(render(result.output).slice(4), ['def g():', '    a = 2', '    return a + 1']);
  });

  it('refuses a block found twice, naming the lines', () => {
    const result = applyBlocks(file, [{ search: ['    a = 1'], replace: ['    a = 3'] }], ctx);
    assert.deepEqual(result, { ok: false, reason: 'SEARCH block 1 (“a = 1”) matches 2 places (lines 2, 6); add surrounding lines to make it unique.' });
  });

  it('refuses a block it cannot find', () => {
    const result = applyBlocks(file, [{ search: ['def h():'], replace: [] }], ctx);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.reason, /SEARCH block 1 .*not found/);
  });

  it('re-indents a block written at column 0', () => {
    const result = applyBlocks(file, [{ search: ['return a + 1'], replace: ['if a:', '    return a + 1', 'return 0'] }], ctx);
    assert.ok(result.ok);
    if (result.ok) assert.deepEqual(render(result.output).slice(6), ['    if a:', '        return a + 1', '    return 0']);
  });

  it('keeps unchanged lines as the file has them', () => {
    const result = applyBlocks(file, [{ search: ['def f():', '    a = 1'], replace: ['def f():', '    a = 1', '    b = 2'] }], ctx);
    assert.ok(result.ok);
    if (result.ok) assert.deepEqual(result.output.slice(0, 3), [{ kept: 0 }, { kept: 1 }, { text: '    b = 2' }]);
  });
});
