// Fits context items into the room the model has left. The plan's total is always ≤ the budget: our own prompt
// must never be the cause of a context-length error.
//
// Reduction order, each step only as far as needed:
//   1. drop open editors the user did not add, farthest (oldest) first;
//   2. trim the active file to a window of lines around the selection, as wide as fits (at least the selection);
//   3. trim files the user added, farthest first: keep a window around their focus (or their first lines) that
//      fits, drop one when not even a line fits;
//   4. drop the active file's window (the selection item already carries the selected lines);
//   5. trim the problems list to its most severe entries, or drop it;
//   6. only when the selection alone exceeds the budget: keep its first lines that fit, or drop it.
import { lineCountOf } from './items';
import { wrapperOf } from './render';
import { countTokens } from './tokens';
import type { ContextItem, LineRange, TokenFamily } from './types';

export interface BudgetInput {
  readonly contextWindow: number;
  readonly reservedOutput: number;
  /** Tokens of the conversation sent with this turn (history + the new message). */
  readonly conversationTokens: number;
  readonly systemPromptTokens: number;
}

/** Tokens left for context: the window minus the answer's room, the conversation and the system prompt. */
export function contextBudget(input: BudgetInput): number {
  const left = input.contextWindow - input.reservedOutput - input.conversationTokens - input.systemPromptTokens;
  return Math.max(0, Math.floor(left));
}

export type DropReason = 'farOpenEditor' | 'noRoomForFile' | 'noRoomForActiveFile' | 'noRoomForProblems' | 'noRoomForSelection';
export type TrimReason = 'aroundSelection' | 'fileTrimmed' | 'mostSevereProblems' | 'selectionTooLarge';

/** The steps of the header comment, in order; describeDrop/describeTrim word each of them for the UI. */
export const REDUCTION_ORDER: readonly (DropReason | TrimReason)[] = [
  'farOpenEditor',
  'aroundSelection',
  'fileTrimmed',
  'noRoomForFile',
  'noRoomForActiveFile',
  'mostSevereProblems',
  'noRoomForProblems',
  'selectionTooLarge',
  'noRoomForSelection',
];

export interface DroppedItem {
  readonly item: ContextItem;
  readonly reason: DropReason;
}

export interface TrimmedItem {
  /** The item as sent. */
  readonly item: ContextItem;
  readonly original: ContextItem;
  readonly from: LineRange;
  readonly to: LineRange;
  readonly reason: TrimReason;
}

export interface ContextPlan {
  /** In input order; trimmed items in their trimmed form. */
  readonly included: readonly ContextItem[];
  readonly dropped: readonly DroppedItem[];
  readonly trimmed: readonly TrimmedItem[];
  /** Tokens of renderContext(included), counted with headers, fences and separators; always ≤ budget. */
  readonly totalTokens: number;
  readonly budget: number;
}

export interface PlanOptions {
  readonly family: TokenFamily;
  /** Counts trimmed text, with its item's language; defaults to countTokens for the family. Must be the counter the
   * items were built with. */
  readonly count?: (text: string, languageId?: string) => number;
}

/** Room for a separator and for tokens that merge differently where two pieces of text meet. */
const ITEM_MARGIN = 4;

export function describeDrop(dropped: DroppedItem): string {
  const name = dropped.item.label;
  switch (dropped.reason) {
    case 'farOpenEditor':
      return `${name} left out: open editors farthest from your work are dropped first to fit the model's context.`;
    case 'noRoomForFile':
      return `${name} left out: not even its first line fits in the remaining context.`;
    case 'noRoomForActiveFile':
      return `${name} left out: the selection fills the remaining context, so the rest of the file was dropped.`;
    case 'noRoomForProblems':
      return 'Problems left out: no room in the remaining context.';
    case 'noRoomForSelection':
      return `${name} left out: not even one line of the selection fits in the context the model has left.`;
  }
}

function rangeText(range: LineRange): string {
  return range.start === range.end ? `line ${range.start}` : `lines ${range.start}–${range.end}`;
}

export function describeTrim(trimmed: TrimmedItem): string {
  const kept = rangeText(trimmed.to);
  switch (trimmed.reason) {
    case 'aroundSelection':
      return `Trimmed to ${kept} around the selection to fit the model's context.`;
    case 'fileTrimmed':
      return `Trimmed to ${kept} to fit the model's context.`;
    case 'mostSevereProblems':
      return `Only the ${trimmed.to.end} most severe of ${trimmed.from.end} problems fit the model's context.`;
    case 'selectionTooLarge':
      return `The selection alone is larger than the model's remaining context: only ${kept} are sent.`;
  }
}

/** Text, first line number and per-line token counts of an item, computed once when it first needs trimming. */
interface Lines {
  readonly lines: readonly string[];
  readonly first: number;
  /** prefix[k] = tokens of lines [0, k), each counted with its newline. */
  readonly prefix: readonly number[];
}

class Planner {
  private readonly current = new Map<ContextItem, ContextItem | undefined>();
  private readonly costs = new Map<ContextItem, number>();
  private readonly dropped: DroppedItem[] = [];
  private readonly trimmed = new Map<ContextItem, TrimmedItem>();
  private readonly lineCache = new Map<ContextItem, Lines>();
  private total = 0;

  constructor(
    private readonly items: readonly ContextItem[],
    private readonly budget: number,
    private readonly count: (text: string, languageId?: string) => number,
  ) {
    for (const item of items) {
      const cost = this.costOf(item, item.tokens);
      this.current.set(item, item);
      this.costs.set(item, cost);
      this.total += cost;
    }
  }

  get over(): boolean {
    return this.total > this.budget;
  }

  costOf(item: ContextItem, textTokens: number): number {
    const { before, after } = wrapperOf(item);
    return this.count(before) + textTokens + this.count(after) + ITEM_MARGIN;
  }

  drop(item: ContextItem, reason: DropReason): void {
    if (this.current.get(item) === undefined) return;
    this.total -= this.costs.get(item)!;
    this.current.set(item, undefined);
    this.costs.set(item, 0);
    this.trimmed.delete(item);
    this.dropped.push({ item, reason });
  }

  /** Room the item may take with everything else as it is now. */
  roomFor(item: ContextItem): number {
    return this.budget - (this.total - this.costs.get(item)!);
  }

  /**
   * Replaces the item by the widest window around `focus` that fits its room. Returns false, leaving the item
   * unchanged, when not even `focus` itself fits.
   */
  trimToFit(item: ContextItem, focus: LineRange, reason: TrimReason, lines: Lines, keepFocusAnyway = false): boolean {
    const room = this.roomFor(item);
    const n = lines.lines.length;
    const lo = clamp(focus.start - lines.first, 0, n - 1);
    const hi = clamp(focus.end - lines.first, lo, n - 1);
    const windowAt = (radius: number): [number, number] => [Math.max(0, lo - radius), Math.min(n - 1, hi + radius)];
    const estimate = (radius: number): number => {
      const [a, b] = windowAt(radius);
      return lines.prefix[b + 1] - lines.prefix[a];
    };
    const wrapper = this.costOf(item, 0) + 16; // the trimmed header adds a range and a line count
    // Widest radius whose summed line counts fit; then confirm with an exact count and narrow if needed.
    let low = -1;
    let high = Math.max(lo, n - 1 - hi);
    while (low < high) {
      const mid = Math.floor((low + high + 1) / 2);
      if (wrapper + estimate(mid) <= room) low = mid;
      else high = mid - 1;
    }
    for (let radius = low; radius >= 0; radius = radius === 0 ? -1 : Math.floor(radius * 0.95)) {
      if (this.tryWindow(item, windowAt(radius), reason, lines, room)) return true;
    }
    if (keepFocusAnyway) this.tryWindow(item, windowAt(0), reason, lines, Infinity);
    return false;
  }

  private tryWindow(item: ContextItem, [a, b]: [number, number], reason: TrimReason, lines: Lines, room: number): boolean {
    if (a === 0 && b === lines.lines.length - 1) return this.restore(item, room);
    const to = { start: lines.first + a, end: lines.first + b };
    const candidate: ContextItem = { ...item, text: lines.lines.slice(a, b + 1).join('\n'), range: to, tokens: 0 };
    const tokens = this.count(candidate.text, item.languageId);
    const cost = this.costOf(candidate, tokens);
    if (cost > room) return false;
    this.total += cost - this.costs.get(item)!;
    this.costs.set(item, cost);
    const trimmedItem = { ...candidate, tokens };
    this.current.set(item, trimmedItem);
    this.trimmed.set(item, { item: trimmedItem, original: item, from: item.range ?? { start: 1, end: item.lineCount }, to, reason });
    return true;
  }

  /** The window grew to the whole item: send it untrimmed. */
  private restore(item: ContextItem, room: number): boolean {
    const cost = this.costOf(item, item.tokens);
    if (cost > room) return false;
    this.total += cost - this.costs.get(item)!;
    this.costs.set(item, cost);
    this.current.set(item, item);
    this.trimmed.delete(item);
    return true;
  }

  linesOf(item: ContextItem): Lines {
    let lines = this.lineCache.get(item);
    if (!lines) this.lineCache.set(item, (lines = this.splitLines(item)));
    return lines;
  }

  private splitLines(item: ContextItem): Lines {
    const text = item.text.endsWith('\n') ? item.text.slice(0, -1) : item.text;
    const lines = text.split('\n');
    const prefix = [0];
    for (const line of lines) prefix.push(prefix[prefix.length - 1] + this.count(`${line}\n`, item.languageId));
    return { lines, first: item.range?.start ?? 1, prefix };
  }

  isTrimmed(item: ContextItem): boolean {
    return this.trimmed.has(item);
  }

  isIncluded(item: ContextItem): boolean {
    return this.current.get(item) !== undefined;
  }

  result(): ContextPlan {
    const included = this.items.map((i) => this.current.get(i)).filter((i): i is ContextItem => i !== undefined);
    // Separators are inside ITEM_MARGIN; the first item has none, so the sum is an upper bound.
    return { included, dropped: this.dropped, trimmed: [...this.trimmed.values()], totalTokens: this.total, budget: this.budget };
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

const byFarthestFirst = (a: ContextItem, b: ContextItem): number => b.order - a.order;

/** Trims (or, failing that, drops) one item so the plan fits, if it is still over. */
function shrink(planner: Planner, item: ContextItem, trim: TrimReason, drop: DropReason | undefined): void {
  if (!planner.over || !planner.isIncluded(item) || lineCountOf(item.text) === 0) {
    if (planner.over && drop && planner.isIncluded(item)) planner.drop(item, drop);
    return;
  }
  const focus = item.focus ?? { start: item.range?.start ?? 1, end: item.range?.start ?? 1 };
  const fitted = planner.trimToFit(item, focus, trim, planner.linesOf(item));
  if (!fitted && drop) planner.drop(item, drop);
}

export function planContext(items: readonly ContextItem[], budget: number, options: PlanOptions): ContextPlan {
  const count = options.count ?? ((text: string) => countTokens(text, options.family));
  const planner = new Planner(items, Math.max(0, Math.floor(budget)), count);
  const farEditors = items.filter((i) => i.kind === 'openEditor' && !i.pinned).sort(byFarthestFirst);
  const activeFiles = items.filter((i) => i.kind === 'activeFile');
  const userFiles = items.filter((i) => i.kind === 'file' || (i.kind === 'openEditor' && i.pinned)).sort(byFarthestFirst);
  const problems = items.filter((i) => i.kind === 'problems');
  const selections = items.filter((i) => i.kind === 'selection').sort(byFarthestFirst);

  for (const item of farEditors) if (planner.over) planner.drop(item, 'farOpenEditor');
  for (const item of activeFiles) {
    // Down to the selection itself if need be; whether it goes entirely is decided after the user's files.
    if (planner.over) planner.trimToFit(item, item.focus ?? { start: 1, end: 1 }, 'aroundSelection', planner.linesOf(item), true);
  }
  for (const item of userFiles) shrink(planner, item, 'fileTrimmed', 'noRoomForFile');
  for (const item of activeFiles) if (planner.over) planner.drop(item, 'noRoomForActiveFile');
  for (const item of problems) shrink(planner, item, 'mostSevereProblems', 'noRoomForProblems');
  for (const item of selections) shrink(planner, item, 'selectionTooLarge', 'noRoomForSelection');
  // Anything left over budget here would be an item kind without a rule: drop rather than overflow.
  for (const item of [...items].reverse()) if (planner.over) planner.drop(item, 'noRoomForFile');
  // Room freed by later steps goes back to the window around the selection.
  for (const item of activeFiles) if (planner.isTrimmed(item)) planner.trimToFit(item, item.focus ?? { start: 1, end: 1 }, 'aroundSelection', planner.linesOf(item));
  return planner.result();
}

