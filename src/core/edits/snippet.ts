// Partial snippets: code with elision comments ("// ... existing code ...") standing for unchanged stretches of
// the file. Each stretch of real lines between elisions is placed in the file in order; elided file lines are
// kept. A first stretch that fits equally well in two places is refused, never guessed.
import { FileMatcher, type Placement } from './match';
import { replaceLines } from './region';
import { type IndentContext, estimateDrift, fileColumns, proposalColumns, reindent } from './reindent';
import { type OutputLine, isBlank, lineKey } from './text';

const COMMENT_OPEN = /^(?:\/\/+|#+|--+|\/\*+|<!--|;+|%+|'|\{\s*\/\*+)\s*/;
const COMMENT_CLOSE = /\s*(?:\*+\/\s*\}?|-->)$/;
const DOTS = /^(?:\.{3,}|…)|(?:\.{3,}|…)$/;
const DOTTED_PHRASE =
  /\b(?:existing|rest|remaining|unchanged|same|previous|other|others|omitted|more|keep|kept|as (?:is|before)|etc|here|code|lines?|methods?|functions?|imports?|fields?|properties|rules|styles|columns|markup|elements|tests|cases)\b/i;
const BARE_PHRASE =
  /^[([]?\s*(?:existing code|rest of (?:the )?(?:code|file|class|function|method|implementation|component|module)|remaining code|unchanged code|(?:other|existing) (?:methods|functions|code|imports|fields|properties)(?: (?:unchanged|here|omitted|remain the same))?)\b/i;

/** Whether a line is an elision comment in any common comment syntax (//, #, --, /* *\/, <!-- -->, ;). */
export function isElision(line: string): boolean {
  const text = line.trim();
  const open = COMMENT_OPEN.exec(text);
  if (!open) return false;
  const inner = text.slice(open[0].length).replace(COMMENT_CLOSE, '').trim();
  if (inner.length === 0 || inner.length > 80) return false;
  if (DOTS.test(inner)) {
    const words = inner.replace(/\.{3,}|…/g, ' ').replace(/[()[\]{}:,]/g, ' ').trim();
    return words === '' || DOTTED_PHRASE.test(words);
  }
  return BARE_PHRASE.test(inner);
}

export interface SnippetShape {
  /** Stretches of real lines, in order; consecutive ones are separated by an elision. */
  segments: string[][];
  /** An elision comes before the first stretch / after the last one. */
  leading: boolean;
  trailing: boolean;
}

/** Splits a snippet at its elisions. `elision` decides which lines are elisions (see isElision). */
export function snippetShape(lines: readonly string[], elision: (line: string) => boolean = isElision): SnippetShape {
  const segments: string[][] = [];
  let current: string[] = [];
  let leading = false;
  let trailing = false;
  for (const line of lines) {
    if (!elision(line)) {
      current.push(line);
      continue;
    }
    if (current.some((l) => !isBlank(l))) segments.push(current);
    else if (segments.length === 0) leading = true;
    current = [];
  }
  if (current.some((l) => !isBlank(l))) segments.push(current);
  if (segments.length === 0) return { segments, leading, trailing: leading };
  trailing = lines.length > 0 && current.every((l) => isBlank(l));
  const first = segments[0];
  while (first.length > 0 && isBlank(first[0]) && !leading) first.shift();
  const last = segments[segments.length - 1];
  while (last.length > 0 && isBlank(last[last.length - 1]) && !trailing) last.pop();
  return { segments, leading, trailing };
}

export type SnippetResult = { ok: true; output: OutputLine[] } | { ok: false; reason: string };

/** Two placements closer than this (in matched lines) are equally good. */
const AMBIGUITY_MARGIN = 0.1;
const MAX_CANDIDATES = 6;

/** Whether elided code comes right before / after a stretch. */
interface Elided {
  before: boolean;
  after: boolean;
}

interface Placed {
  placement: Placement;
  drift: number | undefined;
}

function describe(lines: readonly string[]): string {
  const first = lines.find((l) => !isBlank(l)) ?? '';
  const text = lineKey(first);
  return `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;
}

/**
 * Applies a snippet to file lines [lo, hi). When `anchored` (the snippet claims to be the whole region), a
 * stretch not preceded by an elision starts at `lo` and one not followed by an elision ends at `hi`.
 */
export function applySnippet(
  fileLines: readonly string[],
  lo: number,
  hi: number,
  shape: SnippetShape,
  ctx: IndentContext,
  anchored: boolean,
): SnippetResult {
  const matcher = new FileMatcher(fileLines, ctx);
  const { segments, leading, trailing } = shape;
  const last = segments.length - 1;

  /**
   * Where a stretch with nothing to anchor it goes after an elision: at the end of the block the previous stretch
   * opened when it is indented deeper than that stretch's first line (a method added at the end of a class the
   * model showed the head of), otherwise at the end.
   */
  const appendPosition = (k: number, previous: Placed | undefined, drift: number | undefined): number => {
    const header = previous?.placement.pairs.find(([, i]) => !isBlank(fileLines[i]));
    const first = segments[k].find((line) => !isBlank(line));
    if (!header || first === undefined) return hi;
    const headerColumns = fileColumns(fileLines[header[1]], ctx);
    if (proposalColumns(first, ctx) + (drift ?? 0) <= headerColumns) return hi;
    let end = previous!.placement.end;
    for (let i = end; i < hi; i++) {
      if (isBlank(fileLines[i])) continue;
      if (fileColumns(fileLines[i], ctx) <= headerColumns) break;
      end = i + 1;
    }
    return end;
  };

  const placeOne = (k: number, cursor: number, drift: number | undefined, previous: Placed | undefined, candidates?: Placement[]): Placement | string => {
    const lines = segments[k];
    const startsAtLo = anchored && k === 0 && !leading;
    const endsAtHi = anchored && k === last && !trailing;
    let found = candidates ? candidates[0] : locate(matcher, lines, cursor, hi, drift, elided(k));
    if (!found) {
      if (startsAtLo || (k === 0 && !leading && trailing)) found = { start: cursor, end: cursor, score: 0, pairs: [], exact: 0, extendsOnly: true };
      else if (endsAtHi) found = { start: hi, end: hi, score: 0, pairs: [], exact: 0, extendsOnly: true };
      else if (k === last && !trailing && (leading || k > 0)) {
        const at = appendPosition(k, previous, drift);
        found = { start: at, end: at, score: 0, pairs: [], exact: 0, extendsOnly: true };
      }
      else return `Could not find where the lines starting ${describe(lines)} go in the file.`;
    }
    let start = startsAtLo ? lo : found.start;
    let end = Math.max(start, endsAtHi ? hi : found.end);
    // Blank lines the model put between its code and an elision stand for the file's own blank lines there.
    const firstPaired = found.pairs.length > 0 ? found.pairs[0][0] : lines.length;
    const lastPaired = found.pairs.length > 0 ? found.pairs[found.pairs.length - 1][0] : -1;
    for (let j = 0; j < firstPaired && isBlank(lines[j]) && start > cursor && isBlank(fileLines[start - 1]); j++) start--;
    for (let j = lines.length - 1; j > lastPaired && isBlank(lines[j]) && end < hi && isBlank(fileLines[end]); j--) end++;
    return { ...found, start, end };
  };

  const elided = (k: number): Elided => ({ before: k > 0 || leading, after: k < last || trailing });

  const placeRest = (k: number, cursor: number, drift: number | undefined, placed: Placed[]): Placed[] | string => {
    for (; k <= last; k++) {
      const placement = placeOne(k, cursor, drift, placed[placed.length - 1]);
      if (typeof placement === 'string') return placement;
      const pairDrift = driftOf(segments[k], placement, fileLines, ctx);
      drift = pairDrift ?? drift;
      placed.push({ placement, drift: pairDrift });
      cursor = placement.end;
    }
    return placed;
  };

  let placed: Placed[] | string;
  const firstFixed = anchored && !leading;
  const candidates = firstFixed ? [] : candidatesFor(matcher, segments[0], lo, hi, elided(0));
  if (candidates.length <= 1) {
    placed = placeRest(0, lo, undefined, []);
  } else {
    // The first stretch fits in several places: only the rest of the snippet can tell them apart.
    const complete: Array<{ placed: Placed[]; score: number }> = [];
    for (const candidate of candidates) {
      const first = placeOne(0, lo, undefined, undefined, [candidate]);
      if (typeof first === 'string') continue;
      const drift = driftOf(segments[0], first, fileLines, ctx);
      const rest = placeRest(1, first.end, drift, [{ placement: first, drift }]);
      if (typeof rest !== 'string') complete.push({ placed: rest, score: rest.reduce((sum, p) => sum + p.placement.score, 0) });
    }
    complete.sort((a, b) => b.score - a.score);
    if (complete.length === 0) return { ok: false, reason: `Could not find where the snippet goes: its first lines ${describe(segments[0])} fit in several places and none is followed by the rest.` };
    if (complete.length > 1 && complete[1].score >= complete[0].score - AMBIGUITY_MARGIN) {
      const where = candidates.map((c) => c.start + 1).join(', ') + (candidates.length >= MAX_CANDIDATES ? ', …' : '');
      return { ok: false, reason: `The edit is ambiguous: the lines starting ${describe(segments[0])} match equally well at lines ${where}.` };
    }
    placed = complete[0].placed;
  }
  if (typeof placed === 'string') return { ok: false, reason: placed };

  const known = placed.find((p) => p.drift !== undefined)?.drift ?? 0;
  const output: OutputLine[] = [];
  let previousEnd = lo;
  let drift = known;
  placed.forEach(({ placement, drift: own }, k) => {
    drift = own ?? drift;
    for (let i = previousEnd; i < placement.start; i++) output.push({ kept: i });
    output.push(...replaceLines(fileLines, placement.start, placement.end, reindent(segments[k], ctx, drift), ctx));
    previousEnd = placement.end;
  });
  for (let i = previousEnd; i < hi; i++) output.push({ kept: i });
  return { ok: true, output };
}

/**
 * The best placement of a stretch. One that only resembles the file (no identical meaningful line) next to an
 * elision, and renames what it resembles, is more likely new code written like its neighbours (a new method
 * after a similar one) than a rewrite of them: then only identical lines may anchor it.
 */
function locate(matcher: FileMatcher, lines: readonly string[], lo: number, hi: number, drift: number | undefined, elided: Elided): Placement | undefined {
  const options = { drift, elidedBefore: elided.before, elidedAfter: elided.after };
  const found = matcher.best(lines, lo, hi, options);
  if (found && found.exact === 0 && !found.extendsOnly && (elided.before || elided.after)) return matcher.best(lines, lo, hi, { ...options, exactOnly: true });
  return found;
}

/** Placements of a stretch that are as good as its best one, in file order. */
function candidatesFor(matcher: FileMatcher, lines: readonly string[], lo: number, hi: number, elided: Elided): Placement[] {
  const top = locate(matcher, lines, lo, hi, undefined, elided);
  if (!top) return [];
  const found = [top];
  const ranges: Array<[number, number]> = [[lo, top.start], [top.end, hi]];
  while (ranges.length > 0 && found.length < MAX_CANDIDATES) {
    const [from, to] = ranges.pop()!;
    if (to <= from) continue;
    const other = locate(matcher, lines, from, to, undefined, elided);
    if (!other || other.score < top.score - AMBIGUITY_MARGIN) continue;
    found.push(other);
    ranges.push([from, other.start], [other.end, to]);
  }
  return found.sort((a, b) => a.start - b.start);
}

function driftOf(lines: readonly string[], placement: Placement, fileLines: readonly string[], ctx: IndentContext): number | undefined {
  const same = placement.pairs
    .filter(([j, i]) => !isBlank(lines[j]) && lineKey(lines[j]) === lineKey(fileLines[i]))
    .map(([j, i]) => [lines[j], fileLines[i]] as const);
  return same.length > 0 ? estimateDrift(same, ctx) : undefined;
}
