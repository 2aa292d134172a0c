// Builds ContextItems from what the VS Code layer reads (live editor text, diagnostics): redacts, counts, labels.
import { fileNameOf } from './paths';
import { redactContextText } from './redact';
import type { ContextItem, ContextKind, LineRange, Problem, ProblemSeverity } from './types';

/** Tokens of a text; `languageId` (a file's, or none for the talk) lets an estimate be corrected per language. */
export type Counter = (text: string, versionKey?: string, languageId?: string) => number;

export interface ItemInput {
  readonly kind: Exclude<ContextKind, 'problems'>;
  /** Workspace-relative. */
  readonly path: string;
  readonly languageId: string;
  /** Live editor text (unsaved changes included) of `range`, or of the whole file. */
  readonly text: string;
  readonly range?: LineRange;
  readonly focus?: LineRange;
  readonly order?: number;
  readonly pinned?: boolean;
  readonly id?: string;
  readonly label?: string;
  /** e.g. `uri@version`: lets a cached counter skip unchanged text. */
  readonly versionKey?: string;
}

export function lineCountOf(text: string): number {
  if (text.length === 0) return 0;
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return text.endsWith('\n') ? lines - 1 : lines;
}

/** Redacted texts by version key: the chips and each send assemble the same unchanged editors again, and masking a
 * file's secrets (~0.5 ms per file) was a fifth of a send's context assembly. The source is compared too, so a key
 * used again for other text (an untitled buffer closed and opened anew) is never served stale. Few entries: each
 * holds a file's text. */
const redactedByVersion = new Map<string, { readonly source: string; readonly text: string }>();
const MAX_REDACTED_VERSIONS = 16;

function redacted(input: ItemInput): string {
  const key = input.versionKey === undefined ? undefined : `${input.versionKey}\u0000${input.languageId}\u0000${input.path}`;
  const known = key === undefined ? undefined : redactedByVersion.get(key);
  if (known?.source === input.text) return known.text;
  const text = redactContextText(input.text, input.languageId, input.path);
  if (key !== undefined) {
    redactedByVersion.delete(key);
    redactedByVersion.set(key, { source: input.text, text });
    if (redactedByVersion.size > MAX_REDACTED_VERSIONS) redactedByVersion.delete(redactedByVersion.keys().next().value as string);
  }
  return text;
}

export function createContextItem(input: ItemInput, count: Counter): ContextItem {
  const text = redacted(input);
  const rangeKey = input.range ? `:${input.range.start}-${input.range.end}` : '';
  const defaultLabel = input.kind === 'selection' && input.range ? `${(fileNameOf(input.path) || input.path)}${rangeKey}` : (fileNameOf(input.path) || input.path);
  return {
    id: input.id ?? `${input.kind}:${input.path}${rangeKey}`,
    kind: input.kind,
    label: input.label ?? defaultLabel,
    path: input.path,
    languageId: input.languageId,
    text,
    range: input.range,
    focus: input.focus,
    lineCount: lineCountOf(text),
    // A key counts the redacted text: redaction is deterministic, so the same key means the same text.
    tokens: count(text, input.versionKey, input.languageId),
    order: input.order ?? 0,
    pinned: input.pinned ?? input.kind === 'file',
  };
}

const SEVERITY_RANK: Record<ProblemSeverity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
const MAX_MESSAGE_CHARS = 300;

/** One line per problem, most severe first, so trimming the list keeps what matters. */
export function createProblemsItem(problems: readonly Problem[], count: Counter): ContextItem | undefined {
  if (problems.length === 0) return undefined;
  const sorted = [...problems].sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.path.localeCompare(b.path) || a.line - b.line,
  );
  const lines = sorted.map((p) => {
    const message = p.message.replace(/\s+/g, ' ').trim();
    const short = message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS - 1)}…` : message;
    return `- ${p.path}:${p.line} ${p.severity}: ${short}`;
  });
  const text = redactContextText(lines.join('\n'));
  return {
    id: 'problems',
    kind: 'problems',
    label: `${problems.length} problem${problems.length === 1 ? '' : 's'}`,
    path: '',
    languageId: '',
    text,
    lineCount: lines.length,
    tokens: count(text),
    order: 0,
    pinned: false,
  };
}
