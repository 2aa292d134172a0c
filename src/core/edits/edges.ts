// Where a stretch's edges fall when its lines alone do not say: a closer pinned to the end of the block the
// previous stretch left open, and a first or last stretch with no elision beside it tied to the start or end of
// its block (or the file), so a changed first or last line replaces the old one instead of landing next to it.
import type { Placement } from './match';
import { type IndentContext, fileColumns, proposalColumns } from './reindent';
import { isCloserLine } from './scope';
import { isBlank, preview } from './text';

export interface FileShape {
  fileLines: readonly string[];
  /** Where each file block ends (see blockEnds). */
  fileEnds: ReadonlyArray<number | undefined>;
  ctx: IndentContext;
}

/**
 * Placements that agree with a stretch line being the closer of an open block (file line `at`): lines before it
 * inside the block, right up to the closer; lines after it after the block. With none that agree, the stretch
 * goes in just above the closer, unless lines of it were found elsewhere: then the file has code between them
 * and the closer that the stretch does not show, and guessing would delete it.
 */
export function pinToCloser(fileLines: readonly string[], found: readonly Placement[], [line, at]: [number, number], lines: readonly string[]): Placement[] | string {
  const agree = found.filter((p) => {
    if (p.pairs.some(([j, i]) => (j < line && i >= at) || (j > line && i <= at) || (j === line && i !== at))) return false;
    const before = p.pairs.filter(([j]) => j < line);
    const lastInside = before.length > 0 ? before[before.length - 1][1] : at - 1;
    for (let i = lastInside + 1; i < at; i++) if (!isBlank(fileLines[i])) return false;
    return true;
  });
  const withPin = agree.map((p): Placement => {
    if (p.pairs.some(([j]) => j === line)) return p;
    const pairs = [...p.pairs.filter(([j]) => j < line), [line, at] as [number, number], ...p.pairs.filter(([j]) => j > line)];
    return { ...p, pairs, start: Math.min(p.start, at), end: Math.max(p.end, at + 1) };
  });
  if (withPin.length > 0) return withPin;
  if (found.some((p) => p.exact > 0)) return `The lines starting ${preview(lines)} end their block, but the file has more code before its end than the snippet shows.`;
  return [{ start: at, end: at + 1, score: 0.2, pairs: [[line, at]], exact: 0, extendsOnly: true }];
}

/**
 * A last stretch with no elision after it ends where the block it is in ends (or the file, at the top level),
 * and a first stretch with no elision before it starts where its block starts: the lines it shows past its
 * last (before its first) found line replace the file's there, when there are no more of those than of these.
 * More file lines than that are elided code the model did not mean to delete, so they stay.
 */
export function tieEdges(
  file: FileShape,
  stretch: { lines: readonly string[]; elidedBefore: boolean; elidedAfter: boolean },
  k: number,
  pairs: ReadonlyArray<[number, number]>,
  [start, end]: [number, number],
  [lo, hi]: [number, number],
  drift: number | undefined,
): [number, number] {
  const { fileLines, fileEnds, ctx } = file;
  const { lines } = stretch;
  const count = (from: number, to: number, of: readonly string[]) => of.slice(from, to).filter((l) => !isBlank(l)).length;
  const columns = (line: string | undefined) => (line === undefined ? 0 : proposalColumns(line, ctx) + (drift ?? 0));
  /** The innermost file block around line i whose header is less indented than `depth`. */
  const scopeOf = (i: number, depth: number): number | undefined => {
    let best: number | undefined;
    for (let h = i - 1; h >= lo; h--) {
      const e = fileEnds[h];
      if (e === undefined || e < i || fileColumns(fileLines[h], ctx) >= depth) continue;
      if (best === undefined || e < fileEnds[best]!) best = h;
    }
    return best;
  };
  const [firstJ, firstI] = pairs[0];
  const [lastJ, lastI] = pairs[pairs.length - 1];
  if (!stretch.elidedAfter && (stretch.elidedBefore || k > 0)) {
    const last = [...lines].reverse().find((l) => !isBlank(l));
    const header = scopeOf(lastI, columns(last));
    let scopeEnd = hi;
    if (header !== undefined && header < start) {
      const e = fileEnds[header]!;
      scopeEnd = Math.min(hi, isCloserLine(fileLines[e]) ? e : e + 1);
    }
    const shown = count(lastJ + 1, lines.length, lines);
    const elided = count(lastI + 1, scopeEnd, fileLines);
    if (elided > 0 && elided <= shown && scopeEnd > end) end = scopeEnd;
  }
  if (!stretch.elidedBefore && stretch.elidedAfter) {
    const header = scopeOf(firstI, columns(lines.find((l) => !isBlank(l))));
    const scopeStart = header !== undefined ? Math.max(lo, header + 1) : lo;
    const shown = count(0, firstJ, lines);
    const elided = count(scopeStart, firstI, fileLines);
    if (elided > 0 && elided <= shown && scopeStart < start) start = scopeStart;
  }
  return [start, end];
}
