import { strict as assert } from 'node:assert';
import { applyHunks, computeHunks, hunkRanges, lineTokens } from '../../../src/core/edits/hunks';

const before = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\n';
const after = 'zero\none\nTWO\nthree\nfive\nsix\nseven\neight\n';

function permutations(items: number[]): number[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('edit hunks', () => {
  it('splits lines keeping their terminators', () => {
    assert.deepEqual(lineTokens('a\r\nb\nc'), ['a\r\n', 'b\n', 'c']);
    assert.deepEqual(lineTokens(''), []);
    assert.deepEqual(lineTokens('\n'), ['\n']);
  });

  it('finds one hunk per changed stretch, with old and new line ranges', () => {
    const hunks = computeHunks(before, after);
    assert.deepEqual(
      hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines]),
      [[0, 0, 0, 1], [1, 1, 2, 1], [3, 1, 4, 0], [7, 0, 7, 1]],
    );
    assert.deepEqual(hunks[1].removed, ['two\n']);
    assert.deepEqual(hunks[1].added, ['TWO\n']);
  });

  it('accepting all hunks gives the new text, none the original', () => {
    const hunks = computeHunks(before, after);
    assert.equal(applyHunks(before, hunks, hunks.map((_, i) => i)), after);
    assert.equal(applyHunks(before, hunks, []), before);
  });

  it('accepting hunks one by one, in any order, ends at the new text', () => {
    const hunks = computeHunks(before, after);
    for (const order of permutations(hunks.map((_, i) => i))) {
      const accepted: number[] = [];
      let previous = before;
      for (const index of order) {
        accepted.push(index);
        const text = applyHunks(before, hunks, accepted);
        assert.notEqual(text, previous);
        previous = text;
      }
      assert.equal(previous, after);
    }
  });

  it('keeps CRLF, a BOM and a missing final newline byte for byte', () => {
    const old = '\uFEFFa\r\nb\r\nc\r\nd';
    const edited = '\uFEFFa\r\nB\r\nc\r\nd\r\ne';
    const hunks = computeHunks(old, edited);
    assert.equal(hunks.length, 2);
    assert.equal(applyHunks(old, hunks, hunks.map((_, i) => i)), edited);
    assert.equal(applyHunks(old, hunks, []), old);
    assert.equal(applyHunks(old, hunks, [0]), '\uFEFFa\r\nB\r\nc\r\nd');
    assert.equal(applyHunks(old, hunks, [1]), '\uFEFFa\r\nb\r\nc\r\nd\r\ne');
  });

  it('refuses hunks made from another text', () => {
    const hunks = computeHunks(before, after);
    assert.throws(() => applyHunks('other\ntext\n', hunks, [1]), /does not apply/);
  });

  it('maps hunks to document ranges, shifted by hunks already accepted', () => {
    const hunks = computeHunks(before, after);
    const ranges = hunkRanges(hunks);
    assert.deepEqual(ranges[0], { index: 0, startLine: 0, endLine: 0, deletedLines: [], insertedLines: ['zero'] });
    assert.deepEqual(ranges[2], { index: 2, startLine: 3, endLine: 4, deletedLines: ['four'], insertedLines: [] });
    const afterFirst = hunkRanges(hunks, [0]);
    assert.deepEqual(afterFirst.map((r) => [r.index, r.startLine, r.endLine]), [[1, 2, 3], [2, 4, 5], [3, 8, 8]]);
    // The shifted ranges point at the same lines in the partially accepted document.
    const doc = applyHunks(before, hunks, [0]).split('\n');
    for (const r of afterFirst) assert.deepEqual(doc.slice(r.startLine, r.endLine), r.deletedLines);
  });

  it('has no hunks when nothing changed', () => {
    assert.deepEqual(computeHunks(before, before), []);
  });
});
