// Cuts an answer where the block the cursor is in ends. A block ends at a closing bracket the answer did not open
// (or an `end`-style keyword line), or at a line indented less than the block's body. A closer the file already
// has right after the cursor is left to the file; one it lacks is kept, and nothing after it. On one line the
// answer may close what the line itself opened (`foo(a` → `b)`), never what an earlier line opened.
import { firstUnmatchedCloser, isCloser, scanEnd } from './brackets';
import { columnsOf, type CursorContext, previousNonBlankLine } from './cursor';
import { opensBlock } from './languages';

interface LineSpan {
  readonly start: number;
  readonly text: string;
}

function spans(text: string): LineSpan[] {
  const out: LineSpan[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    out.push({ start, text: line });
    start += line.length + 1;
  }
  return out;
}

/** The least indentation (file columns) a later answer line may have and still be inside the block. */
function bodyColumns(ctx: CursorContext): number {
  const cursorColumns = columnsOf(ctx.linePrefix, ctx.indent);
  if (ctx.linePrefix.trim() !== '') return opensBlock(ctx.linePrefix, ctx.hints) ? cursorColumns + 1 : cursorColumns;
  const opener = previousNonBlankLine(ctx);
  if (opener === undefined || !opensBlock(opener, ctx.hints)) return cursorColumns;
  return Math.max(cursorColumns, columnsOf(opener, ctx.indent) + 1);
}

function cutBeforeLine(text: string, line: LineSpan): string {
  return text.slice(0, Math.max(0, line.start - 1)).trimEnd();
}

function singleLine(answer: string, ctx: CursorContext): string {
  const line = scanEnd(ctx.linePrefix, ctx.hints);
  const cut = firstUnmatchedCloser(answer, ctx.hints, line.openers, line.quote);
  return cut === -1 ? answer : answer.slice(0, cut).trimEnd();
}

export function stopAtBlockEnd(answer: string, ctx: CursorContext, multiline: boolean): string {
  if (!multiline || !answer.includes('\n')) return singleLine(answer, ctx);
  const lines = spans(answer);
  const minColumns = bodyColumns(ctx);
  const startQuote = scanEnd(ctx.linePrefix, ctx.hints).quote;
  const closerAt = firstUnmatchedCloser(answer, ctx.hints, [], startQuote);
  const nextInFile = ctx.suffix.trimStart();

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const end = line.start + line.text.length;
    if (closerAt !== -1 && closerAt < end && closerAt >= line.start) {
      const closer = answer[closerAt];
      if (nextInFile.startsWith(closer)) {
        const before = answer.slice(line.start, closerAt);
        return before.trim() === '' ? cutBeforeLine(answer, line) : answer.slice(0, closerAt).trimEnd();
      }
      const tail = /^[)\]};,]*/.exec(answer.slice(closerAt + 1))![0];
      return answer.slice(0, closerAt + 1 + tail.length);
    }
    if (i === 0 || line.text.trim() === '') continue;
    const keywordCloser = ctx.hints.blockCloser?.test(line.text) ?? false;
    const columns = columnsOf(line.text, ctx.indent);
    if (keywordCloser && columns < minColumns) {
      const keyword = line.text.trim().split(/\s+/)[0];
      return nextInFile.startsWith(keyword) ? cutBeforeLine(answer, line) : answer.slice(0, end);
    }
    if (columns < minColumns && !isCloser(line.text.trim()[0])) return cutBeforeLine(answer, line);
  }
  return answer;
}
