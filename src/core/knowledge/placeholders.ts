// `${…}` placeholders in a prompt file's body, with VS Code's names (prompt files docs: workspace, selection, file
// context and input variables), and their expansion. Every unknown or unfilled placeholder is reported, with where
// it is, before anything is sent. Two choices of ours:
//   - in code (fenced blocks, inline spans) an unknown `${name}` is a template literal, not a typo: it stays as
//     written and is no error; known placeholders are still expanded there (```\n${selection}\n``` is common);
//   - `\${name}` is the way to write a placeholder literally (outside code; in code it is left as written).

import { fileNameOf, folderOf } from '../context/paths';

export const PROMPT_VARIABLES = [
  'selection',
  'selectedText',
  'file',
  'fileBasename',
  'fileBasenameNoExtension',
  'fileDirname',
  'workspaceFolder',
  'workspaceFolderBasename',
] as const;

export type PromptVariable = (typeof PROMPT_VARIABLES)[number];

export type Placeholder =
  | { readonly kind: 'variable'; readonly name: PromptVariable; readonly offset: number; readonly length: number }
  | { readonly kind: 'input'; readonly name: string; readonly hint?: string; readonly offset: number; readonly length: number }
  | { readonly kind: 'unknown'; readonly name: string; readonly offset: number; readonly length: number; readonly inCode: boolean };

export interface PromptInput {
  readonly name: string;
  /** From `${input:name:placeholder}`: what to show in the empty field. */
  readonly hint?: string;
}

export interface PromptValues {
  readonly selection?: string;
  /** Workspace-relative path of the active file. */
  readonly file?: string;
  /** The workspace folder's path (or name, as the host chooses). */
  readonly workspaceFolder?: string;
  readonly inputs?: Readonly<Record<string, string>>;
}

export interface PlaceholderError {
  /** `foo` for `${foo}`, `input:topic` for a missing input. */
  readonly name: string;
  /** Where the placeholder starts in the text it was found in; line and column are 1-based. */
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly kind: 'unknown' | 'missing';
  readonly message: string;
}

export type Expansion = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly errors: readonly PlaceholderError[] };

const PLACEHOLDER = /(\\?)\$\{([^}\n]*)\}/g;
const INPUT_NAME = /^[A-Za-z_][\w-]*$/;
const VARIABLES = new Set<string>(PROMPT_VARIABLES);

/** Ranges [start, end) of fenced code blocks and inline code spans. */
export function codeRanges(text: string): Array<readonly [number, number]> {
  const ranges: Array<readonly [number, number]> = [];
  const fence = /^ {0,3}(`{3,}|~{3,})[^\n]*$/gm;
  let open: { readonly start: number; readonly marker: string } | undefined;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    const marker = m[1];
    if (!open) open = { start: m.index, marker };
    else if (marker[0] === open.marker[0] && marker.length >= open.marker.length && m[0].trim() === marker) {
      ranges.push([open.start, m.index + m[0].length]);
      open = undefined;
    }
  }
  if (open) ranges.push([open.start, text.length]);
  const inFence = (i: number) => ranges.some(([a, b]) => i >= a && i < b);
  const inline = /(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g;
  const spans: Array<readonly [number, number]> = [];
  for (let m = inline.exec(text); m; m = inline.exec(text)) {
    if (inFence(m.index) || /\n[ \t]*\n/.test(m[0])) continue; // a span never crosses a blank line
    spans.push([m.index, m.index + m[0].length]);
  }
  return [...ranges, ...spans].sort((a, b) => a[0] - b[0]);
}

export function findPlaceholders(text: string): Placeholder[] {
  const code = codeRanges(text);
  const inCode = (i: number) => code.some(([a, b]) => i >= a && i < b);
  const found: Placeholder[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m[1] === '\\') continue;
    const offset = m.index!;
    const length = m[0].length;
    const inner = m[2].trim();
    if (VARIABLES.has(inner)) found.push({ kind: 'variable', name: inner as PromptVariable, offset, length });
    else if (inner.startsWith('input:')) {
      const rest = inner.slice('input:'.length);
      const colon = rest.indexOf(':');
      const name = (colon === -1 ? rest : rest.slice(0, colon)).trim();
      const hint = colon === -1 ? undefined : rest.slice(colon + 1).trim();
      if (INPUT_NAME.test(name)) found.push({ kind: 'input', name, offset, length, ...(hint ? { hint } : {}) });
      else found.push({ kind: 'unknown', name: inner, offset, length, inCode: inCode(offset) });
    } else found.push({ kind: 'unknown', name: inner, offset, length, inCode: inCode(offset) });
  }
  return found;
}

/** Each input once, in order of first use, with the first hint given for it. */
export function inputsOf(placeholders: readonly Placeholder[]): PromptInput[] {
  const inputs = new Map<string, PromptInput>();
  for (const p of placeholders) {
    if (p.kind !== 'input') continue;
    const seen = inputs.get(p.name);
    if (!seen) inputs.set(p.name, p.hint ? { name: p.name, hint: p.hint } : { name: p.name });
    else if (!seen.hint && p.hint) inputs.set(p.name, { name: p.name, hint: p.hint });
  }
  return [...inputs.values()];
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The value of a variable, or undefined when the editor state does not have it. */
function variableValue(name: PromptVariable, values: PromptValues): string | undefined {
  const { file, workspaceFolder } = values;
  switch (name) {
    case 'selection':
    case 'selectedText':
      return values.selection;
    case 'file':
      return file;
    case 'fileBasename':
      return file === undefined ? undefined : fileNameOf(file);
    case 'fileBasenameNoExtension':
      return file === undefined ? undefined : fileNameOf(file).replace(/(?<=.)\.[^.]*$/, '');
    case 'fileDirname':
      return file === undefined ? undefined : folderOf(file);
    case 'workspaceFolder':
      return workspaceFolder;
    case 'workspaceFolderBasename':
      return workspaceFolder === undefined ? undefined : fileNameOf(workspaceFolder);
  }
}

const NEEDS: Record<PromptVariable, string> = {
  selection: 'a selection: select code first',
  selectedText: 'a selection: select code first',
  file: 'an open file',
  fileBasename: 'an open file',
  fileBasenameNoExtension: 'an open file',
  fileDirname: 'an open file',
  workspaceFolder: 'an open folder',
  workspaceFolderBasename: 'an open folder',
};

/** The problems expansion would have, without values for anything but what is known now (for a quick check). */
export function placeholderErrors(text: string, values: PromptValues, placeholders = findPlaceholders(text)): PlaceholderError[] {
  const errors: PlaceholderError[] = [];
  const add = (p: Placeholder, name: string, kind: PlaceholderError['kind'], message: string) => errors.push({ name, offset: p.offset, ...position(text, p.offset), kind, message });
  for (const p of placeholders) {
    const raw = text.slice(p.offset, p.offset + p.length);
    if (p.kind === 'unknown' && !p.inCode) {
      add(p, p.name, 'unknown', `${raw} is not a placeholder Tandem knows. Known: ${PROMPT_VARIABLES.map((v) => `\${${v}}`).join(', ')}, \${input:name}.`);
    } else if (p.kind === 'variable' && variableValue(p.name, values) === undefined) {
      add(p, p.name, 'missing', `${raw} needs ${NEEDS[p.name]}.`);
    } else if (p.kind === 'input' && values.inputs?.[p.name] === undefined) {
      add(p, `input:${p.name}`, 'missing', `${raw} needs a value for “${p.name}”.`);
    }
  }
  return errors;
}

/** The text with every placeholder replaced; nothing is replaced when anything is wrong. */
export function expandPlaceholders(text: string, values: PromptValues): Expansion {
  const placeholders = findPlaceholders(text);
  const errors = placeholderErrors(text, values, placeholders);
  if (errors.length > 0) return { ok: false, errors };
  // Each placeholder becomes its value; an escaped one, `\${x}`, loses only its backslash (outside code, where a
  // backslash before `${` means something to the code's own language).
  const code = codeRanges(text);
  const edits: Array<{ readonly offset: number; readonly length: number; readonly value: string }> = [];
  for (const p of placeholders) {
    if (p.kind === 'unknown') continue; // in code: a template literal, kept as written
    edits.push({ offset: p.offset, length: p.length, value: p.kind === 'variable' ? variableValue(p.name, values)! : values.inputs![p.name] });
  }
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m[1] === '\\' && !code.some(([a, b]) => m.index! >= a && m.index! < b)) edits.push({ offset: m.index!, length: 1, value: '' });
  }
  edits.sort((a, b) => a.offset - b.offset);
  let out = '';
  let last = 0;
  for (const edit of edits) {
    out += text.slice(last, edit.offset) + edit.value;
    last = edit.offset + edit.length;
  }
  return { ok: true, text: out + text.slice(last) };
}
