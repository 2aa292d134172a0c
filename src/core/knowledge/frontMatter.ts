// The YAML-ish header of instruction, rule and prompt files. Real files are written by hand for several tools
// (Copilot, Cline, Claude Code, Cursor), so the parser is lenient where they are: unquoted globs such as
// `applyTo: **/*.ts` (invalid YAML, accepted by Copilot), quoted strings, flow lists `[a, "b"]`, block lists,
// `|`/`>` blocks and comments. What it refuses to guess: a header without its closing `---` is no header at all,
// so a Markdown file that merely starts with a horizontal rule keeps all of its text.

export type FrontMatterValue = string | readonly string[];

export interface FrontMatter {
  /** Keys as written; look them up with frontMatterField, which ignores case. */
  readonly fields: Readonly<Record<string, FrontMatterValue>>;
  /** The text after the header (all of it when there is none). */
  readonly body: string;
  /** Offset of the body in the original text, so positions found in the body point into the file. */
  readonly bodyOffset: number;
  readonly hasFrontMatter: boolean;
}

const FENCE = /^---[ \t]*$/;
// `key: value`, `key:` (a list or block follows), and `key:"value"` (YAML wants the space; people forget it).
const KEY_LINE = /^([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(.*)|[ \t]*|(?=["'[])(.*))$/;

interface Line {
  readonly text: string;
  /** Offset just past the line's end of line. */
  readonly end: number;
}

function linesOf(text: string, from: number): Line[] {
  const lines: Line[] = [];
  let start = from;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline + 1;
    lines.push({ text: text.slice(start, newline === -1 ? text.length : newline).replace(/\r$/, ''), end });
    start = end;
  }
  return lines;
}

export function parseFrontMatter(text: string): FrontMatter {
  const start = text.startsWith('\uFEFF') ? 1 : 0;
  const none: FrontMatter = { fields: {}, body: text.slice(start), bodyOffset: start, hasFrontMatter: false };
  const lines = linesOf(text, start);
  if (lines.length === 0 || !FENCE.test(lines[0].text)) return none;
  const close = lines.findIndex((line, index) => index > 0 && FENCE.test(line.text));
  if (close === -1) return none;
  const bodyOffset = lines[close].end;
  return { fields: parseFields(lines.slice(1, close).map((l) => l.text)), body: text.slice(bodyOffset), bodyOffset, hasFrontMatter: true };
}

function parseFields(lines: readonly string[]): Record<string, FrontMatterValue> {
  const fields: Record<string, FrontMatterValue> = {};
  for (let i = 0; i < lines.length; i++) {
    const match = KEY_LINE.exec(lines[i]);
    if (!match) continue; // comments, blank lines and anything we cannot read are skipped, never fatal
    const key = match[1];
    const rawValue = match[2] ?? match[3] ?? '';
    const value = stripComment(rawValue).trim();
    const nested: string[] = [];
    while (i + 1 < lines.length && (lines[i + 1].trim() === '' || /^[ \t]/.test(lines[i + 1]) || /^-(?:[ \t]|$)/.test(lines[i + 1]))) {
      nested.push(lines[++i]);
    }
    if (value === '' && nested.some((l) => /^[ \t]*-(?:[ \t]|$)/.test(l))) fields[key] = blockList(nested);
    else if (/^[|>][+-]?$/.test(value)) fields[key] = blockScalar(nested, value.startsWith('|'));
    else if (value.startsWith('[')) fields[key] = flowList(value);
    else fields[key] = scalar([value, ...plainContinuation(value, nested)].join(' '));
  }
  return fields;
}

/** An unquoted value may go on over indented lines; YAML folds them with spaces. */
function plainContinuation(value: string, nested: readonly string[]): string[] {
  if (value === '' || value.startsWith('"') || value.startsWith("'")) return [];
  return nested.map((l) => stripComment(l).trim()).filter((l) => l !== '');
}

/** ` # comment` ends an unquoted value; a `#` inside quotes or glued to text (`a#b`) does not. */
function stripComment(value: string): string {
  let quote: string | undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /[ \t]/.test(value[i - 1]))) return value.slice(0, i);
  }
  return value;
}

/** A value as written, without its quotes when the whole value is one quoted string. */
function scalar(value: string): string {
  const v = value.trim();
  const quote = v[0];
  if (v.length < 2 || (quote !== '"' && quote !== "'")) return v;
  let out = '';
  for (let i = 1; i < v.length; i++) {
    const c = v[i];
    if (quote === '"' && c === '\\' && i + 1 < v.length) {
      const next = v[++i];
      out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
    } else if (quote === "'" && c === "'" && v[i + 1] === "'") {
      out += "'";
      i++;
    } else if (c === quote) {
      // Text after the closing quote (`"a", "b"`) means this is not one quoted string: keep it as written.
      return i === v.length - 1 ? out : v;
    } else out += c;
  }
  return v;
}

function blockList(lines: readonly string[]): string[] {
  const items: string[] = [];
  for (const line of lines) {
    const item = /^[ \t]*-(?:[ \t]+(.*))?$/.exec(line);
    if (item) items.push(scalar(stripComment(item[1] ?? '')));
  }
  return items.filter((item) => item !== '');
}

/** `[a, "b, c", 'd']`: commas inside quotes or braces (`*.{ts,tsx}`) do not split. */
function flowList(value: string): string[] {
  const inner = value.trim().replace(/^\[/, '').replace(/\]$/, '');
  return splitOutside(inner, ',').map(scalar).filter((item) => item !== '');
}

function blockScalar(lines: readonly string[], literal: boolean): string {
  const content = lines.map((l) => l.replace(/^[ \t]+/, ''));
  while (content.length > 0 && content[content.length - 1] === '') content.pop();
  return literal ? content.join('\n') : content.join(' ').replace(/\s+/g, ' ').trim();
}

/**
 * Splits on `separator` where it is not inside quotes, braces or brackets: `**\/*.{ts,tsx}, docs/**` is two
 * globs, as VS Code's glob-aware split makes it for `applyTo`.
 */
export function splitOutside(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && depth > 0) depth--;
    else if (c === separator && depth === 0) {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += c;
  }
  parts.push(current.trim());
  return parts;
}

/** A field by name, any case (`applyTo`, `applyto`, `ApplyTo`). */
export function frontMatterField(fields: FrontMatter['fields'], name: string): FrontMatterValue | undefined {
  const wanted = name.toLowerCase();
  let found: FrontMatterValue | undefined;
  for (const [key, value] of Object.entries(fields)) if (key.toLowerCase() === wanted) found = value;
  return found;
}

/** A field as one string: a list is joined with ", " (a description written as a list is still a description). */
export function frontMatterString(fields: FrontMatter['fields'], ...names: string[]): string | undefined {
  for (const name of names) {
    const value = frontMatterField(fields, name);
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value : value.join(', ');
    if (text.trim() !== '') return text.trim();
  }
  return undefined;
}

/**
 * Globs from a field written any of the ways tools accept: `"**\/*.ts"`, `**\/*.ts, docs/**`, `["a", "b"]` or a
 * block list, each item itself possibly comma-separated.
 */
export function frontMatterGlobs(fields: FrontMatter['fields'], ...names: string[]): string[] | undefined {
  for (const name of names) {
    const value = frontMatterField(fields, name);
    if (value === undefined) continue;
    const items = typeof value === 'string' ? [value] : value;
    return items.flatMap((item) => splitOutside(item, ',')).map((glob) => scalar(glob)).filter((glob) => glob !== '');
  }
  return undefined;
}
