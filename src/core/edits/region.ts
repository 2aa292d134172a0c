// Replaces a stretch of file lines with proposed lines already in the file's indentation. Lines the proposal
// repeats unchanged (give or take trailing whitespace) keep the file's own bytes, so they never show as changes.
import { diffArrays } from 'diff';
import { type IndentContext, fileColumns } from './reindent';
import type { OutputLine } from './text';

function sameLine(existing: string, proposed: string, ctx: IndentContext): boolean {
  return existing.trim() === proposed.trim() && fileColumns(existing, ctx) === fileColumns(proposed, ctx);
}

export function replaceLines(
  fileLines: readonly string[],
  start: number,
  end: number,
  proposed: readonly string[],
  ctx: IndentContext,
): OutputLine[] {
  const out: OutputLine[] = [];
  let head = 0;
  const maxHead = Math.min(end - start, proposed.length);
  while (head < maxHead && sameLine(fileLines[start + head], proposed[head], ctx)) out.push({ kept: start + head++ });
  let tail = 0;
  while (tail < maxHead - head && sameLine(fileLines[end - 1 - tail], proposed[proposed.length - 1 - tail], ctx)) tail++;
  const oldIndexes = Array.from({ length: end - start - head - tail }, (_, k) => start + head + k);
  const newIndexes = Array.from({ length: proposed.length - head - tail }, (_, k) => head + k);
  const changes = diffArrays(oldIndexes, newIndexes, {
    comparator: (oldIndex, newIndex) => sameLine(fileLines[oldIndex], proposed[newIndex], ctx),
  });
  let oldPos = 0;
  let newPos = 0;
  for (const change of changes) {
    if (change.removed) oldPos += change.count;
    else if (change.added) {
      for (let k = 0; k < change.count; k++) out.push({ text: proposed[newIndexes[newPos++]] });
    } else {
      for (let k = 0; k < change.count; k++) {
        out.push({ kept: oldIndexes[oldPos++] });
        newPos++;
      }
    }
  }
  for (let k = tail; k > 0; k--) out.push({ kept: end - k });
  return out;
}
