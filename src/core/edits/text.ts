// The shape of a document's text that an edit must preserve: BOM, line endings (per line, so a mixed file keeps
// its untouched lines byte for byte), final newline and indentation style.

export type Eol = '\n' | '\r\n';

const BOM = '\uFEFF';

export interface SplitText {
  bom: boolean;
  /** Lines without their terminators. An empty text has no lines; "a\n" has one. */
  lines: string[];
  /** The terminator after each line ('' only for a last line without final newline). */
  eols: string[];
  /** The dominant line ending, used for lines an edit adds. */
  eol: Eol;
  finalNewline: boolean;
}

export function splitText(text: string, defaultEol: Eol = '\n'): SplitText {
  const bom = text.startsWith(BOM);
  const body = bom ? text.slice(1) : text;
  const lines: string[] = [];
  const eols: string[] = [];
  let crlf = 0;
  let lf = 0;
  const lineBreak = /\r\n|\n/g;
  let start = 0;
  for (let m = lineBreak.exec(body); m; m = lineBreak.exec(body)) {
    lines.push(body.slice(start, m.index));
    eols.push(m[0]);
    if (m[0] === '\n') lf++;
    else crlf++;
    start = m.index + m[0].length;
  }
  if (start < body.length) {
    lines.push(body.slice(start));
    eols.push('');
  }
  const eol: Eol = crlf > lf ? '\r\n' : lf > 0 ? '\n' : defaultEol;
  return { bom, lines, eols, eol, finalNewline: body.length > 0 && eols[eols.length - 1] !== '' };
}

export function joinText(split: SplitText): string {
  let out = split.bom ? BOM : '';
  for (let i = 0; i < split.lines.length; i++) out += split.lines[i] + split.eols[i];
  return out;
}

/** Lines of a proposal, whatever its line endings; a trailing newline does not make an extra empty line. */
export function proposalLines(text: string): string[] {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  if (body === '') return [];
  const lines = body.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** One line of an edited document: either an original line kept verbatim or new text. */
export type OutputLine = { kept: number } | { text: string };

/**
 * Builds the edited text: kept lines keep their own terminator, new lines get the dominant one, and the last
 * line ends the way the original's did (an empty original gets a final newline).
 */
export function buildText(original: SplitText, output: readonly OutputLine[]): string {
  const lines: string[] = [];
  const eols: string[] = [];
  for (const line of output) {
    if ('kept' in line) {
      lines.push(original.lines[line.kept]);
      eols.push(original.eols[line.kept] || original.eol);
    } else {
      lines.push(line.text);
      eols.push(original.eol);
    }
  }
  const finalNewline = original.lines.length === 0 || original.finalNewline;
  if (eols.length > 0 && !finalNewline) eols[eols.length - 1] = '';
  return joinText({ ...original, lines, eols });
}

export interface IndentStyle {
  useTabs: boolean;
  /** Columns per indentation level when indenting with spaces; for tabs, the columns a tab stands for. */
  unit: number;
}

export function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

/**
 * The indentation style of some lines: tabs if more lines start with a tab than with spaces, otherwise the
 * most common step between consecutive indentation widths (2, 4, 8…). Undecided when nothing is indented.
 */
export function detectIndent(lines: readonly string[]): IndentStyle | undefined {
  let tabs = 0;
  let spaces = 0;
  const steps = new Map<number, number>();
  let previous = 0;
  for (const line of lines) {
    if (isBlank(line)) continue;
    const ws = leadingWhitespace(line);
    if (ws.startsWith('\t')) tabs++;
    else if (ws.length > 1 || (ws.length === 1 && !/^ \*/.test(line))) spaces++;
    if (!ws.includes('\t')) {
      const step = Math.abs(ws.length - previous);
      if (step > 1) steps.set(step, (steps.get(step) ?? 0) + 1);
      previous = ws.length;
    }
  }
  if (tabs === 0 && spaces === 0) return undefined;
  if (tabs > spaces) return { useTabs: true, unit: 4 };
  let unit = 0;
  let best = 0;
  for (const [step, count] of steps) {
    if (step <= 8 && (count > best || (count === best && step < unit))) {
      unit = step;
      best = count;
    }
  }
  return { useTabs: false, unit: unit || 4 };
}

/** Width in columns of leading whitespace, a tab standing for `tabSize` columns. */
export function indentColumns(ws: string, tabSize: number): number {
  let columns = 0;
  for (const ch of ws) columns = ch === '\t' ? columns + tabSize - (columns % tabSize) : columns + 1;
  return columns;
}

export function renderIndent(columns: number, style: IndentStyle): string {
  if (columns <= 0) return '';
  if (!style.useTabs) return ' '.repeat(columns);
  return '\t'.repeat(Math.floor(columns / style.unit)) + ' '.repeat(columns % style.unit);
}

/** Whitespace-insensitive form of a line, used to recognise the same line despite drifted formatting. */
export function lineKey(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}

/** The first non-blank line of some lines, quoted and shortened, for a refusal's reason. */
export function preview(lines: readonly string[]): string {
  const first = lineKey(lines.find((l) => !isBlank(l)) ?? '');
  return `“${first.length > 60 ? `${first.slice(0, 57)}…` : first}”`;
}
