// The staged diff as a commit-message prompt shows it, within a token budget. What each kind of file sends:
//   source      its hunks (redacted), trimmed fairly with the other files when the budget is short;
//   lock, generated, binary, and deleted files: a line in the file list (name, +/- counts), never their content;
//   secret      (context/exclude.ts secret-file rules) a line in the list, never content: the name of `.env` or
//               `id_rsa` gives nothing away, and a message that says the commit touches it is a useful warning;
//   excluded    (the user's own rules, e.g. .tandemignore) nothing at all, not even the name: those rules exist to
//               keep a path out of every request, so only a count is shown ("2 files left out by your exclusion rules").
// When the files do not fit: context shrinks to one line around changes, then every file gets an equal share of
// what is left (a file needing less gives the rest back), the files with the most changes first when even one
// line each will not fit; a note says what was left out ("12 more files, 3,400 changed lines not shown").
import { parseGitDiff, type FileChange, type FileDiff } from './diffParse';
import { counts, hasContent, plural, renderList, sum, type Entry, type Shown } from './diffList';
import type { Counter } from '../context/items';
import { Section, fillShares } from './diffSections';
import { classifyDiffFile, type DiffFileKind, type KindRules } from './fileKinds';

export type { Shown } from './diffList';

export interface DiffSummaryOptions extends KindRules {
  /** Tokens the summary may take in the prompt. */
  readonly budget: number;
  readonly count: Counter;
}

export interface SummarisedFile {
  readonly path: string;
  readonly oldPath?: string;
  readonly change: FileChange;
  readonly kind: DiffFileKind;
  readonly added: number;
  readonly removed: number;
  readonly shown: Shown;
}

export interface DiffSummary {
  /** For the prompt; empty when the diff has no file the rules let through. */
  readonly text: string;
  /** Tokens of `text`, always ≤ the budget. */
  readonly tokens: number;
  /** Every file of the diff in diff order, excluded ones too (for the host; never sent). */
  readonly files: readonly SummarisedFile[];
  /** Files that look like credential stores: the host may warn before the commit. */
  readonly secretPaths: readonly string[];
  /** What the budget left out, as the prompt says it; undefined when nothing was. */
  readonly note?: string;
}

/** Room for the list's share of the budget, so a thousand generated files cannot crowd out every diff. */
const LIST_SHARE = 0.4;
const SECTION_SEPARATOR = '\n';

function noteFor(nameOnly: number, partial: number, hiddenLines: number): string | undefined {
  if (nameOnly === 0 && partial === 0) return undefined;
  const notShown = nameOnly > 0 ? `${plural(nameOnly, 'more file')} and ${plural(hiddenLines, 'changed line')}` : plural(hiddenLines, 'changed line');
  const inPart = partial > 0 ? `; ${plural(partial, 'file')} shown in part` : '';
  return `[Diff trimmed to fit: ${notShown} not shown${inPart}.]`;
}

/** The longest note the numbers of this diff could produce, reserved before the shares are known. */
function noteReserve(files: number, lines: number, count: Counter): number {
  return count(noteFor(files, files, lines) ?? '') + 2;
}

/** The list is re-rendered per folder depth and sections per attempt: the same strings would be counted again. */
function memoised(count: Counter): Counter {
  const known = new Map<string, number>();
  return (text) => {
    let tokens = known.get(text);
    if (tokens === undefined) known.set(text, (tokens = count(text)));
    return tokens;
  };
}

export function summariseDiff(diff: string | readonly FileDiff[], options: DiffSummaryOptions): DiffSummary {
  const files = typeof diff === 'string' ? parseGitDiff(diff) : diff;
  const count = memoised(options.count);
  const budget = Math.max(0, Math.floor(options.budget));
  const entries: Entry[] = files.map((file, index) => ({ file, kind: classifyDiffFile(file, options), index, listed: false, shown: 'none' }));
  const excluded = entries.filter((e) => e.kind === 'excluded').length;
  const secretPaths = entries.filter((e) => e.kind === 'secret').map((e) => e.file.path);
  const summary = (text: string, note?: string): DiffSummary => ({
    text,
    tokens: count(text),
    files: entries.map((e) => ({ path: e.file.path, ...(e.file.oldPath !== undefined ? { oldPath: e.file.oldPath } : {}), change: e.file.change, kind: e.kind, added: e.file.added, removed: e.file.removed, shown: e.shown })),
    secretPaths,
    ...(note !== undefined ? { note } : {}),
  });
  if (entries.length === excluded) return summary(excluded > 0 ? `(${plural(excluded, 'file')} changed, all left out by your exclusion rules)` : '');

  const candidates = entries.filter(hasContent);
  const reserve = noteReserve(candidates.length, sum(candidates, 'added') + sum(candidates, 'removed'), count);
  const listText = renderList(entries, excluded, Math.floor(budget * LIST_SHARE), count).join('\n');
  const listTokens = count(`${listText}\n\n`);
  if (listTokens > budget) {
    for (const e of entries) e.listed = false;
    const visible = entries.filter((e) => e.kind !== 'excluded');
    const line = `${plural(visible.length, 'file')} changed (${counts(sum(visible, 'added'), sum(visible, 'removed'))})`;
    return summary(count(line) <= budget ? line : '');
  }
  for (const e of entries) if (e.listed) e.shown = 'name';

  const sections = candidates.filter((e) => e.listed).map((e) => ({ entry: e, section: new Section(e.file, count) }));
  // Lines are counted one by one, and a newline often merges with the next line's indent when the text is whole:
  // the sum errs high. When the first fit leaves room, fit again with the room scaled by what was really used.
  let room = budget - listTokens - reserve;
  let best: { text: string; tokens: number; fitted: Fitted } | undefined;
  for (let attempt = 0; attempt < 4; attempt++) {
    const fitted = fitSections(sections, room, count);
    const text = [listText, ...(fitted.note ? [fitted.note] : []), ...fitted.blocks].join('\n\n');
    const tokens = count(text);
    if (tokens <= budget && (!best || tokens > best.tokens)) best = { text, tokens, fitted };
    if (tokens > budget) room -= tokens - budget + 8;
    else if (fitted.note !== undefined && tokens < budget * 0.95) room = Math.floor(room * Math.min(1.5, (budget * 0.98) / tokens));
    else break;
  }
  if (!best) return summary(listText);
  for (const [entry, shown] of best.fitted.shown) entry.shown = shown;
  return { ...summary(best.text, best.fitted.note), tokens: best.tokens };
}

type Candidate = { readonly entry: Entry; readonly section: Section };

/**
 * Too many files for a useful share each: the files with the most changes (diff order when equal) get their
 * minimum while room lasts. Returned in diff order, with the minimum each was given.
 */
function chooseSections(sections: readonly Candidate[], room: number, separator: number, markerCost: number): Map<Candidate, number> {
  const ranked = [...sections].sort((a, b) => b.section.changedLines - a.section.changedLines || a.entry.index - b.entry.index);
  const chosen = new Map<Candidate, number>();
  let used = 0;
  for (const candidate of ranked) {
    const minimum = candidate.section.minimumShare(markerCost);
    if (used + minimum + separator > room) continue;
    used += minimum + separator;
    chosen.set(candidate, minimum);
  }
  return new Map(sections.filter((s) => chosen.has(s)).map((s) => [s, chosen.get(s)!]));
}

interface Fitted {
  readonly blocks: string[];
  readonly note?: string;
  readonly shown: Map<Entry, Shown>;
}

function fitSections(sections: readonly Candidate[], room: number, count: Counter): Fitted {
  const separator = count(SECTION_SEPARATOR) + 1;
  const sumUpTo = (cap: number): number => {
    let total = 0;
    for (const { section } of sections) {
      if (total > cap) break;
      total += section.costUpTo(cap - total) + separator;
    }
    return total;
  };
  if (sumUpTo(room) > room) for (const { section } of sections) section.compact();
  const markerCost = count('… 99,999 more changed lines of this file not shown\n');
  // Each chosen file first gets its minimum, so a share is never too thin to show a change; the rest is shared fairly.
  const minimums = sumUpTo(room) > room ? chooseSections(sections, room, separator, markerCost) : new Map(sections.map((s) => [s, 0]));
  const order = [...minimums.keys()];
  const base = order.map((s) => minimums.get(s)!);
  const extra = fillShares(
    order.length,
    room - separator * order.length - base.reduce((a, b) => a + b, 0),
    (i, cap) => order[i].section.costUpTo(cap + base[i]) - base[i],
    (i, share) => {
      const rendered = order[i].section.render(base[i] + share, markerCost);
      return { tokens: Math.max(0, rendered.tokens - base[i]), complete: rendered.hiddenChanges === 0 };
    },
  );
  const shares = extra.map((e, i) => base[i] + e);
  const shown = new Map<Entry, Shown>();
  const blocks: string[] = [];
  let nameOnly = 0;
  let partial = 0;
  let hiddenLines = 0;
  const shareOf = new Map(order.map((s, i) => [s.section, shares[i]]));
  for (const { entry, section } of sections) {
    const share = shareOf.get(section);
    const rendered = share !== undefined ? section.render(share, markerCost) : undefined;
    const showsChange = rendered !== undefined && rendered.lines.length > section.header.lines.length;
    if (!rendered || !showsChange) {
      nameOnly++;
      hiddenLines += section.changedLines;
      shown.set(entry, 'name');
      continue;
    }
    const lines = [...rendered.lines];
    if (rendered.hiddenChanges > 0) {
      partial++;
      hiddenLines += rendered.hiddenChanges;
      lines.push(`… ${plural(rendered.hiddenChanges, 'more changed line')} of this file not shown`);
    }
    shown.set(entry, rendered.hiddenChanges > 0 ? 'part' : 'all');
    blocks.push(lines.join('\n'));
  }
  const note = noteFor(nameOnly, partial, hiddenLines);
  return { blocks, shown, ...(note !== undefined ? { note } : {}) };
}
