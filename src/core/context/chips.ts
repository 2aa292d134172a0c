// What the chat UI shows above the input: one removable chip per context item, with what the plan did to it.
import { describeDrop, describeTrim, type ContextPlan } from './budget';
import type { ContextItem, ContextKind, LineRange } from './types';

export type ChipState = 'included' | 'trimmed' | 'dropped';

export interface ContextChip {
  readonly id: string;
  readonly label: string;
  /** e.g. "lines 10–24", "120 lines", "3 problems". */
  readonly detail: string;
  /** Tokens as sent (trimmed size for a trimmed item, full size for a dropped one). */
  readonly tokens: number;
  readonly kind: ContextKind;
  readonly removable: true;
  readonly state: ChipState;
  /** Why it was trimmed or dropped. */
  readonly note?: string;
}

/** A chip as the chat shows it: a planned item, or a file kept out of the request and why. */
export interface ShownChip {
  readonly id: string;
  readonly label: string;
  readonly detail: string;
  readonly tokens: number;
  readonly status: ChipState | 'excluded';
  readonly note?: string;
}

function lines(range: LineRange): string {
  return range.start === range.end ? `line ${range.start}` : `lines ${range.start}–${range.end}`;
}

function detailOf(item: ContextItem, of?: number): string {
  if (item.kind === 'problems') {
    const shown = item.range ? item.range.end : item.lineCount;
    return `${shown} problem${shown === 1 ? '' : 's'}`;
  }
  if (!item.range) return `${item.lineCount} line${item.lineCount === 1 ? '' : 's'}`;
  return of === undefined ? lines(item.range) : `${lines(item.range)} of ${of}`;
}

/** Chips in the order the items were given, whatever happened to them. */
export function buildContextChips(items: readonly ContextItem[], plan: ContextPlan): ContextChip[] {
  const trimmed = new Map(plan.trimmed.map((t) => [t.original.id, t]));
  const dropped = new Map(plan.dropped.map((d) => [d.item.id, d]));
  return items.map((item): ContextChip => {
    const base = { id: item.id, label: item.label, kind: item.kind, removable: true as const };
    const drop = dropped.get(item.id);
    if (drop) return { ...base, detail: detailOf(item), tokens: item.tokens, state: 'dropped', note: describeDrop(drop) };
    const trim = trimmed.get(item.id);
    if (trim) {
      const of = trim.original.range ? undefined : trim.original.lineCount;
      return { ...base, detail: detailOf(trim.item, of), tokens: trim.item.tokens, state: 'trimmed', note: describeTrim(trim) };
    }
    return { ...base, detail: detailOf(item), tokens: item.tokens, state: 'included' };
  });
}
