// The prompt for a chat model asked to fill a hole (neither model has a fill-in-the-middle endpoint). Each part
// has a token budget because every keystroke that leads to a request pays for all of it. Order is chosen for the
// providers' automatic prefix caching: the fixed text first, then the file from a start line that moves in steps
// of ANCHOR_LINES, so consecutive requests share a long prompt head billed at the cached price.
import { redactContextText } from '../context/redact';
import { countTokens } from '../context/tokens';
import type { TokenFamily } from '../context/types';
import type { ModelRequest } from '../providers/types';
import { type CursorContext, cursorContext } from './cursor';
import { wantsMultiline } from './multiline';
import { type ChosenSnippet, type CompletionSnippet, chooseSnippets } from './snippets';
import type { CompletionDocument, MultilineMode } from './types';

export interface PromptBudgets {
  /** Tokens of file text before the cursor; the nearest lines are kept. */
  readonly prefixTokens: number;
  /** Tokens of file text after the cursor; the nearest lines are kept. */
  readonly suffixTokens: number;
  readonly snippetTokens: number;
  readonly maxSnippets: number;
  readonly instructionTokens: number;
}

export const DEFAULT_BUDGETS: PromptBudgets = {
  prefixTokens: 1_200,
  suffixTokens: 300,
  snippetTokens: 500,
  maxSnippets: 3,
  instructionTokens: 250,
};

/** Output tokens: a line of code is rarely over 40 tokens; a block answer stops at the block's end anyway. */
export const DEFAULT_OUTPUT_LIMITS = { singleLine: 64, multiLine: 320 } as const;

/** The trimmed prefix starts on a line number that is a multiple of this (see the top comment). */
export const ANCHOR_LINES = 16;

const HOLE_MARKERS = ['<|hole|>', '<|fill_here|>', '<<<HOLE>>>', '⟦hole⟧'];

export interface CompletionPromptInput {
  readonly document: CompletionDocument;
  readonly snippets?: readonly CompletionSnippet[];
  /** The project's instruction files' text (AGENTS.md and the like), when there are any. */
  readonly instructions?: string;
}

export interface CompletionPromptOptions {
  readonly model: string;
  readonly family: TokenFamily;
  readonly multiline?: MultilineMode;
  readonly budgets?: Partial<PromptBudgets>;
  readonly outputLimits?: { readonly singleLine: number; readonly multiLine: number };
  readonly isExcluded?: (path: string) => boolean;
}

export interface CompletionPrompt {
  readonly request: ModelRequest;
  readonly multiline: boolean;
  readonly holeMarker: string;
  /** The context the answer is post-processed against. */
  readonly context: CursorContext;
  /** Tokens of the whole prompt, in the family's count (an estimate for Gemini), for the cost of an unanswered request. */
  readonly promptTokens: number;
  readonly snippets: readonly ChosenSnippet[];
}

export interface TrimmedText {
  readonly text: string;
  /** Lines dropped from the far side. */
  readonly droppedLines: number;
}

/**
 * The prefix's last lines within `budget` tokens; the cursor's own line always stays. When lines are dropped
 * the cut is moved down to the next line number that is a multiple of `anchorLines` (`firstLine` = the 1-based
 * file line the prefix starts at).
 */
export function trimPrefix(prefix: string, budget: number, count: (text: string) => number, firstLine = 1, anchorLines = ANCHOR_LINES): TrimmedText {
  const lines = prefix.split('\n');
  const last = lines.length - 1;
  let used = count(lines[last]);
  let start = last;
  while (start > 0) {
    const tokens = count(`${lines[start - 1]}\n`);
    if (used + tokens > budget) break;
    used += tokens;
    start--;
  }
  if (start > 0 && anchorLines > 1) {
    const fileLine = firstLine + start;
    const anchored = Math.ceil((fileLine - 1) / anchorLines) * anchorLines + 1;
    start = Math.min(last, start + anchored - fileLine);
  }
  return { text: lines.slice(start).join('\n'), droppedLines: start };
}

/** The suffix's first lines within `budget` tokens; the rest of the cursor's line always stays. */
export function trimSuffix(suffix: string, budget: number, count: (text: string) => number): TrimmedText {
  const lines = suffix.split('\n');
  let used = count(lines[0]);
  let end = 1;
  while (end < lines.length) {
    const tokens = count(`\n${lines[end]}`);
    if (used + tokens > budget) break;
    used += tokens;
    end++;
  }
  return { text: lines.slice(0, end).join('\n'), droppedLines: lines.length - end };
}

/** The head of the instructions within budget, cut at a line. */
export function trimInstructions(text: string, budget: number, count: (text: string) => number): string {
  const lines = text.replace(/\r\n?/g, '\n').trim().split('\n');
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    const tokens = count(`${line}\n`);
    if (used + tokens > budget) break;
    used += tokens;
    kept.push(line);
  }
  return kept.join('\n').trim();
}

/** A marker that appears nowhere in the text the model sees, so the hole is unambiguous. */
export function chooseHoleMarker(...texts: string[]): string {
  return HOLE_MARKERS.find((marker) => texts.every((text) => !text.includes(marker))) ?? `<|hole-${texts.join('').length}|>`;
}

function systemPrompt(hole: string, multiline: boolean): string {
  const extent = multiline
    ? 'You may reply with several lines; end where the block the hole is in ends.'
    : 'Reply with the rest of the current line at most: never start a new line.';
  return [
    `You are the autocomplete engine of a code editor. You see one file with a hole at the cursor, marked ${hole}.`,
    'Reply with exactly the text to insert at the hole and nothing else: no code fences, no quotes around it, no explanation,',
    'and never text that is already right before or after the hole. Match the code style and indentation of the file.',
    extent,
    'If nothing sensible fits, reply with nothing.',
  ].join(' ');
}

function snippetBlock(snippet: ChosenSnippet): string {
  const end = snippet.startLine + snippet.text.split('\n').length - 1;
  const why = snippet.source === 'import' ? 'imported by this file' : 'open in the editor';
  return `<snippet path="${snippet.path}" lines="${snippet.startLine}-${end}" why="${why}">\n${snippet.text}\n</snippet>`;
}

export function buildCompletionPrompt(input: CompletionPromptInput, options: CompletionPromptOptions): CompletionPrompt {
  const budgets = { ...DEFAULT_BUDGETS, ...options.budgets };
  const limits = options.outputLimits ?? DEFAULT_OUTPUT_LIMITS;
  const count = (text: string): number => countTokens(text, options.family);
  const ctx = cursorContext(input.document);
  const multiline = wantsMultiline(ctx, options.multiline ?? 'auto');

  const prefixFirstLine = ctx.line - (ctx.prefix.split('\n').length - 1);
  const prefix = trimPrefix(ctx.prefix, budgets.prefixTokens, count, prefixFirstLine);
  const suffix = trimSuffix(ctx.suffix, budgets.suffixTokens, count);
  const around = prefix.text.split('\n').slice(-30).join('\n') + '\n' + suffix.text.split('\n').slice(0, 10).join('\n');
  const snippets = chooseSnippets(input.snippets ?? [], around, {
    budgetTokens: budgets.snippetTokens,
    maxSnippets: budgets.maxSnippets,
    count,
    isExcluded: options.isExcluded,
    currentPath: input.document.path,
  });
  const instructions = input.instructions ? trimInstructions(input.instructions, budgets.instructionTokens, count) : '';

  const before = redactContextText(prefix.text, ctx.languageId, ctx.path);
  const after = redactContextText(suffix.text, ctx.languageId, ctx.path);
  const hole = chooseHoleMarker(before, after, instructions, ...snippets.map((s) => s.text));
  const firstShown = prefixFirstLine + prefix.droppedLines;
  const lastShown = ctx.line + suffix.text.split('\n').length - 1;
  const partial = prefix.droppedLines > 0 || !ctx.prefixIsWhole || suffix.droppedLines > 0 || !ctx.suffixIsWhole;
  const lineBefore = before.slice(before.lastIndexOf('\n') + 1);
  const lineAfter = after.split('\n')[0];

  const parts: string[] = [];
  if (instructions) parts.push(`Project instructions (follow them where they apply):\n<instructions>\n${instructions}\n</instructions>`);
  parts.push(`File ${ctx.path} (${ctx.languageId})${partial ? `, lines ${firstShown}-${lastShown}` : ''}:\n<file>\n${before}${hole}${after}\n</file>`);
  if (snippets.length > 0) parts.push(`Related code from other files, for reference:\n${snippets.map(snippetBlock).join('\n')}`);
  parts.push(`The hole is on line ${ctx.line}:\n${lineBefore}${hole}${lineAfter}\nReply with the text for ${hole} only.`);
  const user = parts.join('\n\n');
  const system = systemPrompt(hole, multiline);

  return {
    request: {
      model: options.model,
      system,
      messages: [{ role: 'user', parts: [{ kind: 'text', text: user }] }],
      maxOutputTokens: multiline ? limits.multiLine : limits.singleLine,
      thinkingLevel: 'minimal',
    },
    multiline,
    holeMarker: hole,
    context: ctx,
    promptTokens: count(system) + count(user),
    snippets,
  };
}
