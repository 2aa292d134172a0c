// Hunks between an original and an edited text, for an inline diff that accepts or rejects them one by one.
// Lines are diffed with their terminators, so applying any subset of hunks rebuilds the text byte for byte.
import { diffArrays } from 'diff';

export interface Hunk {
  /** First changed line in the original (0-based); for a pure insertion, the line it is inserted before. */
  oldStart: number;
  oldLines: number;
  /** First changed line in the edited text (0-based). */
  newStart: number;
  newLines: number;
  /** Exact original lines, terminators included (joined, they are the text the hunk replaces). */
  removed: string[];
  /** Exact edited lines, terminators included. */
  added: string[];
}

/** Splits text into lines that keep their terminators; a BOM stays on the first line. */
export function lineTokens(text: string): string[] {
  const tokens = text.match(/[^\n]*\n|[^\n]+$/g);
  return tokens ?? [];
}

export function computeHunks(oldText: string, newText: string): Hunk[] {
  const oldTokens = lineTokens(oldText);
  const newTokens = lineTokens(newText);
  // Common head and tail cost nothing to skip and keep the diff's work proportional to the changes.
  let head = 0;
  const maxHead = Math.min(oldTokens.length, newTokens.length);
  while (head < maxHead && oldTokens[head] === newTokens[head]) head++;
  let tail = 0;
  while (
    tail < maxHead - head &&
    oldTokens[oldTokens.length - 1 - tail] === newTokens[newTokens.length - 1 - tail]
  ) tail++;
  const oldMiddle = oldTokens.slice(head, oldTokens.length - tail);
  const newMiddle = newTokens.slice(head, newTokens.length - tail);
  const hunks: Hunk[] = [];
  let oldLine = head;
  let newLine = head;
  let open: Hunk | undefined;
  for (const change of diffArrays(oldMiddle, newMiddle)) {
    if (!change.added && !change.removed) {
      open = undefined;
      oldLine += change.count;
      newLine += change.count;
      continue;
    }
    if (!open) {
      open = { oldStart: oldLine, oldLines: 0, newStart: newLine, newLines: 0, removed: [], added: [] };
      hunks.push(open);
    }
    if (change.removed) {
      open.removed.push(...change.value);
      open.oldLines += change.count;
      oldLine += change.count;
    } else {
      open.added.push(...change.value);
      open.newLines += change.count;
      newLine += change.count;
    }
  }
  return hunks;
}

/**
 * The original text with only the chosen hunks applied (by index into `hunks`, in any order). Accepting all
 * gives the edited text exactly, accepting none the original. Throws if the hunks were not made from `oldText`.
 */
export function applyHunks(oldText: string, hunks: readonly Hunk[], accepted: Iterable<number>): string {
  const chosen = new Set(accepted);
  const tokens = lineTokens(oldText);
  const out: string[] = [];
  let line = 0;
  hunks.forEach((hunk, index) => {
    for (; line < hunk.oldStart; line++) out.push(tokens[line]);
    for (let i = 0; i < hunk.oldLines; i++) {
      if (tokens[line + i] !== hunk.removed[i]) throw new Error(`Hunk ${index} does not apply to this text`);
    }
    out.push(...(chosen.has(index) ? hunk.added : hunk.removed));
    line += hunk.oldLines;
  });
  for (; line < tokens.length; line++) out.push(tokens[line]);
  return out.join('');
}

/** Where a hunk sits in the document, as an inline diff shows it. */
export interface HunkRange {
  /** Index of the hunk in the list it came from. */
  index: number;
  /** Document lines the hunk deletes: [startLine, endLine), 0-based; empty for a pure insertion before startLine. */
  startLine: number;
  endLine: number;
  deletedLines: string[];
  /** Lines the hunk would insert in place of the deleted ones, without terminators. */
  insertedLines: string[];
}

const stripEol = (token: string): string => token.replace(/\r?\n$/, '');

/**
 * Document line ranges of the hunks still pending, in the document where the `accepted` hunks were already
 * applied (so positions shift by the lines those added or removed above).
 */
export function hunkRanges(hunks: readonly Hunk[], accepted: Iterable<number> = []): HunkRange[] {
  const done = new Set(accepted);
  const ranges: HunkRange[] = [];
  let shift = 0;
  hunks.forEach((hunk, index) => {
    if (done.has(index)) {
      shift += hunk.newLines - hunk.oldLines;
      return;
    }
    ranges.push({
      index,
      startLine: hunk.oldStart + shift,
      endLine: hunk.oldStart + shift + hunk.oldLines,
      deletedLines: hunk.removed.map(stripEol),
      insertedLines: hunk.added.map(stripEol),
    });
  });
  return ranges;
}
