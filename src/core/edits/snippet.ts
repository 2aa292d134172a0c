// Partial snippets: code with elision comments ("// ... existing code ...") standing for unchanged stretches of
// the file. Each stretch of real lines between elisions is placed in the file in order; elided file lines are
// kept. A first stretch that fits equally well in two places is refused, never guessed.
import { StretchPlacer, type StretchInput } from './placement';
import { replaceLines } from './region';
import { type IndentContext, reindent } from './reindent';
import { type OutputLine, isBlank } from './text';

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
  /** The elision line right after each stretch (undefined after the last one when the snippet ends there). */
  followers: Array<string | undefined>;
}

/** Splits a snippet at its elisions. `elision` decides which lines are elisions (see isElision). */
export function snippetShape(lines: readonly string[], elision: (line: string) => boolean = isElision): SnippetShape {
  const segments: string[][] = [];
  const followers: Array<string | undefined> = [];
  let current: string[] = [];
  let leading = false;
  let trailing = false;
  for (const line of lines) {
    if (!elision(line)) {
      current.push(line);
      continue;
    }
    if (current.some((l) => !isBlank(l))) {
      segments.push(current);
      followers.push(line);
    } else if (segments.length === 0) leading = true;
    current = [];
  }
  if (current.some((l) => !isBlank(l))) {
    segments.push(current);
    followers.push(undefined);
  }
  if (segments.length === 0) return { segments, leading, trailing: leading, followers };
  trailing = lines.length > 0 && current.every((l) => isBlank(l));
  const first = segments[0];
  while (first.length > 0 && isBlank(first[0]) && !leading) first.shift();
  const last = segments[segments.length - 1];
  while (last.length > 0 && isBlank(last[last.length - 1]) && !trailing) last.pop();
  return { segments, leading, trailing, followers };
}

export type SnippetResult = { ok: true; output: OutputLine[] } | { ok: false; reason: string };

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
  overloads = true,
): SnippetResult {
  const { segments, leading, trailing, followers } = shape;
  const last = segments.length - 1;
  const stretches: StretchInput[] = segments.map((lines, k) => ({
    lines,
    elidedBefore: k > 0 || leading,
    elidedAfter: k < last || trailing,
    startsAtLo: anchored && k === 0 && !leading,
    endsAtHi: anchored && k === last && !trailing,
    follower: followers[k],
  }));
  const found = new StretchPlacer(fileLines, lo, hi, stretches, ctx, overloads).search();
  if (!found.ok) return found;
  const { placed } = found;
  const known = placed.find((p) => p.drift !== undefined)?.drift ?? 0;
  const output: OutputLine[] = [];
  let previousEnd = lo;
  let drift = known;
  placed.forEach(({ placement, drift: own, lines }) => {
    drift = own ?? drift;
    for (let i = previousEnd; i < placement.start; i++) output.push({ kept: i });
    output.push(...replaceLines(fileLines, placement.start, placement.end, reindent(lines, ctx, drift), ctx));
    previousEnd = placement.end;
  });
  for (let i = previousEnd; i < hi; i++) output.push({ kept: i });
  return { ok: true, output };
}
