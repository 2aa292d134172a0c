// Keeps a suggestion from repeating what already follows the cursor. Peers strip any overlap of characters,
// which breaks `bar(|)` answered `foo(a)`: that `)` is the answer's own, and stripping it leaves `bar(foo(a)`.
// Here a closing bracket or quote counts as repeated only when the answer did not open it. When the answer
// rewrites the rest of the line with additions (`)` answered `"hi");`), it replaces those characters instead,
// which the editor shows as insertions around them.
import { bracketEvents, scanEnd } from './brackets';
import { type CursorContext, nextNonBlankLine } from './cursor';
import type { CompletionAnswer } from './types';

/** Only punctuation after the cursor can be woven into an answer; words there are code the answer must not move. */
const WOVEN_SUFFIX = /^[)\]}>'"`;:,]+$/;
/** An echoed line shorter than this (`}`, `end`) is as likely to be the answer's own line. */
const MIN_ECHO_LINE_CHARS = 4;

function isWordChar(char: string): boolean {
  return /[\p{L}\p{N}_$]/u.test(char);
}

/**
 * True when the brackets and quotes of `repeated` close what was open before the answer, not something the
 * answer (up to `answerBefore`) opened itself.
 */
export function closesOnlyOuter(answerBefore: string, repeated: string, ctx: CursorContext): boolean {
  const startQuote = scanEnd(ctx.linePrefix, ctx.hints).quote;
  const state = scanEnd(answerBefore, ctx.hints, startQuote);
  if (state.quote !== startQuote) return false;
  if (state.quote !== undefined) return true;
  let ownOpen = 0;
  for (const event of bracketEvents(repeated, ctx.hints)) {
    if (event.kind === 'open') ownOpen++;
    else if (ownOpen > 0) ownOpen--;
    else if (state.openers.length > 0) return false;
  }
  return true;
}

/** Cut at the first later line that repeats the next line of the file; '' when the first line already does. */
export function dropRepeatedLines(answer: string, ctx: CursorContext): string {
  const next = nextNonBlankLine(ctx)?.trim();
  if (next === undefined || next.length < MIN_ECHO_LINE_CHARS || ![...next].some(isWordChar)) return answer;
  const lines = answer.split('\n');
  const cursorLineBlank = ctx.linePrefix.trim() === '' && ctx.lineSuffix.trim() === '';
  if (cursorLineBlank && lines[0].trim() === next) return '';
  const at = lines.findIndex((line, i) => i > 0 && line.trim() === next);
  return at === -1 ? answer : lines.slice(0, at).join('\n').trimEnd();
}

/** Fits the answer's last line to the rest of the cursor's line (see the top comment). */
export function fitToLineSuffix(answer: string, ctx: CursorContext): CompletionAnswer {
  const rest = ctx.lineSuffix.trimEnd();
  if (rest.trim() === '') return { text: answer, replaceLength: 0 };
  const lastStart = answer.lastIndexOf('\n') + 1;
  const last = answer.slice(lastStart);

  // The answer ends with the rest of the line: drop it. Or contains it with punctuation after: replace it.
  const at = last.lastIndexOf(rest);
  if (at !== -1 && closesOnlyOuter(answer.slice(0, lastStart + at), rest, ctx)) {
    const after = last.slice(at + rest.length);
    if (after === '') return { text: answer.slice(0, lastStart + at), replaceLength: 0 };
    if (/^[;,.)\]}]*$/.test(after)) return { text: answer, replaceLength: rest.length };
  }

  // The answer ends with the start of the rest of the line (`"hi")` before `);`).
  for (let k = rest.length - 1; k >= 1; k--) {
    const head = rest.slice(0, k);
    if (!last.endsWith(head) || (k === 1 && isWordChar(head))) continue;
    const cut = answer.length - k;
    if (closesOnlyOuter(answer.slice(0, cut), head, ctx)) return { text: answer.slice(0, cut), replaceLength: 0 };
  }

  // The rest of the line is punctuation the answer contains in order, with more between (`)` in `"hi");`).
  if (WOVEN_SUFFIX.test(rest)) {
    let from = -1;
    for (let i = 0; i < last.length && from === -1; i++) {
      if (last[i] === rest[0] && closesOnlyOuter(answer.slice(0, lastStart + i), rest[0], ctx)) from = i;
    }
    if (from !== -1 && isSubsequence(rest, last.slice(from))) return { text: answer, replaceLength: rest.length };
  }
  return { text: answer, replaceLength: 0 };
}

function isSubsequence(needle: string, haystack: string): boolean {
  let i = 0;
  for (const char of haystack) if (char === needle[i]) i++;
  return i === needle.length;
}
