// `@folder` / `@workspace`: as many of a folder's files as the model's budget takes, most relevant first. Every
// exclusion rule applies first (secret names, tandem.context.exclude, .tandemignore, .gitignore, size, binary), so an
// ignored file never appears whatever the budget. Relevance, in tiers:
//   1. files open in an editor, 2. files the selection imports, 3. recently edited files (most recent first),
//   4. everything else;
// within a tier, nearer the anchor (the active file) in the folder tree first, then shallower, then by path.
// Packing is greedy in that order: a file that does not fit what is left is left out and smaller ones after it may
// still go in. Token counts must be of the text as sent (redacted): a file given with its text is counted here.
import { Excluder, type ExcludeCheck, type ExcludeReason, type FileFacts } from './exclude';
import type { IgnoreMatch } from './ignoreFiles';
import { workspacePath } from './paths';
import { redactContextText } from './redact';
import { renderItem } from './render';
import type { ContextItem } from './types';

export interface PackCandidate {
  /** Workspace-relative, forward slashes. */
  readonly path: string;
  readonly sizeBytes: number;
  /** Tokens of the (redacted) text, when the host counted already. */
  readonly tokens?: number;
  /** The file's text: redacted and counted here when `tokens` is absent. */
  readonly text?: string;
  readonly languageId?: string;
  readonly open?: boolean;
  readonly importedBySelection?: boolean;
  /** When the user last edited it (ms since the epoch); absent = not recently edited. */
  readonly editedAt?: number;
  readonly binary?: boolean;
}

export type PackTier = 'open' | 'imported' | 'recent' | 'other';

export interface PackedFile {
  readonly path: string;
  readonly tier: PackTier;
  /** Tokens of the file's text. */
  readonly tokens: number;
  /** What it adds to the request: text, header, fence and separator. */
  readonly cost: number;
}

export type LeftOutReason = ExcludeReason | 'overBudget' | 'tooManyFiles' | 'notCounted';

export interface LeftOutFile {
  readonly path: string;
  readonly reason: LeftOutReason;
  readonly message: string;
  /** For an ignore file: the deciding file and line. */
  readonly rule?: IgnoreMatch;
  /** For a file over the budget: its tokens, and what it would have added with its header. */
  readonly tokens?: number;
  readonly cost?: number;
}

export interface PackOptions {
  /** Tokens the packed files may take. */
  readonly budget: number;
  readonly count: (text: string) => number;
  /** The folder's rules; default: secret names and the default size cap. */
  readonly exclude?: ExcludeCheck;
  /** Proximity is measured from here (the active file); default: the workspace root. */
  readonly anchor?: string;
  /** Dollars per 1M input tokens, for the cost shown before sending. */
  readonly inputPricePerMillion?: number;
  /** Above this many tokens the composer asks once before sending (default 100K). */
  readonly confirmAbove?: number;
  readonly maxFiles?: number;
}

export interface FolderPack {
  /** In relevance order. */
  readonly included: readonly PackedFile[];
  /** In the order the candidates were ranked (excluded ones in input order, first). */
  readonly leftOut: readonly LeftOutFile[];
  /** Sum of the included files' costs: an upper bound of the rendered files' tokens; always ≤ budget. */
  readonly totalTokens: number;
  readonly budget: number;
  /** Undefined without a price. */
  readonly costUsd?: number;
  readonly needsConfirmation: boolean;
  readonly confirmAbove: number;
}

export const DEFAULT_CONFIRM_ABOVE_TOKENS = 100_000;
/** A longer fence than three backticks, the separator, and tokens that merge differently at the edges. */
const FILE_MARGIN = 8;
const TIER_RANK: Readonly<Record<PackTier, number>> = { open: 0, imported: 1, recent: 2, other: 3 };

function dirParts(path: string): string[] {
  const parts = workspacePath(path).split('/');
  parts.pop();
  return parts.filter((p) => p !== '');
}

/** Steps in the folder tree from the anchor's folder to the file's folder. */
export function folderDistance(anchor: string | undefined, path: string): number {
  const to = dirParts(path);
  if (anchor === undefined) return to.length;
  const from = dirParts(anchor);
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  return from.length - common + (to.length - common);
}

export function tierOf(candidate: PackCandidate): PackTier {
  if (candidate.open) return 'open';
  if (candidate.importedBySelection) return 'imported';
  if (candidate.editedAt !== undefined) return 'recent';
  return 'other';
}

/** The candidates in relevance order (see the header comment), e.g. to read and count them in that order. */
export function rankCandidates<T extends PackCandidate>(candidates: readonly T[], anchor?: string): T[] {
  const keyed = candidates.map((c) => ({ c, tier: TIER_RANK[tierOf(c)], distance: folderDistance(anchor, c.path), depth: dirParts(c.path).length }));
  keyed.sort(
    (a, b) =>
      a.tier - b.tier ||
      (a.tier === TIER_RANK.recent ? (b.c.editedAt ?? 0) - (a.c.editedAt ?? 0) : 0) ||
      a.distance - b.distance ||
      a.depth - b.depth ||
      workspacePath(a.c.path).localeCompare(workspacePath(b.c.path)),
  );
  return keyed.map((k) => k.c);
}

/** The header and fence renderContext puts around a file: counted once per file. */
function overheadOf(path: string, languageId: string, count: (text: string) => number): number {
  const shell: ContextItem = { id: path, kind: 'file', label: path, path, languageId, text: '', lineCount: 0, tokens: 0, order: 0, pinned: true };
  return count(renderItem(shell)) + FILE_MARGIN;
}

export function packFolder(candidates: readonly PackCandidate[], options: PackOptions): FolderPack {
  const budget = Math.max(0, Math.floor(options.budget));
  const confirmAbove = options.confirmAbove ?? DEFAULT_CONFIRM_ABOVE_TOKENS;
  const defaults = new Excluder();
  const exclude = options.exclude ?? ((path: string, facts?: FileFacts) => defaults.check(path, facts));
  const leftOut: LeftOutFile[] = [];
  const eligible: PackCandidate[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const path = workspacePath(candidate.path);
    if (seen.has(path)) continue;
    seen.add(path);
    const sample = candidate.text !== undefined ? { sample: candidate.text.slice(0, 8192) } : {};
    const verdict = exclude(path, { sizeBytes: candidate.sizeBytes, ...sample });
    if (verdict.excluded) leftOut.push({ path, reason: verdict.reason, message: verdict.message, ...(verdict.rule ? { rule: verdict.rule } : {}) });
    else if (candidate.binary) leftOut.push({ path, reason: 'binary', message: `${path} looks binary.` });
    else eligible.push({ ...candidate, path });
  }

  const included: PackedFile[] = [];
  let total = 0;
  for (const candidate of rankCandidates(eligible, options.anchor === undefined ? undefined : workspacePath(options.anchor))) {
    const { path } = candidate;
    if (options.maxFiles !== undefined && included.length >= options.maxFiles) {
      leftOut.push({ path, reason: 'tooManyFiles', message: `${path} left out: at most ${options.maxFiles} files are packed.` });
      continue;
    }
    const tokens = candidate.tokens ?? (candidate.text !== undefined ? options.count(redactContextText(candidate.text, candidate.languageId ?? '', path)) : undefined);
    if (tokens === undefined) {
      leftOut.push({ path, reason: 'notCounted', message: `${path} left out: it was not read, so its size in tokens is unknown.` });
      continue;
    }
    const cost = tokens + overheadOf(path, candidate.languageId ?? '', options.count);
    if (total + cost > budget) {
      leftOut.push({ path, reason: 'overBudget', message: `${path} left out: its ${tokens} tokens do not fit what is left of the model's budget.`, tokens, cost });
      continue;
    }
    total += cost;
    included.push({ path, tier: tierOf(candidate), tokens, cost });
  }
  const costUsd = options.inputPricePerMillion === undefined ? undefined : (total * options.inputPricePerMillion) / 1_000_000;
  return { included, leftOut, totalTokens: total, budget, ...(costUsd !== undefined ? { costUsd } : {}), needsConfirmation: total > confirmAbove, confirmAbove };
}

const REASON_WORDS: Readonly<Record<LeftOutReason, string>> = {
  overBudget: 'did not fit the budget',
  tooManyFiles: 'over the file limit',
  notCounted: 'not read',
  secret: 'look like secrets',
  userExcluded: 'match tandem.context.exclude',
  tandemIgnored: 'are in .tandemignore',
  gitignored: 'are in .gitignore',
  tooLarge: 'are too large',
  binary: 'are binary',
};

/** "88 files left out: 80 did not fit the budget, 5 are in .gitignore, 3 are in .tandemignore"; '' when none. */
export function describeLeftOut(pack: FolderPack): string {
  if (pack.leftOut.length === 0) return '';
  const counts = new Map<LeftOutReason, number>();
  for (const file of pack.leftOut) counts.set(file.reason, (counts.get(file.reason) ?? 0) + 1);
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${n} ${REASON_WORDS[reason]}`);
  const n = pack.leftOut.length;
  return `${n} file${n === 1 ? '' : 's'} left out: ${parts.join(', ')}`;
}
