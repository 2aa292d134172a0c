// Where each stretch of a snippet goes. Every stretch is placed, in order, at each spot that fits it about as
// well as its best one; every complete way of placing all stretches is kept, and when two of them are about
// equally good the snippet is ambiguous and refused (whichever stretch makes it so, not only the first).
// A stretch's spot is then tied to the blocks it shows: a header whose block closes inside the stretch stands
// for the file's whole block there, so a rewritten body replaces the old one instead of landing above it.
import { Declarations } from './declarations';
import { pinToCloser, tieEdges } from './edges';
import { FileMatcher, type Placement } from './match';
import { type IndentContext, estimateDrift, fileColumns, proposalColumns } from './reindent';
import { type BlockSpan, blockEnds, blockSpans, declaredName, isCloserLine, isHeader } from './scope';
import { isBlank, lineKey, preview } from './text';

/** Two placements closer than this (in matched lines) are equally good. */
const AMBIGUITY_MARGIN = 0.1;
const MAX_CANDIDATES = 6;
/** Ways of placing a snippet tried at most, so a snippet of many weak stretches cannot take long. */
const MAX_TRIES = 2000;

export interface StretchInput {
  lines: string[];
  /** Elided code comes right before / after the stretch. */
  elidedBefore: boolean;
  elidedAfter: boolean;
  /** The stretch must start at the region's start / end at its end (a snippet claiming the whole region). */
  startsAtLo: boolean;
  endsAtHi: boolean;
  /** The elision line after the stretch, if any: its depth says whether blocks left open there continue. */
  follower?: string;
}

export interface Placed {
  placement: Placement;
  /** Indentation shift (file minus proposal columns) shown by the stretch's identical lines. */
  drift: number | undefined;
  /**
   * File blocks the stretch opened and left open: [header indentation in file columns, last line of the block,
   * whether every line inside is indented deeper than the header (then a line that is not is after the block)].
   */
  open: Array<[number, number, boolean]>;
  /** The stretch's lines as they go in (blank edges dropped where the file has none to stand for). */
  lines: string[];
}

export type PlacementSearch = { ok: true; placed: Placed[] } | { ok: false; reason: string };

export class StretchPlacer {
  private readonly matcher: FileMatcher;
  private readonly fileEnds: Array<number | undefined>;
  private readonly declarations: Declarations;
  private tries = 0;

  constructor(
    private readonly fileLines: readonly string[],
    private readonly lo: number,
    private readonly hi: number,
    private readonly stretches: readonly StretchInput[],
    private readonly ctx: IndentContext,
    /** The language may declare one name twice (see EditOptions.overloads). */
    overloads = true,
  ) {
    this.matcher = new FileMatcher(fileLines, ctx);
    this.fileEnds = blockEnds(fileLines, (l) => fileColumns(l, ctx));
    this.declarations = new Declarations(fileLines, this.fileEnds, overloads);
  }

  /** Places every stretch, refusing when no way fits or two ways fit about equally well. */
  search(): PlacementSearch {
    const complete: Array<{ placed: Placed[]; score: number }> = [];
    // Different ways to place the first stretches often leave the next one the same spot to start from.
    const memo = new Map<string, Placed[] | string>();
    let failure = '';
    const visit = (k: number, cursor: number, drift: number | undefined, placed: Placed[]): void => {
      if (++this.tries > MAX_TRIES) return;
      if (k === this.stretches.length) {
        complete.push({ placed, score: placed.reduce((sum, p) => sum + p.placement.score, 0) });
        return;
      }
      const previous = placed[placed.length - 1];
      const key = `${k}:${cursor}:${drift}:${previous ? previous.open.join(';') : ''}`;
      let options = memo.get(key);
      if (options === undefined) {
        options = this.options(k, cursor, drift, previous);
        memo.set(key, options);
      }
      if (typeof options === 'string') {
        if (!failure || k > 0) failure = options;
        return;
      }
      for (const option of options) visit(k + 1, option.placement.end, option.drift ?? drift, [...placed, option]);
    };
    visit(0, this.lo, undefined, []);
    if (this.tries > MAX_TRIES) return { ok: false, reason: 'The snippet fits the file in too many ways to tell where it goes.' };
    if (complete.length === 0) return { ok: false, reason: failure || 'Could not find where the snippet goes.' };
    complete.sort((a, b) => b.score - a.score);
    const signature = (placed: readonly Placed[]) => placed.map((p) => `${p.placement.start}-${p.placement.end}`).join(',');
    let [best] = complete;
    let second = complete.find((c) => signature(c.placed) !== signature(best.placed));
    if (second && second.score >= best.score - AMBIGUITY_MARGIN) {
      // Equally good ways: identical lines at the very depth the model wrote them are the better evidence.
      const tied = complete.filter((c) => c.score >= best.score - AMBIGUITY_MARGIN);
      const level = tied.filter((c) => this.atOwnDepth(c.placed));
      if (level.length > 0 && new Set(level.map((c) => signature(c.placed))).size === 1) {
        best = level[0];
        second = undefined;
      }
    }
    if (second && second.score >= best.score - AMBIGUITY_MARGIN) {
      const k = best.placed.findIndex((p, i) => p.placement.start !== second.placed[i].placement.start || p.placement.end !== second.placed[i].placement.end);
      const lines = this.stretches[Math.max(0, k)].lines;
      const where = complete
        .filter((c) => c.score >= best.score - AMBIGUITY_MARGIN)
        .map((c) => c.placed[Math.max(0, k)].placement.start + 1)
        .filter((v, i, all) => all.indexOf(v) === i)
        .sort((a, b) => a - b);
      return { ok: false, reason: `The edit is ambiguous: the lines starting ${preview(lines)} match equally well at lines ${where.join(', ')}.` };
    }
    return { ok: true, placed: best.placed };
  }

  /** Whether every identical line of a placement sits at the depth it has in the snippet. */
  private atOwnDepth(placed: readonly Placed[]): boolean {
    return placed.every((p, k) =>
      p.placement.pairs.every(([j, i]) => {
        const line = this.stretches[k].lines[j];
        return isBlank(line) || lineKey(line) !== lineKey(this.fileLines[i]) || fileColumns(this.fileLines[i], this.ctx) === proposalColumns(line, this.ctx);
      }),
    );
  }

  /** The spots stretch k may take after `cursor`, each tied to its blocks; a string says why there is none. */
  private options(k: number, cursor: number, drift: number | undefined, previous: Placed | undefined): Placed[] | string {
    const stretch = this.stretches[k];
    const { lines } = stretch;
    const nowhere = `Could not find where the lines starting ${preview(lines)} go in the file.`;
    let lo = cursor;
    let hi = this.hi;
    const columnsOf = (line: string) => proposalColumns(line, this.ctx) + (drift ?? 0);
    const first = lines.findIndex((l) => !isBlank(l));
    const firstColumns = first < 0 ? 0 : columnsOf(lines[first]);
    // Blocks the previous stretch left open: deeper lines go inside, the closer at a header's depth is its last line.
    let pin: [number, number] | undefined;
    for (const [header, end, indented] of previous?.open ?? []) {
      if (firstColumns > header) {
        hi = Math.min(hi, end + 1);
        const closer = lines.findIndex((l, j) => j > first && !isBlank(l) && columnsOf(l) <= header);
        if (closer >= 0 && columnsOf(lines[closer]) === header && isCloserLine(lines[closer]) && isCloserLine(this.fileLines[end])) pin ??= [closer, end];
      } else if (firstColumns === header && isCloserLine(lines[first]) && isCloserLine(this.fileLines[end])) pin ??= [first, end];
      else if (indented) lo = Math.max(lo, end + 1);
    }
    if (lo > hi) return nowhere;
    let found = stretch.startsAtLo ? this.fixedStart(lines, drift, stretch) : this.candidates(lines, lo, hi, drift, stretch);
    if (pin) {
      const pinned = pinToCloser(this.fileLines, found, pin, lines);
      if (typeof pinned === 'string') return pinned;
      found = pinned;
    }
    let placed: Placed[];
    if (found.length > 0) placed = found.map((p) => this.finish(k, p, lo, hi));
    else {
      const at = this.unanchored(k, lo, hi, previous, drift);
      if (at === undefined) return nowhere;
      placed = [this.finish(k, { start: at, end: at, score: 0, pairs: [], exact: 0, extendsOnly: true }, lo, hi)];
    }
    const redeclared = this.declarations.redeclared(stretch.lines, this.stretchEnds(stretch), placed.map((p) => p.placement.pairs));
    if (redeclared) return redeclared;
    const kept = placed.filter((p) => this.wholeRegion(k, p.placement) || this.declarations.skipped(stretch.lines, p.placement.pairs) === undefined);
    if (kept.length === 0) {
      const name = this.declarations.skipped(stretch.lines, placed[0].placement.pairs);
      return `The snippet leaves ${name} out between lines it shows, with no elision comment: applying it would delete ${name}.`;
    }
    return kept;
  }

  /** The stretch is the whole snippet and spans the whole region: what it leaves out, it deletes on purpose. */
  private wholeRegion(k: number, placement: Placement): boolean {
    const stretch = this.stretches[k];
    if (stretch.elidedBefore || stretch.elidedAfter) return false;
    if (stretch.startsAtLo && stretch.endsAtHi) return true;
    let first = this.lo;
    while (first < this.hi && isBlank(this.fileLines[first])) first++;
    let last = this.hi;
    while (last > first && isBlank(this.fileLines[last - 1])) last--;
    return placement.start <= first && placement.end >= last;
  }

  private fixedStart(lines: readonly string[], drift: number | undefined, stretch: StretchInput): Placement[] {
    const found = this.locate(lines, this.lo, this.hi, drift, stretch);
    return [found ?? { start: this.lo, end: this.lo, score: 0, pairs: [], exact: 0, extendsOnly: true }];
  }

  /**
   * The best placement of a stretch. One that only resembles the file (no identical meaningful line) next to an
   * elision, and renames what it resembles, is more likely new code written like its neighbours (a new method
   * after a similar one) than a rewrite of them: then only identical lines may anchor it.
   */
  private locate(lines: readonly string[], lo: number, hi: number, drift: number | undefined, stretch: StretchInput): Placement | undefined {
    const options = { drift, elidedBefore: stretch.elidedBefore, elidedAfter: stretch.elidedAfter, masked: this.newBodies(stretch) };
    let found = this.matcher.best(lines, lo, hi, options);
    if (found && found.exact === 0 && !found.extendsOnly && (stretch.elidedBefore || stretch.elidedAfter)) found = this.matcher.best(lines, lo, hi, { ...options, exactOnly: true });
    const unrelated = found && this.declarations.unrelated(stretch.lines, this.stretchEnds(stretch), found.pairs);
    if (unrelated && unrelated.size > 0) {
      const masked = new Set([...options.masked, ...unrelated]);
      found = this.matcher.best(lines, lo, hi, { ...options, masked });
      if (found && found.exact === 0 && !found.extendsOnly && (stretch.elidedBefore || stretch.elidedAfter)) found = this.matcher.best(lines, lo, hi, { ...options, masked, exactOnly: true });
    }
    return found;
  }

  private readonly maskCache = new Map<StretchInput, ReadonlySet<number>>();

  /** Lines of the stretch that may not anchor it (see Declarations.newBodies). */
  private newBodies(stretch: StretchInput): ReadonlySet<number> {
    let masked = this.maskCache.get(stretch);
    if (!masked) {
      masked = this.declarations.newBodies(stretch.lines, this.stretchEnds(stretch));
      this.maskCache.set(stretch, masked);
    }
    return masked;
  }

  private readonly spansCache = new Map<StretchInput, Array<BlockSpan | undefined>>();

  /** Where each block a stretch opens ends within it (see blockSpans). */
  private stretchSpans(stretch: StretchInput): Array<BlockSpan | undefined> {
    let spans = this.spansCache.get(stretch);
    if (!spans) {
      const columns = (l: string) => proposalColumns(l, this.ctx);
      spans = blockSpans(stretch.lines, columns, stretch.follower === undefined ? -1 : columns(stretch.follower));
      this.spansCache.set(stretch, spans);
    }
    return spans;
  }

  private stretchEnds(stretch: StretchInput): Array<number | undefined> {
    return this.stretchSpans(stretch).map((span) => span?.end);
  }

  /** Placements of a stretch within [lo, hi) about as good as its best one, in file order. */
  private candidates(lines: readonly string[], lo: number, hi: number, drift: number | undefined, stretch: StretchInput): Placement[] {
    const top = this.locate(lines, lo, hi, drift, stretch);
    if (!top) return [];
    const found = [top];
    const ranges: Array<[number, number]> = [[lo, top.start], [top.end, hi]];
    while (ranges.length > 0 && found.length < MAX_CANDIDATES) {
      const [from, to] = ranges.pop()!;
      if (to <= from) continue;
      const other = this.locate(lines, from, to, drift, stretch);
      if (!other || other.score < top.score - AMBIGUITY_MARGIN) continue;
      found.push(other);
      ranges.push([from, other.start], [other.end, to]);
    }
    return found.sort((a, b) => a.start - b.start);
  }

  /**
   * Where a stretch with nothing to anchor it goes: at the region's start or end when the snippet says so, or,
   * after an elision, at the end of the block the previous stretch left open when it is indented deeper than
   * that block's header (a method added at the end of a class the model showed the head of).
   */
  private unanchored(k: number, lo: number, hi: number, previous: Placed | undefined, drift: number | undefined): number | undefined {
    const stretch = this.stretches[k];
    const last = k === this.stretches.length - 1;
    if (stretch.startsAtLo || (k === 0 && !stretch.elidedBefore && stretch.elidedAfter)) return lo;
    if (stretch.endsAtHi) return hi;
    const first = stretch.lines.find((line) => !isBlank(line));
    // Code elided on both sides could go anywhere in the block, but a declaration (a method) at its end is as
    // good as anywhere, and a last stretch says it ends the block.
    const endsBlock = !stretch.elidedAfter || (first !== undefined && isHeader(first) && declaredName(first) !== undefined);
    if (previous && first !== undefined && endsBlock) {
      const columns = proposalColumns(first, this.ctx) + (drift ?? 0);
      const inner = previous.open.filter(([header]) => columns > header).map(([, end]) => end);
      if (inner.length > 0) {
        const end = Math.min(...inner);
        // The block's closer stays last: the new lines go right above it.
        return isCloserLine(this.fileLines[end]) ? end : end + 1;
      }
    }
    if (last && !stretch.elidedAfter && (stretch.elidedBefore || k > 0)) return hi;
    return undefined;
  }

  /** Ties a placement to the blocks its stretch shows whole, takes in blank edges, and notes the blocks left open. */
  private finish(k: number, found: Placement, lo: number, hi: number): Placed {
    const stretch = this.stretches[k];
    const { lines } = stretch;
    const drift = this.driftOf(lines, found);
    const spans = this.stretchSpans(stretch);
    let pairs = found.pairs;
    const ties: Array<[number, number]> = [];
    const open: Array<[number, number, boolean]> = [];
    for (const [j, i] of found.pairs) {
      if (!pairs.some(([pj]) => pj === j)) continue;
      const fileEnd = this.fileEnds[i];
      if (fileEnd === undefined || fileEnd <= i || !this.declarations.alike(lines[j], this.fileLines[i])) continue;
      const span = spans[j];
      if (span === undefined) {
        const columns = fileColumns(this.fileLines[i], this.ctx);
        const indented = this.fileLines.slice(i + 1, fileEnd).every((l) => isBlank(l) || fileColumns(l, this.ctx) > columns);
        open.push([columns, fileEnd, indented]);
        continue;
      }
      const stretchEnd = span.end;
      if (fileEnd >= hi) continue;
      // A block that ends only because the stretch does, whose first lines the file has too, may go on in the
      // file past what the stretch shows (the elision after it stands for that): it is not tied. A body
      // rewritten from its header on shares no line with the old one, and is.
      if (!span.explicit && found.pairs.some(([pj, pi]) => pj > j && pj <= stretchEnd && !isBlank(lines[pj]) && lineKey(lines[pj]) === lineKey(this.fileLines[pi]))) continue;
      // The stretch's lines j..stretchEnd stand for the file's block i..fileEnd, and no other lines do.
      pairs = pairs.filter(([pj, pi]) => (pj >= j && pj <= stretchEnd) === (pi >= i && pi <= fileEnd));
      ties.push([i, fileEnd + 1]);
    }
    let start = found.start;
    let end = found.end;
    if (ties.length > 0) {
      // Blank lines paired beyond a tied block say nothing and could stretch the placement over code.
      while (pairs.length > 0 && isBlank(lines[pairs[0][0]]) && pairs[0][1] < Math.min(...ties.map(([s]) => s))) pairs = pairs.slice(1);
      while (pairs.length > 0 && isBlank(lines[pairs[pairs.length - 1][0]]) && pairs[pairs.length - 1][1] >= Math.max(...ties.map(([, e]) => e))) pairs = pairs.slice(0, -1);
      start = Math.min(...ties.map(([s]) => s), ...pairs.map(([, i]) => i));
      end = Math.max(...ties.map(([, e]) => e), ...pairs.map(([, i]) => i + 1));
    }
    if (pairs.length > 0) [start, end] = tieEdges({ fileLines: this.fileLines, fileEnds: this.fileEnds, ctx: this.ctx }, this.stretches[k], k, pairs, [start, end], [lo, hi], drift);
    if (stretch.startsAtLo) start = lo;
    if (stretch.endsAtHi) end = hi;
    end = Math.max(start, end);
    // Blank lines the model put between its code and an elision stand for the file's own blank lines there.
    const firstPaired = pairs.length > 0 ? pairs[0][0] : lines.length;
    const lastPaired = pairs.length > 0 ? pairs[pairs.length - 1][0] : -1;
    for (let j = 0; j < firstPaired && isBlank(lines[j]) && start > lo && isBlank(this.fileLines[start - 1]); j++) start--;
    for (let j = lines.length - 1; j > lastPaired && isBlank(lines[j]) && end < hi && isBlank(this.fileLines[end]); j--) end++;
    // Blank edges stand for spacing only where the file has something to keep apart from: none at the very top
    // or bottom of the file, and none doubled when the stretch is inserted whole next to a blank line.
    const whole = found.pairs.length === 0;
    let head = 0;
    while (head < lines.length && isBlank(lines[head]) && (start === 0 || (whole && isBlank(this.fileLines[start - 1])))) head++;
    let tail = lines.length;
    while (tail > head && isBlank(lines[tail - 1]) && (end >= this.fileLines.length || (whole && (isBlank(this.fileLines[end]) || isCloserLine(this.fileLines[end]))))) tail--;
    const written = lines.slice(head, tail);
    return { placement: { ...found, pairs, start, end }, drift, open: open.filter(([, e]) => e >= end), lines: written };
  }

  /**
   * The indentation shift the stretch's identical lines show, and its headers of the same name (a header is the
   * outermost line of what it declares, where a body re-indented on purpose says nothing).
   */
  private driftOf(lines: readonly string[], placement: Placement): number | undefined {
    const same = placement.pairs
      .filter(([j, i]) => !isBlank(lines[j]) && (lineKey(lines[j]) === lineKey(this.fileLines[i]) || (isHeader(lines[j]) && isHeader(this.fileLines[i]) && this.declarations.alike(lines[j], this.fileLines[i]))))
      .map(([j, i]) => [lines[j], this.fileLines[i]] as const);
    return same.length > 0 ? estimateDrift(same, this.ctx) : undefined;
  }
}
