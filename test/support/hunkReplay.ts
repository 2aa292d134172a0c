// Accepting a suggestion's hunks as the editor does (one replace of whole lines per hunk) and undoing those
// replaces, compared byte for byte: shared by the undo and stale-document edit batteries in test/reliability.
import { strict as assert } from 'node:assert';
import type { Hunk } from '../../src/core/edits/hunks';
import { lineOffset, type Suggestion } from '../../src/core/edits/suggestion';

export const BOM = '\uFEFF';
export const all = (hunks: readonly Hunk[]) => hunks.map((_, i) => i);
const bytes = (text: string) => Buffer.from(text, 'utf8');
export const assertBytes = (actual: string, expected: string, what: string) => assert.ok(bytes(actual).equals(bytes(expected)), `${what}: ${JSON.stringify(actual)} !== ${JSON.stringify(expected)}`);

export interface Replace {
  readonly offset: number;
  readonly removed: string;
  readonly inserted: string;
}

/**
 * Accepts a suggestion's hunks one at a time in `order`, each as one replace of whole lines at document offsets
 * (what the inline diff controller hands VS Code), recording each replace as an undo step. `text` is the document
 * as it is now. Returns the final text and the steps.
 */
export function acceptInto(suggestion: Suggestion, text: string, order: readonly number[]): { text: string; undo: Replace[] } {
  const undo: Replace[] = [];
  let result = text;
  for (const index of order) {
    const range = suggestion.pending().find((r) => r.index === index);
    assert.ok(range, `hunk ${index} is pending`);
    const start = lineOffset(result, range.startLine);
    const end = lineOffset(result, range.endLine);
    const removed = result.slice(start, end);
    assert.equal(removed, suggestion.hunks[index].removed.join(''), 'the range holds exactly the lines the hunk replaces');
    const inserted = suggestion.hunks[index].added.join('');
    result = result.slice(0, start) + inserted + result.slice(end);
    undo.push({ offset: start, removed, inserted });
    suggestion.accepted.add(index);
    assertBytes(result, suggestion.expectedText(), 'document and suggestion agree');
  }
  return { text: result, undo };
}

export function undoAll(text: string, steps: readonly Replace[]): string {
  let result = text;
  for (const step of [...steps].reverse()) {
    assert.equal(result.slice(step.offset, step.offset + step.inserted.length), step.inserted);
    result = result.slice(0, step.offset) + step.removed + result.slice(step.offset + step.inserted.length);
  }
  return result;
}

/** The document's lines (no BOM, no terminators), as the edit engine sees them. */
export function docLines(text: string): string[] {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  if (body === '') return [];
  const lines = body.split(/\r\n|\n/);
  if (/\n$/.test(body)) lines.pop();
  return lines;
}
