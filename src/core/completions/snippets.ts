// Which bits of other files a completion prompt shows. Every request pays for them, so only a few short windows
// go: from each candidate file the window of lines sharing the most identifiers with the code around the cursor
// (Copilot's neighbouring-tabs idea), files the document imports ahead of other open editors.
import { isSecretPath } from '../context/exclude';
import { redactContextText } from '../context/redact';

export interface CompletionSnippet {
  /** Workspace-relative, forward slashes. */
  readonly path: string;
  readonly text: string;
  /** A file the document imports, or another open editor (pass those most recently used first). */
  readonly source: 'import' | 'openEditor';
  readonly languageId?: string;
}

export interface ChosenSnippet {
  readonly path: string;
  readonly source: CompletionSnippet['source'];
  /** Redacted lines of the window. */
  readonly text: string;
  /** 1-based line the window starts at. */
  readonly startLine: number;
  readonly tokens: number;
}

export interface SnippetOptions {
  readonly budgetTokens: number;
  readonly maxSnippets: number;
  readonly count: (text: string) => number;
  /** Git-ignored and user-excluded files; secret-looking paths are never sent whatever this says. */
  readonly isExcluded?: (path: string) => boolean;
  /** The document's own path: its text is in the prompt already. */
  readonly currentPath?: string;
}

const WINDOW_LINES = 30;
const WINDOW_STEP = 10;
/** A window shorter than this says too little to be worth its header. */
const MIN_WINDOW_LINES = 4;
/** Big files are scanned only this far: the prompt is built per request, but a request should not wait on it. */
const MAX_SCANNED_LINES = 4_000;
/** Imported files are relevant by construction; this breaks ties in their favour and admits them at score 0. */
const IMPORT_BONUS = 0.05;

const COMMON_WORDS = new Set(
  'const let var function return if else for while import from export default this new true false null undefined void class extends interface type public private protected static async await def self elif none pass in is not and or the of to a'.split(
    ' ',
  ),
);

export function identifiersOf(text: string): Set<string> {
  const words = new Set<string>();
  for (const word of text.match(/[\p{L}_$][\p{L}\p{N}_$]+/gu) ?? []) if (!COMMON_WORDS.has(word)) words.add(word);
  return words;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}

interface Window {
  readonly start: number;
  readonly lines: readonly string[];
  readonly score: number;
}

function bestWindow(text: string, around: ReadonlySet<string>): Window | undefined {
  const lines = text.split(/\r\n|\n|\r/).slice(0, MAX_SCANNED_LINES);
  let best: Window | undefined;
  for (let start = 0; start < lines.length; start += WINDOW_STEP) {
    const window = lines.slice(start, start + WINDOW_LINES);
    const score = jaccard(identifiersOf(window.join('\n')), around);
    if (!best || score > best.score) best = { start, lines: window, score };
    if (start + WINDOW_LINES >= lines.length) break;
  }
  return best;
}

/** The best window of each candidate, most relevant first, as many as fit the budget. */
export function chooseSnippets(snippets: readonly CompletionSnippet[], aroundCursor: string, options: SnippetOptions): ChosenSnippet[] {
  if (options.budgetTokens <= 0 || options.maxSnippets <= 0) return [];
  const around = identifiersOf(aroundCursor);
  const seen = new Set<string>();
  const ranked: { snippet: CompletionSnippet; window: Window; rank: number; order: number }[] = [];
  snippets.forEach((snippet, order) => {
    if (seen.has(snippet.path) || snippet.path === options.currentPath || isSecretPath(snippet.path) || options.isExcluded?.(snippet.path)) return;
    seen.add(snippet.path);
    const window = bestWindow(snippet.text, around);
    if (!window || window.lines.join('').trim() === '') return;
    const rank = window.score + (snippet.source === 'import' ? IMPORT_BONUS : 0);
    if (rank > 0) ranked.push({ snippet, window, rank, order });
  });
  ranked.sort((a, b) => b.rank - a.rank || a.order - b.order);

  const chosen: ChosenSnippet[] = [];
  let left = options.budgetTokens;
  for (const { snippet, window } of ranked) {
    if (chosen.length >= options.maxSnippets) break;
    let lines = redactContextText(window.lines.join('\n'), snippet.languageId ?? '', snippet.path).split('\n');
    let tokens = options.count(lines.join('\n'));
    while (tokens > left && lines.length > MIN_WINDOW_LINES) {
      lines = lines.slice(0, Math.max(MIN_WINDOW_LINES, Math.floor(lines.length * 0.75)));
      tokens = options.count(lines.join('\n'));
    }
    if (tokens > left) continue;
    left -= tokens;
    chosen.push({ path: snippet.path, source: snippet.source, text: lines.join('\n'), startLine: window.start + 1, tokens });
  }
  return chosen;
}

const JS_IMPORTS = /\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]|\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
const PYTHON_IMPORTS = /^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import\b|import[ \t]+([\w.]+))/gm;

/** The module names a document imports, in order, for the host to resolve to files it can read. */
export function importSpecifiers(text: string, languageId: string): string[] {
  const pattern = languageId === 'python' ? PYTHON_IMPORTS : /^(?:typescript|javascript)(?:react)?$|^(?:vue|svelte)$/.test(languageId) ? JS_IMPORTS : undefined;
  if (!pattern) return [];
  const found: string[] = [];
  for (const match of text.matchAll(pattern)) {
    const name = match.slice(1).find((group) => group !== undefined);
    if (name && !found.includes(name)) found.push(name);
  }
  return found;
}
