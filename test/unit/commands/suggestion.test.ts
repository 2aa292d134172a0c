import * as assert from 'node:assert/strict';
import { computeHunks } from '../../../src/core/edits/hunks';
import { Suggestion, lineOffset } from '../../../src/host/inlineDiff/suggestion';

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
