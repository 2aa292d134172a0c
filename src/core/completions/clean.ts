// Turns a chat model's reply into the bare text for the hole. Chat models, told not to, still wrap code in
// fences, add a line of prose, echo the hole marker, or restate the code before the cursor. Each rule here removes
// one of those and is careful with the look-alikes peers trip on: `insert(x)` is code, not the word "insert";
// Python's `None` is an answer, not "none"; a lone `(` an answer starts with is not an echo of the one before it.
import type { CursorContext } from './cursor';

const FENCE = /^\s*(`{3,}|~{3,})[^`\n]*$/;
const WRAPPER_OPEN = /^\s*<(completion|answer|insert|fill|hole)>[ \t]*\n?/i;
const WRAPPER_CLOSE = /\n?[ \t]*<\/(completion|answer|insert|fill|hole)>\s*$/i;
const LEAD_IN =
  /^(?:here(?:'s| is| are)\b|sure\b|certainly\b|of course\b|okay\b|ok[,.!]|the (?:completion|missing|code|answer|text)\b|completion:|answer:|this (?:completes|fills|adds|inserts|will)\b|i(?:'ll| will| would| can)\b|to (?:fill|complete)\b|you can\b|insert(?:ing)? (?:the|this)\b)/i;
const TRAILING_PROSE = /^(?:this|these|explanation|note|the (?:above|code|completion|hole)|here|in this|i |let me|it )\b/i;
const NO_ANSWER = /^(?:no (?:completion|suggestion)s?(?: (?:is )?needed)?|nothing to (?:add|insert|complete)|\(empty\)|<empty>|\(no output\))\.?$/i;
/** An echo shorter than this (a lone `}`) is as likely to be the answer's own line. */
const MIN_ECHO_CHARS = 8;
const MAX_ECHO_LINES = 8;

/** Words with spaces and no code punctuation: reads like a sentence. Inline `code` does not count as code. */
function readsLikeProse(line: string): boolean {
  const text = line.trim().replace(/`[^`]*`/g, 'x');
  return /\s/.test(text) && !/[;{}=()[\]<>]/.test(text);
}

export function isLeadInLine(line: string): boolean {
  return LEAD_IN.test(line.trim()) && readsLikeProse(line);
}

function isTrailingProse(line: string): boolean {
  return TRAILING_PROSE.test(line.trim()) && readsLikeProse(line) && line.trim().split(/\s+/).length >= 3;
}

/** The fenced code, when the reply has a fence that only a lead-in (or nothing) comes before. */
export function stripFences(text: string, languageId: string): string {
  const lines = text.split('\n');
  const open = lines.findIndex((line) => FENCE.test(line));
  if (open === -1) return text;
  const fence = FENCE.exec(lines[open])![1];
  const closing = (line: string): boolean => line.trim().startsWith(fence) && /^[`~]+$/.test(line.trim());
  const closeAt = lines.findIndex((line, i) => i > open && closing(line));
  const before = lines.slice(0, open);
  // In Markdown a fence can be the answer itself: only a reply wholly wrapped in one is unwrapped.
  if (languageId === 'markdown' && !(open === 0 && closeAt === lines.length - 1)) return text;
  // A lone fence after the code closes a block whose opening the model left out.
  if (closeAt === -1 && lines.slice(open + 1).every((line) => line.trim() === '') && open > 0) return before.join('\n');
  const leadIn = before.every((line) => line.trim() === '' || isLeadInLine(line) || (readsLikeProse(line) && /:\s*$/.test(line)));
  // Code first, then a fence: what follows the fence is commentary or a second copy.
  if (!leadIn) return before.join('\n');
  return lines.slice(open + 1, closeAt === -1 ? undefined : closeAt).join('\n');
}

function stripProse(text: string): string {
  let lines = text.split('\n');
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first !== -1 && isLeadInLine(lines[first]) && (lines.length - first === 1 || /[:.!]\s*$/.test(lines[first]))) {
    lines = lines.slice(first + 1);
  }
  const trailing = lines.findIndex((line, i) => i > 0 && isTrailingProse(line) && lines[i - 1].trim() === '');
  if (trailing !== -1) lines = lines.slice(0, trailing - 1);
  return lines.join('\n');
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}_$]/u.test(char);
}

/**
 * The answer without the part of the cursor's line it repeats: the whole line so far, or a tail of it starting
 * at a word (`foo.ba` answered as `foo.bar()`). A tail must contain a word character, so punctuation the
 * answer happens to start with is never taken for an echo.
 */
export function stripLineEcho(answer: string, linePrefix: string): string {
  const typed = linePrefix.trimStart();
  if (typed !== '' && answer.trimStart().startsWith(typed)) return answer.trimStart().slice(typed.length);
  for (let i = 0; i < linePrefix.length; i++) {
    if (!isWordChar(linePrefix[i]) || isWordChar(linePrefix[i - 1])) continue;
    const tail = linePrefix.slice(i);
    if (answer.startsWith(tail)) return answer.slice(tail.length);
  }
  if (/\S $/.test(linePrefix) && /^ \S/.test(answer)) return answer.slice(1);
  return answer;
}

/** The answer without the lines before the cursor it restates (then without the echo of the cursor's line). */
export function stripEchoedPrefix(answer: string, ctx: CursorContext): string {
  const lines = answer.split('\n');
  const before = ctx.prefix.split('\n');
  const typed = ctx.linePrefix.trim();
  for (let count = Math.min(MAX_ECHO_LINES, before.length - 1, lines.length - 1); count >= 1; count--) {
    const echoed = before.slice(before.length - 1 - count, before.length - 1);
    if (echoed.join('').trim().length < MIN_ECHO_CHARS) continue;
    if (!echoed.every((line, k) => lines[k].trim() === line.trim())) continue;
    const rest = lines.slice(count).join('\n');
    if (typed !== '' && !rest.trimStart().startsWith(typed)) continue;
    return stripLineEcho(rest, ctx.linePrefix);
  }
  return stripLineEcho(answer, ctx.linePrefix);
}

/** Fences, wrapper tags, the hole marker, prose and echoed code removed; `\n` line endings. */
export function cleanAnswer(raw: string, ctx: CursorContext, holeMarker?: string): string {
  let text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (holeMarker) text = text.split(holeMarker).join('');
  text = stripFences(stripProse(text), ctx.languageId);
  if (WRAPPER_OPEN.test(text)) text = text.replace(WRAPPER_OPEN, '').replace(WRAPPER_CLOSE, '');
  text = stripProse(text);
  if (NO_ANSWER.test(text.trim())) return '';
  return stripEchoedPrefix(text, ctx);
}
