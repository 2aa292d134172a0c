// From a model's answer to the exact edit of a document, for each path that applies one: the chat's "Apply to
// File" on one code block, the editor commands and the QuickFix on their whole answer, and a whole chat answer
// that may change several files. All read answers with the one parser (answer.ts) and place edits with the one
// engine (engine.ts); they differ only in how a plain code block is meant (snippet, selection or whole file).
import { type AnswerEdit, type ParsedAnswer, fileNamedFor, parseAnswer, parseCodeBlock } from './answer';
import { type EditOptions, type EditProposal, type LineSelection, computeEdit } from './engine';
import { computeHunks, type Hunk } from './hunks';
import { mayOverload } from './scope';
import { isElision } from './snippet';
import { lineKey, proposalLines } from './text';

export interface TargetDocument {
  text: string;
  /** Workspace-relative path, to tell the answer's edits for this file from those for others. */
  path?: string;
  /** Whole lines the user selected; a plain code block then replaces them. */
  selection?: LineSelection;
  /** The editor's language id for the document (whether one name may be declared twice depends on it). */
  languageId?: string;
}

/** The options an edit of this document is computed with: the caller's, and what its language allows. */
function withLanguage(options: EditOptions, doc: TargetDocument, fenceLanguage?: string): EditOptions {
  if (options.overloads !== undefined) return options;
  const extension = doc.path && /\.([\w+-]+)$/.exec(doc.path)?.[1];
  return { ...options, overloads: mayOverload(doc.languageId ?? extension ?? fenceLanguage) };
}

/** What the user may still do when an edit is refused, safest first: the first is the default button. */
export type Fallback = 'insertAtCursor' | 'replaceWholeFile';

export type EditOutcome =
  | { ok: true; newText: string; hunks: Hunk[]; leftOut: string[] }
  | { ok: false; reason: string; leftOut: string[]; fallbacks: Fallback[] };

const SHELL = new Set(['bash', 'sh', 'shell', 'zsh', 'console', 'powershell', 'ps', 'cmd', 'bat', 'terminal', 'text', 'output', 'plaintext']);

/** Whether a named path and a document's path are the same file (either may be relative to another root). */
export function samePath(named: string, documentPath: string): boolean {
  const a = named.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
  const b = documentPath.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
  return a === b || b.endsWith(`/${a}`) || a.endsWith(`/${b}`);
}

function refusal(reason: string, leftOut: string[], fallbacks: Fallback[] = []): EditOutcome {
  return { ok: false, reason, leftOut, fallbacks };
}

/** A code block's text, with the line that only named the file put back when the file itself has that line. */
function codeText(edit: AnswerEdit, docText: string): string {
  if (edit.body.kind !== 'code') return '';
  if (edit.pathLine === undefined) return edit.body.text;
  const key = lineKey(edit.pathLine);
  const hasLine = docText.split(/\r?\n/).some((line) => lineKey(line) === key);
  return hasLine ? `${edit.pathLine}\n${edit.body.text}` : edit.body.text;
}

function hasElisions(text: string, docText: string): boolean {
  const fileKeys = new Set(docText.split(/\r?\n/).map(lineKey));
  return proposalLines(text).some((line) => isElision(line) && !fileKeys.has(lineKey(line)));
}

/** Applies the edits of one document (all are for it): blocks together, located in the original; or one code block. */
function applyEdits(edits: readonly AnswerEdit[], doc: TargetDocument, plain: 'snippet' | 'file', options: EditOptions, leftOut: string[]): EditOutcome {
  const blocks = edits.filter((e) => e.body.kind === 'blocks');
  const code = edits.filter((e) => e.body.kind === 'code');
  if (blocks.length > 0) {
    if (code.length > 0) leftOut.push(`${code.length === 1 ? 'a code block' : `${code.length} code blocks`} next to the SEARCH/REPLACE blocks or diff`);
    const all = blocks.flatMap((e) => (e.body.kind === 'blocks' ? e.body.blocks : []));
    const creates = blocks.some((e) => e.body.kind === 'blocks' && e.body.createsFile);
    if (creates && doc.text.trim() !== '') return refusal(`The diff creates ${doc.path ?? 'the file'}, but it already has content.`, leftOut);
    const proposal: EditProposal = creates ? { mode: 'file', text: all.flatMap((b) => b.replace).join('\n') + '\n' } : { mode: 'searchReplace', blocks: all };
    return finish(computeEdit(doc.text, proposal, options), leftOut, []);
  }
  if (code.length === 0) {
    return refusal(leftOut.length > 0 ? `Nothing in the answer could be applied: ${leftOut.join('; ')}.` : 'The answer has no code block.', leftOut);
  }
  if (code.length > 1) return refusal(`The answer has ${code.length} code blocks for this file; expected a single one.`, leftOut);
  const [edit] = code;
  const text = codeText(edit, doc.text);
  if (!edit.complete) return refusal('The answer stopped before its code block was closed: it may have been cut off, so it is not applied.', leftOut);
  const fallbacks: Fallback[] = hasElisions(text, doc.text) ? [] : ['insertAtCursor', 'replaceWholeFile'];
  let proposal: EditProposal;
  if (doc.selection) proposal = { mode: 'selection', text, selection: doc.selection };
  else proposal = { mode: plain, text };
  return finish(computeEdit(doc.text, proposal, options), leftOut, plain === 'snippet' && !doc.selection ? fallbacks : []);
}

function finish(result: ReturnType<typeof computeEdit>, leftOut: string[], fallbacks: Fallback[]): EditOutcome {
  if (!result.ok) return refusal(result.reason, leftOut, fallbacks);
  return { ...result, leftOut };
}

/**
 * The chat's "Apply to File" on one code block: its code and the language the block shows. A plain block is a
 * snippet to locate in the document (or the selection's replacement); SEARCH/REPLACE or diff code is applied as
 * such, never pasted. The host opens the file the block names (see `codeBlockPath`) before calling. `plain`
 * 'file' is the user's explicit "Replace Whole File" after a refusal.
 */
export function editFromCodeBlock(code: string, language: string, doc: TargetDocument, options: EditOptions = {}, plain: 'snippet' | 'file' = 'snippet'): EditOutcome {
  const parsed = parseCodeBlock(code, language);
  return applyEdits(parsed.edits, doc, plain, withLanguage(options, doc, language.split(/\s+/)[0]), [...parsed.leftOut]);
}

/**
 * The file a code block names: in its code (a first `// path` line, Aider's line above SEARCH, a diff's header),
 * or else in the answer it came from (the fence's info string, the line above the fence), latest answer first.
 */
export function codeBlockPath(code: string, language: string, answers: readonly string[] = []): string | undefined {
  const inCode = parseCodeBlock(code, language).edits.find((e) => e.path !== undefined)?.path;
  if (inCode !== undefined) return inCode;
  const firstLine = code.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  for (let k = answers.length - 1; k >= 0; k--) {
    if (!answers[k].includes(firstLine)) continue;
    const named = fileNamedFor(answers[k], code);
    if (named !== undefined) return named;
  }
  return undefined;
}

/**
 * An editor command's (or the QuickFix's) whole answer for one document: a plain code block replaces the
 * selection, or the whole file when there is none; edits the answer names for other files are left out.
 */
export function editFromCommandAnswer(answer: string, doc: TargetDocument, options: EditOptions = {}): EditOutcome {
  const parsed = parseAnswer(answer);
  const leftOut = [...parsed.leftOut];
  const mine = parsed.edits.filter((e) => e.path === undefined || doc.path === undefined || samePath(e.path, doc.path));
  const others = [...new Set(parsed.edits.filter((e) => !mine.includes(e)).map((e) => e.path!))];
  if (others.length > 0) leftOut.push(`edits for ${others.join(', ')}, which this command does not change`);
  const fenceLanguage = mine.find((e) => e.body.kind === 'code' && e.body.language)?.body;
  return applyEdits(mine, doc, 'file', withLanguage(options, doc, fenceLanguage?.kind === 'code' ? fenceLanguage.language : undefined), leftOut);
}

/** The distinct files an answer's edits name, in the order they first appear (what "Apply edits to N files" counts). */
export function namedFiles(answer: string): string[] {
  const paths: string[] = [];
  for (const edit of parseAnswer(answer).edits) {
    if (edit.path !== undefined && !paths.some((p) => samePath(p, edit.path!))) paths.push(edit.path);
  }
  return paths;
}

export interface FileEdit {
  /** The path as the answer names it, or the active file's path for edits that name none. */
  path: string;
  /** The file does not exist yet: the edit creates it from empty. */
  creates: boolean;
  result: EditOutcome;
}

export interface AnswerEdits {
  files: FileEdit[];
  leftOut: string[];
}

/**
 * A whole chat answer: one edit per file it names, computed against that file's current text (`read` gives it,
 * undefined when the file does not exist). Code blocks that name no file go to the active file, but only when no
 * block names a file (otherwise they are examples); shell blocks never do.
 */
export function editsFromAnswer(answer: string, workspace: { activePath?: string; read(path: string): string | undefined }, options: EditOptions = {}): AnswerEdits {
  const parsed: ParsedAnswer = parseAnswer(answer);
  const leftOut = [...parsed.leftOut];
  const named = parsed.edits.some((e) => e.path !== undefined);
  const byPath = new Map<string, AnswerEdit[]>();
  for (const edit of parsed.edits) {
    let path = edit.path;
    if (path === undefined) {
      if (edit.body.kind === 'code' && SHELL.has(edit.body.language ?? '')) continue;
      if (named && edit.body.kind === 'code') {
        leftOut.push('a code block that names no file');
        continue;
      }
      path = workspace.activePath;
      if (path === undefined) {
        leftOut.push('an edit that names no file, with no file open to apply it to');
        continue;
      }
    }
    const key = [...byPath.keys()].find((k) => samePath(k, path)) ?? path;
    byPath.set(key, [...(byPath.get(key) ?? []), edit]);
  }
  const files: FileEdit[] = [];
  for (const [path, edits] of byPath) {
    const existing = workspace.read(path);
    const creates = existing === undefined;
    const text = existing ?? '';
    files.push({ path, creates, result: applySequentially(edits, { text, path }, withLanguage(options, { text, path })) });
  }
  return { files, leftOut };
}

/** Several code blocks for one file are applied one after the other, each to the text the previous one left. */
function applySequentially(edits: readonly AnswerEdit[], doc: TargetDocument, options: EditOptions): EditOutcome {
  const blocks = edits.filter((e) => e.body.kind === 'blocks');
  const code = edits.filter((e) => e.body.kind === 'code');
  const leftOut: string[] = [];
  let text = doc.text;
  if (blocks.length > 0) {
    const result = applyEdits(blocks, { ...doc, text }, 'snippet', options, leftOut);
    if (!result.ok) return result;
    text = result.newText;
  }
  for (const edit of code) {
    const result = applyEdits([edit], { ...doc, text }, 'snippet', options, leftOut);
    if (!result.ok) return { ...result, fallbacks: [] };
    text = result.newText;
  }
  return { ok: true, newText: text, hunks: computeHunks(doc.text, text), leftOut };
}
