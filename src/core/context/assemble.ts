// The pure half of the context service: from what was gathered in the editor (inputs, excluded files, problems)
// and what the user removed, to items, a plan within budget, chips for the webview and the text for the model.
// No vscode import: unit-tested in plain mocha.
import { createHash } from 'node:crypto';
import { planContext, type ContextPlan } from './budget';
import { buildContextChips, type ShownChip } from './chips';
import type { ExcludeReason } from './exclude';
import { createContextItem, createProblemsItem, type Counter, type ItemInput } from './items';
import { fileNameOf } from './paths';
import { renderContext } from './render';
import type { ContextItem, LineRange, Problem, TokenFamily } from './types';

/** A file that would have been context but is not read: why, in words the user sees. */
export interface ExcludedEntry {
  /** Workspace-relative. */
  readonly path: string;
  readonly reason: ExcludeReason;
  readonly message: string;
}

export interface Gathered {
  readonly inputs: readonly ItemInput[];
  readonly excluded: readonly ExcludedEntry[];
  readonly problems?: readonly Problem[];
}

export interface AssembleOptions {
  readonly family: TokenFamily;
  readonly budget: number;
  /** Keys (see hideKeyOf) of chips the user removed. */
  readonly hidden: ReadonlySet<string>;
  readonly count: Counter;
}

/** What a chip stands for, so a removal can be undone at the right level (unpin a file, hide the rest). */
export interface ChipTarget {
  readonly hideKey: string;
  readonly path: string;
  readonly pinned: boolean;
}

export interface AssembledContext {
  readonly items: readonly ContextItem[];
  readonly plan: ContextPlan;
  readonly chips: readonly ShownChip[];
  readonly targets: ReadonlyMap<string, ChipTarget>;
  /** The context block sent with the turn; undefined when nothing is included. */
  readonly rendered: string | undefined;
}

export const REDACTED_NOTE = 'Secret-looking text (keys, tokens, private keys) is redacted before sending.';

/**
 * Removing a file's chip hides the file in every role (active file, open editor): switching editors must not bring
 * it back. A selection is hidden only for its exact range; a new selection is a new chip.
 */
export function hideKeyOf(kind: ContextItem['kind'], path: string, id: string): string {
  if (kind === 'selection') return id;
  if (kind === 'problems') return 'problems';
  return `path:${path}`;
}

/** Protocol ids are `[\w-]+` of at most 100 characters; item ids carry paths, so chips get a digest. */
export function chipIdOf(key: string): string {
  return `c-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

/**
 * The lines a selection covers, 1-based inclusive, from 0-based editor positions. A selection ending at the
 * start of a line (after Shift+Down) does not include that line.
 */
export function selectionLines(startLine: number, endLine: number, endCharacter: number): LineRange {
  const end = endLine > startLine && endCharacter === 0 ? endLine - 1 : endLine;
  return { start: startLine + 1, end: end + 1 };
}

/** One input per path: the active file wins over a file added on purpose, which wins over an open editor. */
export function dedupeInputs(inputs: readonly ItemInput[]): ItemInput[] {
  const rank = (input: ItemInput): number => (input.kind === 'activeFile' ? 0 : input.kind === 'file' ? 1 : 2);
  const best = new Map<string, ItemInput>();
  for (const input of inputs) {
    if (input.kind === 'selection') continue;
    const seen = best.get(input.path);
    if (!seen || rank(input) < rank(seen)) best.set(input.path, input);
  }
  const kept = new Set(best.values());
  return inputs.filter((input) => input.kind === 'selection' || kept.has(input));
}

export function assembleContext(gathered: Gathered, options: AssembleOptions): AssembledContext {
  const targets = new Map<string, ChipTarget>();
  const redacted = new Set<string>();
  const items: ContextItem[] = [];
  for (const input of dedupeInputs(gathered.inputs)) {
    const id = input.id ?? `${input.kind}:${input.path}${input.range ? `:${input.range.start}-${input.range.end}` : ''}`;
    const hideKey = hideKeyOf(input.kind, input.path, id);
    if (options.hidden.has(hideKey)) continue;
    const item = createContextItem({ ...input, id }, options.count);
    if (item.text !== input.text) redacted.add(item.id);
    items.push(item);
  }
  const problems = gathered.problems ? createProblemsItem(gathered.problems, options.count) : undefined;
  if (problems && !options.hidden.has('problems')) items.push(problems);

  const plan = planContext(items, options.budget, { family: options.family, count: (text, languageId) => options.count(text, undefined, languageId) });
  const chips: ShownChip[] = [];
  const planned = buildContextChips(items, plan);
  planned.forEach((chip, index) => {
    const item = items[index];
    const hideKey = hideKeyOf(item.kind, item.path, item.id);
    const id = chipIdOf(hideKey);
    targets.set(id, { hideKey, path: item.path, pinned: item.pinned });
    const note = [chip.note, redacted.has(item.id) ? REDACTED_NOTE : undefined].filter(Boolean).join(' ') || undefined;
    chips.push({ id, label: chip.label, detail: chip.detail, tokens: chip.tokens, status: chip.state, note });
  });
  const shownPaths = new Set<string>();
  for (const entry of gathered.excluded) {
    const hideKey = `path:${entry.path}`;
    if (options.hidden.has(hideKey) || shownPaths.has(entry.path)) continue;
    shownPaths.add(entry.path);
    const id = chipIdOf(hideKey);
    targets.set(id, { hideKey, path: entry.path, pinned: false });
    chips.push({ id, label: fileNameOf(entry.path) || entry.path, detail: `not sent (${entry.reason})`, tokens: 0, status: 'excluded', note: entry.message });
  }
  const rendered = plan.included.length > 0 ? renderContext(plan.included) : undefined;
  return { items, plan, chips, targets, rendered };
}

