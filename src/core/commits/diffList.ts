// The file list at the top of a summarised diff: one line per file, like `git diff --name-status` with counts.
// When it is longer than its room, folders that hold several files fold into one line each, deepest folders
// first so as much detail stays as fits ("A test/fixtures/cases/ (712 files, +8,640 -7)"); only when even
// top-level folders do not fit is the list cut, keeping source files and secret files before the rest.
import type { FileChange, FileDiff } from './diffParse';
import type { Counter } from '../context/items';
import type { DiffFileKind } from './fileKinds';

/** How much of a file the prompt shows: its hunks, part of them, a line in the list, or nothing. */
export type Shown = 'all' | 'part' | 'name' | 'none';

export interface Entry {
  readonly file: FileDiff;
  readonly kind: DiffFileKind;
  /** Position in the diff. */
  readonly index: number;
  listed: boolean;
  shown: Shown;
}

const CHANGE_LETTER: Record<FileChange, string> = { added: 'A', deleted: 'D', modified: 'M', renamed: 'R', copied: 'C' };
const KIND_NOTE: Partial<Record<DiffFileKind, string>> = {
  lock: 'lock file',
  generated: 'generated',
  binary: 'binary',
  secret: 'secret file, content never sent',
};
const NAME_ONLY_LABEL: Partial<Record<DiffFileKind, string>> = { lock: 'lock files', generated: 'generated files', binary: 'binary files', secret: 'secret files' };
/** A folder folds into one line only when it saves lines. */
const MIN_GROUP = 3;

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function counts(added: number, removed: number): string {
  return `+${added.toLocaleString('en-US')} -${removed.toLocaleString('en-US')}`;
}

export function sum(entries: readonly Entry[], field: 'added' | 'removed'): number {
  return entries.reduce((n, e) => n + e.file[field], 0);
}

/** Source files that still exist have content worth sending; the rest say enough in the list. */
export function hasContent(entry: Entry): boolean {
  return entry.kind === 'source' && entry.file.change !== 'deleted' && entry.file.hunks.length > 0;
}

function fileLine(entry: Entry): string {
  const { file, kind } = entry;
  const name = file.oldPath !== undefined ? `${file.oldPath} -> ${file.path}` : file.path;
  const facts: string[] = [];
  if (kind !== 'binary' && kind !== 'secret') facts.push(counts(file.added, file.removed));
  const note = KIND_NOTE[kind];
  if (note) facts.push(note);
  if (file.oldMode !== undefined && file.newMode !== undefined && file.oldMode !== file.newMode) facts.push(`mode ${file.oldMode} -> ${file.newMode}`);
  return `${CHANGE_LETTER[file.change]} ${name} (${facts.join(', ')})`;
}

function groupLine(folder: string, members: readonly Entry[]): string {
  const letters = new Set(members.map((e) => CHANGE_LETTER[e.file.change]));
  const kinds = new Set(members.map((e) => e.kind));
  const kind = kinds.size === 1 ? KIND_NOTE[members[0].kind] : undefined;
  const facts = [plural(members.length, 'file'), counts(sum(members, 'added'), sum(members, 'removed')), ...(kind ? [kind] : [])];
  return `${letters.size === 1 ? [...letters][0] : '*'} ${folder}/ (${facts.join(', ')})`;
}

interface Row {
  readonly text: string;
  readonly members: readonly Entry[];
}

function folderAt(entry: Entry, depth: number): string | undefined {
  const parts = entry.file.path.split('/');
  return parts.length > depth ? parts.slice(0, depth).join('/') : undefined;
}

/** Rows with every folder `depth` levels deep that holds MIN_GROUP or more files folded into one line. */
function rowsAt(visible: readonly Entry[], depth: number): Row[] {
  const groups = new Map<string, Entry[]>();
  for (const e of visible) {
    // A secret file keeps its own line: that line is the warning.
    const folder = e.kind === 'secret' ? undefined : folderAt(e, depth);
    if (folder !== undefined) groups.set(folder, [...(groups.get(folder) ?? []), e]);
  }
  const rows: Row[] = [];
  const done = new Set<string>();
  for (const e of visible) {
    const folder = e.kind === 'secret' ? undefined : folderAt(e, depth);
    const members = folder !== undefined ? groups.get(folder)! : [];
    if (members.length < MIN_GROUP) rows.push({ text: fileLine(e), members: [e] });
    else if (!done.has(folder!)) {
      done.add(folder!);
      rows.push({ text: groupLine(folder!, members), members });
    }
  }
  return rows;
}

function rowsCost(rows: readonly Row[], count: Counter): number {
  return rows.reduce((n, r) => n + count(`${r.text}\n`), 0);
}

/** Source files, then secrets (their line is a warning), then everything else. */
function priorityOf(row: Row): number {
  return Math.min(...row.members.map((e) => (e.kind === 'source' ? (e.file.change === 'deleted' ? 1 : 0) : e.kind === 'secret' ? 2 : 3)));
}

function cutToFit(rows: readonly Row[], room: number, count: Counter): Row[] {
  const tailReserve = 24;
  const byPriority = rows.map((row, i) => ({ row, i })).sort((a, b) => priorityOf(a.row) - priorityOf(b.row) || a.i - b.i);
  const kept = new Set<number>();
  let used = 0;
  for (const { row, i } of byPriority) {
    const cost = count(`${row.text}\n`);
    if (used + cost > room - tailReserve) break;
    used += cost;
    kept.add(i);
  }
  return rows.filter((_, i) => kept.has(i));
}

/** The list's lines within `room` tokens; marks the entries it names as listed. */
export function renderList(entries: readonly Entry[], excluded: number, room: number, count: Counter): string[] {
  const visible = entries.filter((e) => e.kind !== 'excluded');
  const title = `Changed files (${visible.length}):`;
  const extras: string[] = [];
  if (excluded > 0) extras.push(`(${plural(excluded, 'file')} left out by your exclusion rules)`);
  const fixed = count(`${title}\n`) + extras.reduce((n, l) => n + count(`${l}\n`), 0) + 40;
  const deepest = Math.max(1, ...visible.map((e) => e.file.path.split('/').length - 1));
  let rows: Row[] = visible.map((e) => ({ text: fileLine(e), members: [e] }));
  for (let depth = deepest; depth >= 1 && rowsCost(rows, count) > room - fixed; depth--) rows = rowsAt(visible, depth);
  if (rowsCost(rows, count) > room - fixed) rows = cutToFit(rows, room - fixed, count);
  for (const row of rows) for (const e of row.members) e.listed = true;
  const out = [title, ...rows.map((r) => r.text)];
  const rest = visible.filter((e) => !e.listed);
  if (rest.length > 0) out.push(`…and ${plural(rest.length, 'more file')} (${counts(sum(rest, 'added'), sum(rest, 'removed'))})`);
  out.push(...extras);
  const nameOnly = new Set(visible.filter((e) => e.listed && !hasContent(e)).map(nameOnlyLabel).filter((l) => l !== undefined));
  if (nameOnly.size > 0) out.push(`Shown by name only: ${[...nameOnly].join(', ')}.`);
  return out;
}

function nameOnlyLabel(entry: Entry): string | undefined {
  return entry.kind === 'source' ? (entry.file.change === 'deleted' ? 'deleted files' : undefined) : NAME_ONLY_LABEL[entry.kind];
}
