// Puts an answer's lines in the file's indentation. The first line goes where the cursor is, so indentation the
// model repeats there is dropped. Later lines keep their depth relative to the first, rewritten in the file's
// style: tabs for a tabbed file, the file's width per level when the model plainly used another width. A model
// that wrote a block at column 0 is recognised by its closing bracket, which belongs under the line that opened it.
import { type IndentStyle, indentColumns, isBlank, leadingWhitespace, renderIndent } from '../edits/text';
import { type BracketEvent, bracketEvents, closerOf, firstUnmatchedCloser } from './brackets';
import type { CursorContext } from './cursor';

/** Space steps between consecutive lines that must agree before a model's own width is trusted. */
const MIN_AGREEING_STEPS = 2;

/** The width per level of space-indented lines, when at least two steps between lines agree on it. */
function spaceUnitOf(lines: readonly string[]): number | undefined {
  const steps = new Map<number, number>();
  let previous: number | undefined;
  for (const line of lines) {
    if (isBlank(line)) continue;
    const ws = leadingWhitespace(line);
    if (ws.includes('\t')) return undefined;
    if (previous !== undefined && ws.length !== previous) {
      const step = Math.abs(ws.length - previous);
      steps.set(step, (steps.get(step) ?? 0) + 1);
    }
    previous = ws.length;
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [step, count] of steps) if (count > bestCount || (count === bestCount && best !== undefined && step < best)) [best, bestCount] = [step, count];
  return best !== undefined && bestCount >= MIN_AGREEING_STEPS ? best : undefined;
}

/** Leading whitespace of an answer line in file columns: a tab is one level, spaces are rescaled by level. */
function modelColumns(ws: string, file: IndentStyle, spaceUnit: number): number {
  const tabs = ws.split('\t').length - 1;
  const spaces = ws.length - tabs;
  return tabs * file.unit + Math.floor(spaces / spaceUnit) * file.unit + (spaces % spaceUnit);
}

/**
 * The column the model meant line 0 to start at, read from the later line that closes the outermost bracket
 * line 0 leaves open.
 */
function impliedFirstColumn(lines: readonly string[], ctx: CursorContext, columns: (line: string) => number): number | undefined {
  const text = lines.join('\n');
  const stack: BracketEvent[] = [];
  let outermost: BracketEvent | undefined;
  for (const event of bracketEvents(text, ctx.hints)) {
    if (outermost === undefined && event.index > lines[0].length) {
      outermost = stack[0];
      if (outermost === undefined) return undefined;
    }
    if (event.kind === 'open') {
      stack.push(event);
      continue;
    }
    const opened = stack.pop();
    if (outermost === undefined || opened !== outermost) continue;
    if (event.char !== closerOf(outermost.char)) return undefined;
    const lineStart = text.lastIndexOf('\n', event.index - 1) + 1;
    const lineEnd = text.indexOf('\n', lineStart);
    const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
    return line.trim().startsWith(event.char) ? columns(line) : undefined;
  }
  return undefined;
}

/**
 * In brace languages a block ends at a bracket, not a dedent: lines left of the cursor before the block's end
 * were written relative to column 0.
 */
function relativeFirstColumn(lines: readonly string[], ctx: CursorContext, columns: (line: string) => number, cursorColumns: number): number | undefined {
  if (ctx.hints.indentBlocks) return undefined;
  const closerAt = firstUnmatchedCloser(lines.join('\n'), ctx.hints);
  const inside: string[] = [];
  let start = lines[0].length + 1;
  for (const line of lines.slice(1)) {
    if ((closerAt !== -1 && closerAt < start + line.length) || ctx.hints.blockCloser?.test(line)) break;
    if (!isBlank(line)) inside.push(line);
    start += line.length + 1;
  }
  if (inside.length === 0) return undefined;
  const least = Math.min(...inside.map(columns));
  return least < cursorColumns ? least : undefined;
}

export function matchIndentation(answer: string, ctx: CursorContext): string {
  const lines = answer.split('\n');
  const cursorLineBlank = ctx.linePrefix.trim() === '';
  const usesSpaces = lines.slice(1).some((line) => /^ /.test(line));
  const detected = usesSpaces ? spaceUnitOf(cursorLineBlank ? lines : lines.slice(1)) : undefined;
  // A file with no indented line yet has no style to impose: the model's own is kept.
  const file: IndentStyle = ctx.indentDetected || detected === undefined ? ctx.indent : { useTabs: false, unit: detected };
  const spaceUnit = detected ?? (file.useTabs ? 4 : file.unit);
  const cursorColumns = indentColumns(leadingWhitespace(ctx.linePrefix), file.unit);
  const columns = (line: string): number => modelColumns(leadingWhitespace(line), file, spaceUnit);

  let fileBase = cursorColumns;
  let modelBase = cursorColumns;
  if (cursorLineBlank) {
    const firstWs = leadingWhitespace(lines[0]);
    if (firstWs !== '') {
      // Indentation the cursor line already has is not inserted twice; any more than that is kept.
      modelBase = columns(lines[0]);
      fileBase = Math.max(cursorColumns, modelBase);
      lines[0] = renderIndent(fileBase - cursorColumns, file) + lines[0].slice(firstWs.length);
    } else {
      modelBase = impliedFirstColumn(lines, ctx, columns) ?? relativeFirstColumn(lines, ctx, columns, cursorColumns) ?? cursorColumns;
    }
  }
  for (let i = 1; i < lines.length; i++) {
    if (isBlank(lines[i])) {
      lines[i] = '';
      continue;
    }
    const target = Math.max(0, fileBase + columns(lines[i]) - modelBase);
    lines[i] = renderIndent(target, file) + lines[i].slice(leadingWhitespace(lines[i]).length);
  }
  return lines.join('\n');
}
