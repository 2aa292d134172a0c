import * as assert from 'node:assert/strict';
import { computeHunks } from '../../../src/core/edits/hunks';
import { Suggestion, lineOffset } from '../../../src/core/edits/suggestion';

const ORIGINAL = 'a\nb\nc\nd\ne\nf\ng\n';
const PROPOSED = 'a\nB\nc\nd\ne\nF\nF2\ng\n';

describe('inline diff suggestion state', () => {
  const make = () => new Suggestion('s1', 'file:///x', 'Fix', ORIGINAL, computeHunks(ORIGINAL, PROPOSED));

  it('tracks pending hunks as some are accepted or rejected', () => {
    const s = make();
    assert.equal(s.pending().length, 2);
    s.accepted.add(1);
    assert.equal(s.expectedText(), 'a\nb\nc\nd\ne\nF\nF2\ng\n');
    s.rejected.add(0);
    assert.deepEqual(s.pending(), []);
    assert.equal(s.proposedText(), 'a\nb\nc\nd\ne\nF\nF2\ng\n');
  });

  it('re-anchors pending hunks after an edit elsewhere and drops the ones an edit touched', () => {
    const s = make();
    const dropped = s.rebase('top\na\nb\nc\nd\ne\nX\ng\n');
    assert.deepEqual(dropped, [1]);
    assert.equal(s.pending().length, 1);
    assert.equal(s.pending()[0].startLine, 2);
    assert.equal(s.proposedText(), 'top\na\nB\nc\nd\ne\nX\ng\n');
  });

  it('computes line offsets with CRLF', () => {
    assert.equal(lineOffset('ab\r\ncd\r\nef', 2), 8);
    assert.equal(lineOffset('ab\r\n', 5), 4);
  });
});

describe('inline diff suggestion: the hunk at the cursor', () => {
  // Hunk 0 replaces line 1 ("b"); hunk 1 replaces line 5 ("f") with two lines; hunk 2 inserts before line 7 ("g").
  const make = () => new Suggestion('s2', 'file:///y', 'Fix', ORIGINAL, computeHunks(ORIGINAL, 'a\nB\nc\nd\ne\nF\nF2\nnew\ng\n'));

  it('is the hunk whose lines hold the cursor, never the next one below', () => {
    const s = make();
    assert.equal(s.pending().length, 2, 'F, F2 and new form one hunk with f');
    assert.equal(s.hunkAt(0), undefined);
    assert.equal(s.hunkAt(1)?.index, 0);
    assert.equal(s.hunkAt(2), undefined, 'a cursor between hunks is in none (the old "at or after" rule took the next)');
    assert.equal(s.hunkAt(5)?.index, 1);
    assert.equal(s.hunkAt(6), undefined);
  });

  it('a pure insertion is at the lines on both sides of its insertion point', () => {
    const s = new Suggestion('s3', 'file:///z', 'Add Docs', 'a\nb\nc\n', computeHunks('a\nb\nc\n', 'a\n// doc\nb\nc\n'));
    assert.equal(s.pending()[0].startLine, 1);
    assert.equal(s.hunkAt(0)?.index, 0);
    assert.equal(s.hunkAt(1)?.index, 0);
    assert.equal(s.hunkAt(2), undefined);
  });

  it('next and previous wrap around the file', () => {
    const s = make();
    assert.equal(s.neighbour(0, true)?.index, 0);
    assert.equal(s.neighbour(1, true)?.index, 1);
    assert.equal(s.neighbour(5, true)?.index, 0, 'wraps to the first');
    assert.equal(s.neighbour(5, false)?.index, 0);
    assert.equal(s.neighbour(1, false)?.index, 1, 'wraps to the last');
    assert.equal(s.neighbour(3, false)?.index, 0);
  });
});
