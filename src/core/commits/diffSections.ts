// One file's diff as the prompt shows it, and how it shrinks to a share of the budget. Lines are counted lazily
// and only as far as a decision needs, so a 100 000-line file costs the tokens of its share, not of its length.
import type { Counter } from '../context/items';
import { redactContextText } from '../context/redact';
import type { DiffHunk, FileDiff } from './diffParse';

/** Lines with token counts computed on demand (each line counted with its newline). */
export class CountedLines {
  private readonly prefix: number[] = [0];

  constructor(
    readonly lines: readonly string[],
    private readonly count: Counter,
  ) {}

  private extend(): void {
    const j = this.prefix.length - 1;
    this.prefix.push(this.prefix[j] + this.count(`${this.lines[j]}\n`));
  }

  private get counted(): number {
    return this.prefix[this.prefix.length - 1];
  }

  /** Tokens of all the lines, or some number above `cap` as soon as they pass it (the rest stays uncounted). */
  costUpTo(cap: number): number {
    while (this.prefix.length <= this.lines.length && this.counted <= cap) this.extend();
    return this.counted;
  }

  /** Tokens of the first `k` lines (counted already when k came from linesWithin or costUpTo). */
  tokensOf(k: number): number {
    while (this.prefix.length <= k) this.extend();
    return this.prefix[k];
  }

  /** How many leading lines fit in `room` tokens. */
  linesWithin(room: number): number {
    this.costUpTo(room);
    let k = this.prefix.length - 1;
    while (k > 0 && this.prefix[k] > room) k--;
    return k;
  }
}

/**
 * Max-min fair split of `room`: each item gets all it needs or an equal share of what the smaller ones leave.
 * `need(i, cap)` is item i's cost, or any number above `cap` (so big items are never counted in full).
 */
export function fairShares(n: number, room: number, need: (i: number, cap: number) => number): number[] {
  const shares = new Array<number>(n).fill(0);
  let open = [...Array(n).keys()];
  let left = Math.max(0, room);
  while (open.length > 0) {
    const level = Math.floor(left / open.length);
    const stillOpen: number[] = [];
    for (const i of open) {
      const cost = need(i, level);
      if (cost <= level) {
        shares[i] = cost;
        left -= cost;
      } else stillOpen.push(i);
    }
    if (stillOpen.length === open.length) {
      for (const i of open) shares[i] = level;
      break;
    }
    open = stillOpen;
  }
  return shares;
}

export interface Use {
  readonly tokens: number;
  readonly complete: boolean;
}

/**
 * fairShares, then what items leave of their share (a line that does not fit wastes the rest of it) goes to the
 * items still incomplete, for a few rounds. `use(i, share)` is what item i takes within `share`; it must never
 * take more, and never less for a larger share. The shares' uses add up to at most `room`.
 */
export function fillShares(n: number, room: number, need: (i: number, cap: number) => number, use: (i: number, share: number) => Use): number[] {
  let shares = fairShares(n, room, need);
  for (let round = 0; round < 3; round++) {
    const used = shares.map((share, i) => use(i, share));
    const left = room - used.reduce((total, u) => total + u.tokens, 0);
    const open = used.filter((u) => !u.complete).length;
    if (open === 0 || left < open) break;
    const extra = Math.floor(left / open);
    shares = used.map((u) => (u.complete ? u.tokens : u.tokens + extra));
  }
  return shares;
}

function isChange(line: string): boolean {
  return line.startsWith('+') || line.startsWith('-');
}

/**
 * Redacts a hunk's text without its +/-/space column (the secret rules anchor at line starts), then puts the
 * column back. Redaction keeps line counts; if it ever did not, the hunk is withheld rather than sent raw.
 */
function redactHunk(hunk: DiffHunk, path: string): DiffHunk {
  const header = redactContextText(hunk.header, '', path);
  const body = redactContextText(hunk.lines.map((l) => l.slice(1)).join('\n'), '', path).split('\n');
  if (body.length !== hunk.lines.length) return { header, lines: [' [hunk withheld: it could not be redacted safely]'] };
  return { header, lines: body.map((text, i) => `${hunk.lines[i][0]}${text}`) };
}

const SKIPPED_CONTEXT = ' …';
/** Body lines a trimmed hunk shows at least: fewer rarely say what changed. */
const MIN_HUNK_LINES = 3;

/** Context cut to one line either side of each change, like `git diff -U1`; a gap is marked so runs do not merge. */
export function withLessContext(hunk: DiffHunk): DiffHunk {
  const { lines } = hunk;
  const keep = lines.map((line, i) => !line.startsWith(' ') || isChange(lines[i - 1] ?? '') || isChange(lines[i + 1] ?? ''));
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (keep[i]) out.push(lines[i]);
    // Before the first change the hunk header already says where the lines are; only a gap between two needs it.
    else if (out.length > 0 && out[out.length - 1] !== SKIPPED_CONTEXT) out.push(SKIPPED_CONTEXT);
  }
  if (out[out.length - 1] === SKIPPED_CONTEXT) out.pop();
  return { header: hunk.header, lines: out };
}

function headerLinesOf(file: FileDiff): string[] {
  const lines = [`diff --git a/${file.oldPath ?? file.path} b/${file.path}`];
  if (file.change === 'added') lines.push('new file');
  if (file.oldPath !== undefined) lines.push(`${file.change === 'copied' ? 'copy' : 'rename'} from ${file.oldPath}`, `${file.change === 'copied' ? 'copy' : 'rename'} to ${file.path}`);
  if (file.oldMode !== undefined && file.newMode !== undefined && file.oldMode !== file.newMode) lines.push(`old mode ${file.oldMode}`, `new mode ${file.newMode}`);
  return lines;
}

export interface RenderedSection {
  readonly lines: readonly string[];
  /** Changed (+/-) lines left out of this file's hunks. */
  readonly hiddenChanges: number;
  /** Tokens of `lines`, plus the marker's when changes are hidden. */
  readonly tokens: number;
}

/**
 * A source file's header and hunks, ready to be fitted to a share. A hunk is redacted when it is first looked at:
 * in a huge diff most hunks of most files are never shown, and redacting them all would cost seconds.
 */
export class Section {
  readonly header: CountedLines;
  private readonly redacted: (DiffHunk | undefined)[];
  private counted: (CountedLines | undefined)[];
  private compacted = false;

  constructor(
    readonly file: FileDiff,
    private readonly count: Counter,
  ) {
    this.header = new CountedLines(headerLinesOf(file), count);
    this.redacted = new Array<DiffHunk | undefined>(file.hunks.length);
    this.counted = new Array<CountedLines | undefined>(file.hunks.length);
  }

  private get hunkCount(): number {
    return this.file.hunks.length;
  }

  /** Hunk i as sent: redacted, and with less context once compacted. */
  private hunk(i: number): CountedLines {
    let hunk = this.counted[i];
    if (!hunk) {
      const redacted = (this.redacted[i] ??= redactHunk(this.file.hunks[i], this.file.path));
      const shown = this.compacted ? withLessContext(redacted) : redacted;
      hunk = this.counted[i] = new CountedLines([shown.header, ...shown.lines], this.count);
    }
    return hunk;
  }

  private get hunks(): CountedLines[] {
    return Array.from({ length: this.hunkCount }, (_, i) => this.hunk(i));
  }

  get changedLines(): number {
    return this.file.added + this.file.removed;
  }

  /** Switches to one line of context around changes (nothing changed is lost, only unchanged lines). */
  compact(): void {
    if (this.compacted) return;
    this.compacted = true;
    this.counted = new Array<CountedLines | undefined>(this.hunkCount);
  }

  /**
   * The least share that shows something: the whole section when it is small, else the header, the cut marker and
   * the smallest hunk's header with its first few lines. Estimated on the hunks' first lines before redaction
   * (a mask is never longer than the secret it hides), so sizing every file redacts none of them.
   */
  minimumShare(markerCost: number): number {
    const opening = (hunk: DiffHunk): number => {
      const head = this.compacted ? withLessContext({ header: hunk.header, lines: hunk.lines.slice(0, 2 * MIN_HUNK_LINES + 2) }) : hunk;
      return [hunk.header, ...head.lines.slice(0, MIN_HUNK_LINES)].reduce((n, line) => n + this.count(`${line}\n`), 0);
    };
    const least = Math.min(...this.file.hunks.map(opening));
    const minimum = this.header.costUpTo(Infinity) + markerCost + least;
    return Math.min(this.costUpTo(minimum), minimum);
  }

  /** Tokens of the whole section, or a number above `cap` once it passes. */
  costUpTo(cap: number): number {
    let total = this.header.costUpTo(cap);
    for (let i = 0; i < this.hunkCount && total <= cap; i++) total += this.hunk(i).costUpTo(cap - total);
    return total;
  }

  /**
   * The hunks that get a share: all of them when each can show its header and a few lines, else as many as can,
   * in file order (a share too thin to show a change would be wasted).
   */
  private hunksWithRoom(room: number): CountedLines[] {
    const chosen: CountedLines[] = [];
    let used = 0;
    for (const hunk of this.hunks) {
      const least = hunk.tokensOf(Math.min(hunk.lines.length, MIN_HUNK_LINES + 1));
      if (used + least > room) continue;
      used += least;
      chosen.push(hunk);
    }
    return chosen;
  }

  /** The section within `share` tokens: whole if it fits, else a fair part of every hunk that can show a change. */
  render(share: number, markerCost: number): RenderedSection {
    const whole = this.costUpTo(share);
    if (whole <= share) return { lines: [...this.header.lines, ...this.hunks.flatMap((h) => h.lines)], hiddenChanges: 0, tokens: whole };
    const headerCost = this.header.costUpTo(share);
    const keptOf = (hunk: CountedLines, room: number): number => {
      const k = hunk.linesWithin(room);
      // A hunk header over unchanged lines only tells nothing: leave the hunk out whole.
      return hunk.lines.slice(1, k).some(isChange) ? k : 0;
    };
    const room = share - headerCost - markerCost;
    const chosen = this.hunksWithRoom(room);
    const shares = fillShares(
      chosen.length,
      room,
      (i, cap) => chosen[i].costUpTo(cap),
      (i, s) => {
        const k = keptOf(chosen[i], s);
        return { tokens: chosen[i].tokensOf(k), complete: k === chosen[i].lines.length };
      },
    );
    const shareOf = new Map(chosen.map((hunk, i) => [hunk, shares[i]]));
    const lines = [...this.header.lines];
    let hidden = 0;
    let tokens = headerCost + markerCost;
    this.hunks.forEach((hunk) => {
      const k = keptOf(hunk, shareOf.get(hunk) ?? 0);
      lines.push(...hunk.lines.slice(0, k));
      tokens += hunk.tokensOf(k);
      hidden += hunk.lines.slice(Math.max(1, k)).filter(isChange).length;
    });
    return { lines, hiddenChanges: hidden, tokens };
  }
}
