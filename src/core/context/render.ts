// The context block a model reads: one short header and one fenced block per item, problems as a list.
import type { ContextItem, ContextKind } from './types';

const TITLES: Record<ContextKind, string> = {
  selection: 'Selected code',
  activeFile: 'Active file',
  openEditor: 'Open file',
  file: 'File',
  problems: 'Problems',
};

/** Between two rendered items. */
export const ITEM_SEPARATOR = '\n\n';

/** A backtick fence longer than any backtick run inside the text, so the text cannot close it early. */
export function fenceFor(text: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** `src/cart.ts:10-24` for part of a file, `src/cart.ts` for all of it. */
export function locationOf(item: ContextItem): string {
  if (!item.range) return item.path;
  const { start, end } = item.range;
  return start === end ? `${item.path}:${start}` : `${item.path}:${start}-${end}`;
}

function headerOf(item: ContextItem): string {
  if (item.kind === 'problems') {
    return item.range ? `${TITLES.problems} (${item.range.end} most severe of ${item.lineCount}):` : `${TITLES.problems}:`;
  }
  const partial = item.range && item.kind !== 'selection' ? ` (part of ${item.lineCount} lines)` : '';
  return `${TITLES[item.kind]}: ${locationOf(item)}${partial}`;
}

/** What surrounds the item's text; split out so a plan can count it without recounting the text. */
export function wrapperOf(item: ContextItem): { readonly before: string; readonly after: string } {
  const header = headerOf(item);
  const newline = item.text.endsWith('\n') ? '' : '\n';
  if (item.kind === 'problems') return { before: `${header}\n`, after: '' };
  const fence = fenceFor(item.text);
  const language = item.languageId === 'plaintext' ? '' : item.languageId;
  return { before: `${header}\n${fence}${language}\n`, after: `${newline}${fence}` };
}

export function renderItem(item: ContextItem): string {
  const { before, after } = wrapperOf(item);
  return `${before}${item.text}${after}`;
}

export function renderContext(items: readonly ContextItem[]): string {
  return items.map(renderItem).join(ITEM_SEPARATOR);
}
