import { strict as assert } from 'node:assert';
import { FileMatcher } from '../../../src/core/edits/match';
import { estimateDrift, indentContext, reindent } from '../../../src/core/edits/reindent';

const file = [
  'class Cart {',
  '  add(item) {',
  '    this.items.push(item);',
  '    this.total += item.price;',
  '  }',
  '',
  '  remove(item) {',
  '    this.items = this.items.filter((i) => i !== item);',
  '    this.total -= item.price;',
  '  }',
  '}',
];

describe('edit matching', () => {
  const matcher = new FileMatcher(file, indentContext(file, []));

  it('places a block despite drifted indentation and a modified line', () => {
    const placement = matcher.best(['remove(item) {', '  this.items = this.items.filter((i) => i.id !== item.id);', '  this.total -= item.price;', '}'], 0, file.length);
    assert.ok(placement);
    assert.deepEqual([placement.start, placement.end], [6, 10]);
    assert.equal(placement.exact, 2);
  });

  it('keeps to the range it is given', () => {
    assert.equal(matcher.best(['this.total -= item.price;'], 0, 3), undefined);
    assert.equal(matcher.best(['this.total -= item.price;'], 0, 9)?.start, 8);
  });

  it('prefers a closing brace at the expected depth when the drift is known', () => {
    const placement = matcher.best(['}'], 4, file.length, { drift: 0, exactOnly: true });
    assert.equal(placement?.start, 10);
  });

  it('finds nothing for unrelated code', () => {
    assert.equal(matcher.best(['renderChart(points);', 'canvas.flush();'], 0, file.length), undefined);
  });
});

describe('edit re-indentation', () => {
  it('moves spaces to tabs, level for level, and applies the drift', () => {
    const ctx = indentContext(['\tfunc() {', '\t\tx()', '\t}'], ['if a:', '    b()', '    if c:', '        d()']);
    assert.deepEqual(reindent(['if a:', '    b()', '', '        d()'], ctx, 4), ['\tif a:', '\t\tb()', '', '\t\t\td()']);
  });

  it('moves tabs to the file unit of spaces', () => {
    const ctx = indentContext(['a', '  b', '    c'], ['x', '\ty']);
    assert.deepEqual(reindent(['x', '\ty'], ctx, 2), ['  x', '    y']);
  });

  it('leaves lines untouched without drift or style change', () => {
    const ctx = indentContext(['a', '  b'], ['x', '   odd']);
    assert.deepEqual(reindent(['x', '   odd  '], ctx, 0), ['x', '   odd  ']);
  });

  it('estimates the drift from the outermost shared lines, not from bodies re-indented on purpose', () => {
    const ctx = indentContext(['function f()', '  return x', 'end'], []);
    const pairs = [
      ['function f()', 'function f()'],
      ['    return x', '  return x'],
      ['  end', 'end'],
    ] as const;
    assert.equal(estimateDrift(pairs, ctx), 0);
    assert.equal(estimateDrift([['x = 1', '    x = 1']], ctx), 4);
    assert.equal(estimateDrift([], ctx), 0);
  });
});
