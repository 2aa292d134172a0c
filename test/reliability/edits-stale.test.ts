// Reliability battery, edits: a stale document. Hunks made from one text are refused by a changed text (applyHunks
// throws), and a suggestion whose document changed re-anchors what still applies and withdraws what the change
// touched (Suggestion.rebase), never writing over the user's edit.
import { strict as assert } from 'node:assert';
import { applyHunks, computeHunks, lineTokens } from '../../src/core/edits/hunks';
import { Suggestion } from '../../src/core/edits/suggestion';
import { BOM, acceptInto, all, assertBytes, docLines, undoAll } from '../support/hunkReplay';
import { seededRandom as rng } from '../support/random';

const ORIGINAL = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
/** Three hunks: line 2 changed (index 0), a line inserted after five (index 1), line nine removed (index 2). */
const PROPOSED = ['one', 'TWO', 'three', 'four', 'five', 'five and a half', 'six', 'seven', 'eight', 'ten'];

interface StaleCase {
  readonly name: string;
  /** The user's change to the document's lines while the suggestion is shown. */
  readonly change: (lines: string[]) => string[];
  /** Hunks accepted before the change. */
  readonly acceptedBefore?: readonly number[];
  readonly dropped: readonly number[];
}

const STALE: readonly StaleCase[] = [
  { name: 'nothing changed', change: (l) => l, dropped: [] },
  { name: 'a line typed above every hunk', change: (l) => ['// new first line', ...l], dropped: [] },
  { name: 'a line deleted between two hunks', change: (l) => l.filter((x) => x !== 'four'), dropped: [] },
  { name: 'the line a hunk replaces was edited', change: (l) => l.map((x) => (x === 'two' ? 'two (edited by the user)' : x)), dropped: [0] },
  { name: 'the line a hunk removes was edited', change: (l) => l.map((x) => (x === 'nine' ? 'NINE' : x)), dropped: [2] },
  { name: 'the line a hunk removes was deleted', change: (l) => l.filter((x) => x !== 'nine'), dropped: [2] },
  { name: 'a line typed where a hunk inserts', change: (l) => l.flatMap((x) => (x === 'five' ? [x, 'user line'] : [x])), dropped: [1] },
  { name: 'the line before an insertion was edited', change: (l) => l.map((x) => (x === 'five' ? 'FIVE' : x)), dropped: [1] },
  { name: 'the user typed the suggested change themselves', change: (l) => l.map((x) => (x === 'two' ? 'TWO' : x)), dropped: [0] },
  { name: 'the whole file was replaced', change: () => ['something', 'else', 'entirely'], dropped: [0, 1, 2] },
  { name: 'the file was emptied', change: () => [], dropped: [0, 1, 2] },
  { name: 'a change after a hunk was accepted', acceptedBefore: [0], change: (l) => l.map((x) => (x === 'nine' ? 'NINE' : x)), dropped: [2] },
  { name: 'a line typed at the top after a hunk was accepted', acceptedBefore: [1], change: (l) => ['top', ...l], dropped: [] },
];

describe('reliability: a stale document never gets a suggestion written over it', () => {
  for (const [eolName, eol, bom] of [['LF', '\n', ''], ['CRLF', '\r\n', ''], ['BOM + CRLF', '\r\n', BOM]] as const) {
    const join = (lines: readonly string[]) => bom + lines.map((l) => l + eol).join('');
    const original = join(ORIGINAL);
    const proposed = join(PROPOSED);

    describe(eolName, () => {
      it('hunks made from the original are refused by a text whose hunk lines changed', () => {
        const hunks = computeHunks(original, proposed);
        assert.equal(hunks.length, 3);
        for (const changed of [
          join(ORIGINAL.map((x) => (x === 'two' ? 'two!' : x))),
          join(ORIGINAL.filter((x) => x !== 'nine')),
          join(['zero', ...ORIGINAL]),
          original.replace(/\r\n/g, '\n') === original ? original.replace(/\n/g, '\r\n') : original.replace(/\r\n/g, '\n'),
        ]) {
          assert.throws(() => applyHunks(changed, hunks, all(hunks)), /does not apply/);
        }
      });

      for (const stale of STALE) {
        it(`${stale.name}: withdraws ${stale.dropped.length ? `hunk ${stale.dropped.join(', ')}` : 'nothing'}, and what is kept applies without touching the user's text`, () => {
          const hunks = computeHunks(original, proposed);
          const suggestion = new Suggestion('s', 'file:///doc', 'Edit', original, hunks);
          for (const index of stale.acceptedBefore ?? []) suggestion.accepted.add(index);
          const before = suggestion.expectedText();
          // The user's edit, applied to the document as it is now (hunks accepted before included).
          const current = join(stale.change(docLines(before)));
          const keptBefore = suggestion.pending().map((r) => r.index);
          const dropped = suggestion.rebase(current);
          assert.deepEqual(dropped, stale.dropped);
          assert.equal(suggestion.pending().length, keptBefore.length - dropped.length);
          assertBytes(suggestion.expectedText(), current, 'the suggestion now starts from the current text');

          // Each kept hunk finds exactly its lines in the current text.
          const tokens = lineTokens(current);
          for (const range of suggestion.pending()) {
            assert.deepEqual(tokens.slice(range.startLine, range.endLine), suggestion.hunks[range.index].removed);
          }

          // Accepting everything kept changes only the hunks' lines: undoing them gives the user's text back.
          const proposedNow = suggestion.proposedText();
          const { text, undo } = acceptInto(suggestion, current, suggestion.pending().map((r) => r.index));
          assertBytes(text, proposedNow, 'accept all');
          assertBytes(undoAll(text, undo), current, 'undo gives the user\'s text back');
          const userLines = docLines(current);
          const resultLines = docLines(text);
          for (const line of userLines.filter((l) => !PROPOSED.includes(l) && !ORIGINAL.includes(l))) {
            assert.ok(resultLines.includes(line), `the user's line "${line}" survives`);
          }
        });
      }
    });
  }

  it('random user edits while a suggestion is shown: kept hunks always find their exact lines (500 cases)', () => {
    const random = rng(0xbadc0de);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const vocabulary = ['a', 'b', 'c', 'd', '}', '', 'x', 'same'];
    const mutate = (lines: readonly string[]) => {
      const out: string[] = [];
      for (const line of lines) {
        const roll = random();
        if (roll < 0.08) continue;
        out.push(roll < 0.16 ? pick(vocabulary) : line);
        if (random() < 0.08) out.push(pick(vocabulary));
      }
      return out;
    };
    for (let n = 0; n < 500; n++) {
      const eol = pick(['\n', '\r\n']);
      const join = (lines: readonly string[]) => lines.map((l) => l + eol).join('');
      const originalLines = Array.from({ length: 3 + Math.floor(random() * 12) }, () => pick(vocabulary));
      const original = join(originalLines);
      const suggestion = new Suggestion('s', 'file:///doc', 'Edit', original, computeHunks(original, join(mutate(originalLines))));
      for (const range of suggestion.pending()) if (random() < 0.3) suggestion.accepted.add(range.index);
      const current = join(mutate(docLines(suggestion.expectedText())));
      const label = `case ${n}: ${JSON.stringify(original)} / ${JSON.stringify(current)}`;
      suggestion.rebase(current);
      assertBytes(suggestion.expectedText(), current, label);
      const tokens = lineTokens(current);
      for (const range of suggestion.pending()) assert.deepEqual(tokens.slice(range.startLine, range.endLine), suggestion.hunks[range.index].removed, label);
      const proposedNow = suggestion.proposedText();
      const { text, undo } = acceptInto(suggestion, current, suggestion.pending().map((r) => r.index));
      assertBytes(text, proposedNow, label);
      assertBytes(undoAll(text, undo), current, label);
    }
  });
});
