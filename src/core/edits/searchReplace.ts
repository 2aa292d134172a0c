// Search/replace blocks (<<<<<<< SEARCH / ======= / >>>>>>> REPLACE). Each SEARCH must occur exactly once in
// the original, first compared as written, then ignoring indentation and whitespace; blocks may not overlap.
import { replaceLines } from './region';
import { type IndentContext, estimateDrift, fileColumns, proposalColumns, reindent } from './reindent';
import { applySnippet, isElision, snippetShape } from './snippet';
import { type OutputLine, isBlank, lineKey, preview } from './text';

export interface SearchReplaceBlock {
  search: string[];
  replace: string[];
  /** Where the answer says the SEARCH lines start (0-based): tells apart equal candidates, never overrides content. */
  line?: number;
  /** A line the answer says the SEARCH lines come after (apply_patch's `@@ def f():`): the first match after it. */
  after?: string;
}

export type BlocksResult = { ok: true; output: OutputLine[] } | { ok: false; reason: string };

interface Located {
  block: number;
  start: number;
  end: number;
  replace: string[];
  drift: number;
}

function occurrences(fileLines: readonly string[], search: readonly string[], same: (a: string, b: string) => boolean): number[] {
  const starts: number[] = [];
  for (let i = 0; i + search.length <= fileLines.length; i++) {
    let j = 0;
    while (j < search.length && same(fileLines[i + j], search[j])) j++;
    if (j === search.length) starts.push(i);
  }
  return starts;
}

const exact = (a: string, b: string): boolean => a.trimEnd() === b.trimEnd();
const loose = (a: string, b: string): boolean => lineKey(a) === lineKey(b);

function trimBlankEdges(lines: readonly string[]): { lines: string[]; head: number; tail: number } {
  let head = 0;
  while (head < lines.length && isBlank(lines[head])) head++;
  let tail = 0;
  while (tail < lines.length - head && isBlank(lines[lines.length - 1 - tail])) tail++;
  return { lines: lines.slice(head, lines.length - tail), head, tail };
}

/** Line numbers a model copied from a numbered listing (`12 | code`, `12: code`), consecutive on every line. */
const NUMBERED = /^\s*(\d+)(?: ?\| ?|: )/;

function withoutNumbers(lines: readonly string[]): { lines: string[]; first: number } | undefined {
  const numbered = lines.filter((l) => !isBlank(l));
  if (numbered.length === 0) return undefined;
  const numbers = numbered.map((l) => NUMBERED.exec(l));
  if (numbers.some((m) => !m)) return undefined;
  const values = numbers.map((m) => Number(m![1]));
  if (values.some((v, k) => k > 0 && v <= values[k - 1])) return undefined;
  return { lines: lines.map((l) => l.replace(NUMBERED, '')), first: values[0] - 1 };
}

/** Of several equal candidates, the one the answer's line hint names (give or take two lines), if just one. */
function byHint(starts: readonly number[], hint: number | undefined): number | undefined {
  if (hint === undefined) return undefined;
  const near = starts.filter((s) => Math.abs(s - hint) <= 2);
  if (near.length !== 1) return undefined;
  return near[0];
}

/** Of several candidates, the first after the one line the block says it follows, when the file has that line once. */
function byAnchor(fileLines: readonly string[], starts: readonly number[], after: string | undefined): number | undefined {
  if (after === undefined) return undefined;
  const key = lineKey(after);
  const anchors = fileLines.map((l, i) => (lineKey(l) === key ? i : -1)).filter((i) => i >= 0);
  if (anchors.length !== 1) return undefined;
  return starts.find((s) => s > anchors[0]);
}

function locate(fileLines: readonly string[], block: SearchReplaceBlock, index: number, ctx: IndentContext): Located | string {
  const label = `SEARCH block ${index + 1} (${preview(block.search)})`;
  if (block.search.every(isBlank)) return `${label} is empty.`;
  const attempts: Array<{ search: string[]; replace: string[]; hint?: number }> = [{ search: block.search, replace: block.replace, hint: block.line }];
  const trimmed = trimBlankEdges(block.search);
  if (trimmed.head + trimmed.tail > 0) {
    // Models pad blocks with blank lines; drop the same padding from REPLACE when it has it too.
    const replaceTrim = trimBlankEdges(block.replace);
    const replace = block.replace.slice(Math.min(trimmed.head, replaceTrim.head), block.replace.length - Math.min(trimmed.tail, replaceTrim.tail));
    attempts.push({ search: trimmed.lines, replace, hint: block.line === undefined ? undefined : block.line + trimmed.head });
  }
  const unnumbered = withoutNumbers(trimmed.lines);
  if (unnumbered) {
    const replace = trimBlankEdges(block.replace).lines;
    attempts.push({ search: unnumbered.lines, replace: withoutNumbers(replace)?.lines ?? replace, hint: unnumbered.first });
  }
  for (const attempt of attempts) {
    if (attempt.search.length === 0) continue;
    for (const same of [exact, loose]) {
      const starts = occurrences(fileLines, attempt.search, same);
      const start = starts.length === 1 ? starts[0] : (byHint(starts, attempt.hint) ?? byAnchor(fileLines, starts, block.after));
      if (start === undefined && starts.length > 1) {
        return `${label} matches ${starts.length} places (lines ${starts.map((s) => s + 1).join(', ')}); add surrounding lines to make it unique.`;
      }
      if (start !== undefined) {
        const end = start + attempt.search.length;
        const pairs = attempt.search.map((line, j) => [line, fileLines[start + j]] as const);
        const shifts = new Set(pairs.filter(([a]) => !isBlank(a)).map(([a, b]) => fileColumns(b, ctx) - proposalColumns(a, ctx)));
        if (shifts.size > 1) return `${label} matches lines ${start + 1}–${end} only with their indentation shifted unevenly, so its structure is not the file's.`;
        return { block: index, start, end, replace: attempt.replace, drift: estimateDrift(pairs, ctx) };
      }
    }
  }
  return `${label} was not found in the file.`;
}

/** Applies search/replace blocks, all located in the original text. */
export function applyBlocks(fileLines: readonly string[], blocks: readonly SearchReplaceBlock[], ctx: IndentContext, overloads = true): BlocksResult {
  if (blocks.length === 0) return { ok: false, reason: 'The answer has no SEARCH/REPLACE blocks.' };
  if (fileLines.length === 0 && blocks.every((b) => b.search.every(isBlank))) {
    // An empty SEARCH is how models fill an empty file.
    return { ok: true, output: blocks.flatMap((b) => reindent(b.replace, ctx, 0)).map((text) => ({ text })) };
  }
  const located: Located[] = [];
  for (let k = 0; k < blocks.length; k++) {
    const found = locate(fileLines, blocks[k], k, ctx);
    if (typeof found === 'string') return { ok: false, reason: found };
    located.push(found);
  }
  located.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let k = 1; k < located.length; k++) {
    if (located[k].start < located[k - 1].end) {
      return { ok: false, reason: `SEARCH blocks ${located[k - 1].block + 1} and ${located[k].block + 1} overlap (line ${located[k].start + 1}).` };
    }
  }
  const fileKeys = new Set(fileLines.map(lineKey));
  const elision = (line: string) => isElision(line) && !fileKeys.has(lineKey(line));
  const output: OutputLine[] = [];
  let previousEnd = 0;
  for (const spot of located) {
    for (let i = previousEnd; i < spot.start; i++) output.push({ kept: i });
    if (spot.replace.some(elision)) {
      // A REPLACE that elides ("// ... existing code ...") stands for the SEARCH lines it leaves out: it is a
      // snippet of the lines it was found at, never pasted with its elision comments in place of them.
      const region = applySnippet(fileLines, spot.start, spot.end, snippetShape(spot.replace, elision), ctx, true, overloads);
      if (!region.ok) return { ok: false, reason: `SEARCH/REPLACE block ${spot.block + 1}: its REPLACE elides code, and ${region.reason[0].toLowerCase()}${region.reason.slice(1)}` };
      output.push(...region.output);
    } else output.push(...replaceLines(fileLines, spot.start, spot.end, reindent(spot.replace, ctx, spot.drift), ctx));
    previousEnd = spot.end;
  }
  for (let i = previousEnd; i < fileLines.length; i++) output.push({ kept: i });
  return { ok: true, output };
}
