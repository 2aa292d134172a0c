// Reliability battery, edits: byte-exact undo. Applying hunks (all, or any subset, one replace per hunk as the
// editor does) and undoing them gives back the original bytes, for CRLF, BOM, no final newline, mixed line ends
// and lone CR texts.
import { strict as assert } from 'node:assert';
import { computeEdit, type EditProposal } from '../../src/core/edits/engine';
import { applyHunks, computeHunks, lineTokens, type Hunk } from '../../src/core/edits/hunks';
import { Suggestion } from '../../src/core/edits/suggestion';
import { BOM, acceptInto, all, assertBytes, docLines, undoAll, type Replace } from '../support/hunkReplay';
import { seededRandom as rng } from '../support/random';

/** The inverse of a set of hunks: turns the edited text back into the original. */
function invert(hunks: readonly Hunk[]): Hunk[] {
  return hunks.map((h) => ({ oldStart: h.newStart, oldLines: h.newLines, newStart: h.oldStart, newLines: h.oldLines, removed: h.added, added: h.removed }));
}

function acceptOneByOne(original: string, hunks: readonly Hunk[], order: readonly number[]): { text: string; undo: Replace[] } {
  return acceptInto(new Suggestion('s', 'file:///doc', 'Edit', original, [...hunks]), original, order);
}

// ---------------------------------------------------------------------------------------------------------------
// Documents whose bytes must survive: every line-ending shape an editor can hold.

const LINES = ['import { a } from "./a";', '', 'function main() {', '\tconst naïve = "🚀 中文";  ', '\treturn a(naïve);', '}', '', 'main();'];

const DOCUMENTS: readonly (readonly [string, string])[] = [
  ['LF', LINES.join('\n') + '\n'],
  ['CRLF', LINES.join('\r\n') + '\r\n'],
  ['BOM + LF', BOM + LINES.join('\n') + '\n'],
  ['BOM + CRLF', BOM + LINES.join('\r\n') + '\r\n'],
  ['LF, no final newline', LINES.join('\n')],
  ['CRLF, no final newline', LINES.join('\r\n')],
  ['BOM + CRLF, no final newline', BOM + LINES.join('\r\n')],
  ['mixed CRLF and LF', LINES.map((l, i) => l + (i % 2 ? '\r\n' : '\n')).join('')],
  ['lone CR inside lines (old Mac line ends stay in the line)', 'a\rb\nc\r\rd\ne\r\n'],
  ['one line, no newline', 'main();'],
  ['only newlines', '\n\n\n'],
  ['empty', ''],
];

/** Edits as a model proposes them (whole lines, LF), on a document's own lines. */
const EDITS: readonly (readonly [string, (lines: string[]) => string[]])[] = [
  ['change the first line', (l) => ['// header', ...l.slice(1)]],
  ['change the last line', (l) => [...l.slice(0, -1), 'main().catch(console.error);']],
  ['insert at the top', (l) => ['"use strict";', ...l]],
  ['append at the end', (l) => [...l, '// end']],
  ['delete the last line', (l) => l.slice(0, -1)],
  ['delete everything', () => []],
  ['three separate changes', (l) => l.flatMap((line, i) => (i === 0 ? ['// top', line] : i === 3 ? ['\tconst other = 1;'] : i === l.length - 1 ? [line, '// bottom'] : [line]))],
  ['replace every line', (l) => l.map((line) => `${line} // x`)],
];

function subsets(count: number): number[][] {
  const out: number[][] = [];
  for (let mask = 0; mask < 1 << count; mask++) out.push(all(Array.from({ length: count }) as Hunk[]).filter((i) => mask & (1 << i)));
  return out;
}

describe('reliability: edits are exact and undo is byte-exact', () => {
  for (const [docName, original] of DOCUMENTS) {
    describe(`document: ${docName}`, () => {
      for (const [editName, edit] of EDITS) {
        it(`${editName}: applied through the engine keeps the document's shape, and undo restores its bytes`, () => {
          const lines = edit(docLines(original));
          const proposal: EditProposal = { mode: 'file', text: lines.join('\n') + '\n' };
          const result = computeEdit(original, proposal);
          if (lines.every((line) => line.trim() === '')) {
            // A proposal with nothing in it would wipe the file: the engine refuses it instead.
            assert.ok(!result.ok && /empty/.test(result.reason), JSON.stringify(result));
            return;
          }
          assert.ok(result.ok, result.ok ? '' : result.reason);
          const { newText, hunks } = result;

          // The edit keeps the BOM and the dominant line ending; kept lines keep their own bytes.
          assert.equal(newText.startsWith(BOM), original.startsWith(BOM), 'BOM kept (or absent)');
          if (/\r\n/.test(original) && !/(^|[^\r])\n/.test(original.replace(/\r\n/g, ''))) assert.ok(!/(^|[^\r])\n/.test(newText), 'a CRLF document gets no bare LF');
          if (!/\r\n/.test(original) && original.includes('\n')) assert.ok(!newText.includes('\r\n'), 'an LF document gets no CRLF');

          // Hunks rebuild the edited text exactly, and the original with none accepted.
          assertBytes(applyHunks(original, hunks, all(hunks)), newText, 'all hunks');
          assertBytes(applyHunks(original, hunks, []), original, 'no hunks');

          // Undo: the inverse hunks, and a fresh diff back, both give the original bytes.
          assertBytes(applyHunks(newText, invert(hunks), all(hunks)), original, 'inverse hunks');
          const back = computeHunks(newText, original);
          assertBytes(applyHunks(newText, back, all(back)), original, 'diff back');

          // Every subset of hunks, accepted one by one as separate replaces (both orders), undoes to the original.
          for (const subset of subsets(Math.min(hunks.length, 5))) {
            for (const order of [subset, [...subset].reverse()]) {
              const { text, undo } = acceptOneByOne(original, hunks, order);
              assertBytes(text, applyHunks(original, hunks, subset), `accepting ${order.join(',')}`);
              assertBytes(undoAll(text, undo), original, `undoing ${order.join(',')}`);
            }
          }
        });
      }

      it('hunks between arbitrary byte shapes (line ends converted, BOM added or removed, final newline toggled) undo exactly', () => {
        const variants = [
          original.replace(/\r\n/g, '\n'),
          original.replace(/\r?\n/g, '\r\n'),
          original.startsWith(BOM) ? original.slice(1) : BOM + original,
          /\n$/.test(original) ? original.replace(/\r?\n$/, '') : `${original}\n`,
        ];
        for (const variant of variants) {
          const hunks = computeHunks(original, variant);
          assertBytes(applyHunks(original, hunks, all(hunks)), variant, 'forward');
          assertBytes(applyHunks(variant, invert(hunks), all(hunks)), original, 'inverse');
          const { text, undo } = acceptOneByOne(original, hunks, all(hunks));
          assertBytes(text, variant, 'one by one');
          assertBytes(undoAll(text, undo), original, 'undo one by one');
        }
      });
    });
  }

  it('random documents and edits: accept any subset one by one, then undo, gives the original bytes (300 cases)', () => {
    const random = rng(0x7a9de);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const words = ['a', 'b', 'c', '', '  x', '\ty', '}', 'é🚀', 'a\r', 'same', 'same'];
    for (let n = 0; n < 300; n++) {
      const eols = pick([['\n'], ['\r\n'], ['\n', '\r\n']]);
      const make = (count: number) => Array.from({ length: count }, () => pick(words) + pick(eols)).join('');
      let original = (random() < 0.3 ? BOM : '') + make(Math.floor(random() * 12));
      if (random() < 0.3) original = original.replace(/\r?\n$/, '');
      const tokens = lineTokens(original);
      const editedTokens: string[] = [];
      for (const token of tokens) {
        const roll = random();
        if (roll < 0.15) continue; // delete
        if (roll < 0.3) editedTokens.push(pick(words) + pick(eols)); // replace
        else editedTokens.push(token);
        if (random() < 0.15) editedTokens.push(pick(words) + pick(eols)); // insert
      }
      const edited = editedTokens.join('');
      const hunks = computeHunks(original, edited);
      const subset = all(hunks).filter(() => random() < 0.6);
      const order = random() < 0.5 ? subset : [...subset].reverse();
      const label = `case ${n}: ${JSON.stringify(original)} → ${JSON.stringify(edited)}, accepting ${order.join(',')}`;
      const { text, undo } = acceptOneByOne(original, hunks, order);
      assertBytes(text, applyHunks(original, hunks, subset), label);
      assertBytes(undoAll(text, undo), original, label);
      assertBytes(applyHunks(edited, invert(hunks), all(hunks)), original, label);
    }
  });
});
