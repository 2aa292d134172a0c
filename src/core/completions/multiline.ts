// When a suggestion may span lines. One line is the default: it is cheap, quick and rarely wrong. A block is
// offered where one is plainly wanted: the cursor on an empty line right after a line that opens a block whose
// body is still empty (Copilot's "empty block start"). A body that already has lines below gets one line, because
// a block answer there mostly repeats them.
import { columnsOf, type CursorContext, nextNonBlankLine, previousNonBlankLine } from './cursor';
import { isLineComment, opensBlock } from './languages';
import type { MultilineMode } from './types';

export function wantsMultiline(ctx: CursorContext, mode: MultilineMode): boolean {
  if (mode !== 'auto') return mode === 'always';
  if (ctx.linePrefix.trim() !== '' || ctx.lineSuffix.trim() !== '') return false;
  const opener = previousNonBlankLine(ctx);
  if (opener === undefined || isLineComment(opener, ctx.hints) || !opensBlock(opener, ctx.hints)) return false;
  const next = nextNonBlankLine(ctx);
  return next === undefined || columnsOf(next, ctx.indent) <= columnsOf(opener, ctx.indent);
}
