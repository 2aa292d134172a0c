// The text around the cursor in the shape every completion step reads: prefix and suffix windows with `\n` line
// endings, the cursor's line split in two, the file's indentation style and line ending. Only windows are
// normalised, so a keystroke in a 1 MB file costs the same as in a small one.
import { type IndentStyle, detectIndent, indentColumns, leadingWhitespace } from '../edits/text';
import { type LanguageHints, languageHints } from './languages';
import type { CompletionDocument } from './types';

/** Far more than any prompt budget takes, so trimming decides what is sent, not this window. */
const WINDOW_CHARS = 24_000;
/** Lines sampled for the indentation style. */
const INDENT_SAMPLE_LINES = 400;
const DEFAULT_INDENT: IndentStyle = { useTabs: false, unit: 4 };

export interface CursorContext {
  readonly languageId: string;
  readonly path: string;
  readonly hints: LanguageHints;
  /** Up to the cursor, `\n` line endings; starts at a line boundary unless it is the whole prefix. */
  readonly prefix: string;
  /** From the cursor on, `\n` line endings. */
  readonly suffix: string;
  /** True when `prefix` is the start of the file. */
  readonly prefixIsWhole: boolean;
  readonly suffixIsWhole: boolean;
  /** The cursor's line before and after the cursor. */
  readonly linePrefix: string;
  readonly lineSuffix: string;
  /** 1-based line of the cursor. */
  readonly line: number;
  readonly eol: '\n' | '\r\n';
  readonly indent: IndentStyle;
  /** False when the file had no indented lines and `indent` is a default. */
  readonly indentDetected: boolean;
}

function toLf(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

function countLines(text: string, end: number): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

export function cursorContext(doc: CompletionDocument): CursorContext {
  const offset = Math.max(0, Math.min(doc.offset, doc.text.length));
  let start = Math.max(0, offset - WINDOW_CHARS);
  if (start > 0) {
    const newline = doc.text.indexOf('\n', start);
    if (newline !== -1 && newline < offset) start = newline + 1;
  }
  const end = Math.min(doc.text.length, offset + WINDOW_CHARS);
  const prefix = toLf(doc.text.slice(start, offset));
  const suffix = toLf(doc.text.slice(offset, end));
  const lineStart = prefix.lastIndexOf('\n') + 1;
  const lineEnd = suffix.indexOf('\n');
  const windowText = doc.text.slice(start, end);
  const crlf = (windowText.match(/\r\n/g) ?? []).length;
  const lf = (windowText.match(/\n/g) ?? []).length - crlf;
  const sample = (prefix + suffix).split('\n');
  const around = Math.max(0, countLines(prefix, prefix.length) - INDENT_SAMPLE_LINES / 2);
  const detected = detectIndent(sample.slice(around, around + INDENT_SAMPLE_LINES));
  return {
    languageId: doc.languageId,
    path: doc.path,
    hints: languageHints(doc.languageId),
    prefix,
    suffix,
    prefixIsWhole: start === 0,
    suffixIsWhole: end === doc.text.length,
    linePrefix: prefix.slice(lineStart),
    lineSuffix: lineEnd === -1 ? suffix : suffix.slice(0, lineEnd),
    line: countLines(doc.text, offset),
    eol: crlf > lf ? '\r\n' : '\n',
    indent: detected ?? DEFAULT_INDENT,
    indentDetected: detected !== undefined,
  };
}

/** Indentation width of a line in the file's columns. */
export function columnsOf(line: string, indent: IndentStyle): number {
  return indentColumns(leadingWhitespace(line), indent.unit);
}

/** The last line of the prefix before the cursor's line that has something on it. */
export function previousNonBlankLine(ctx: CursorContext): string | undefined {
  const lines = ctx.prefix.split('\n');
  for (let i = lines.length - 2; i >= 0; i--) if (lines[i].trim() !== '') return lines[i];
  return undefined;
}

/** The first line of the suffix after the cursor's line that has something on it. */
export function nextNonBlankLine(ctx: CursorContext): string | undefined {
  const lines = ctx.suffix.split('\n');
  for (let i = 1; i < lines.length; i++) if (lines[i].trim() !== '') return lines[i];
  return undefined;
}

/** The rest of the cursor's line, read straight from the document (no window is built). */
export function lineSuffixOf(doc: CompletionDocument): string {
  const end = doc.text.slice(doc.offset, doc.offset + 1_000).search(/[\r\n]/);
  return doc.text.slice(doc.offset, end === -1 ? doc.offset + 1_000 : doc.offset + end);
}

/**
 * Where completing makes sense, from the rest of the cursor's line. Mid-word (`fo|o`) the user is editing a name,
 * and in front of code (`|foo()`) a suggestion would have to be spliced into it: peers that try anyway show ghost
 * text that garbles the line. Before closing brackets, quotes and separators (`foo(|)`, `"|";`) completing is the
 * common case.
 */
export function canCompleteBefore(lineSuffix: string): boolean {
  return /^[\s)\]}>'"`;:,]*(?:\{|=>)?\s*$/.test(lineSuffix);
}
