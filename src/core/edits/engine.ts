// From a model's proposal to the exact edited text of a document, plus hunks for an inline diff. Whatever the
// proposal's formatting, the result keeps the document's BOM, line endings, final newline and indentation style.
import { type Hunk, computeHunks } from './hunks';
import { replaceLines } from './region';
import { type IndentContext, fileColumns, indentContext, proposalColumns, reindent } from './reindent';
import { type SearchReplaceBlock, applyBlocks } from './searchReplace';
import { applySnippet, isElision, snippetShape } from './snippet';
import { type Eol, type IndentStyle, type OutputLine, buildText, isBlank, lineKey, proposalLines, splitText } from './text';

/** Whole lines [startLine, endLine], 0-based and inclusive, as the host expanded the editor selection. */
export interface LineSelection {
  startLine: number;
  endLine: number;
}

export type EditProposal =
  /** The replacement of the selected lines. */
  | { mode: 'selection'; text: string; selection: LineSelection }
  /** The whole new file (elision comments in it are honoured). */
  | { mode: 'file'; text: string }
  /** A part of the file, with or without elision comments, to be located in it. */
  | { mode: 'snippet'; text: string }
  | { mode: 'searchReplace'; blocks: SearchReplaceBlock[] };

export interface EditOptions {
  /** The editor's indentation, used when the document itself shows none. */
  indent?: IndentStyle;
  /** Line ending for a document that has no line break yet. */
  defaultEol?: Eol;
  /**
   * The document's language lets one name be declared twice (Java, C#, C++ overloads): a declaration that shares
   * a name but nothing else with the file's is then a new one, not a rewrite. Unknown languages count as such.
   */
  overloads?: boolean;
}

export type EditResult = { ok: true; newText: string; hunks: Hunk[] } | { ok: false; reason: string };

type OutputResult = { ok: true; output: OutputLine[] } | { ok: false; reason: string };

export function computeEdit(docText: string, proposal: EditProposal, options: EditOptions = {}): EditResult {
  const doc = splitText(docText, options.defaultEol);
  const result = editLines(doc.lines, proposal, options);
  if (!result.ok) return result;
  const newText = buildText(doc, result.output);
  return { ok: true, newText, hunks: computeHunks(docText, newText) };
}

function editLines(fileLines: readonly string[], proposal: EditProposal, options: EditOptions): OutputResult {
  if (proposal.mode === 'searchReplace') {
    const all = proposal.blocks.flatMap((b) => [...b.search, ...b.replace]);
    return applyBlocks(fileLines, proposal.blocks, indentContext(fileLines, all, options.indent), options.overloads ?? true);
  }
  const lines = proposalLines(proposal.text);
  const ctx = indentContext(fileLines, lines, options.indent);
  // A line that also exists in the file is real code, even if it reads like an elision.
  const fileKeys = new Set(fileLines.map(lineKey));
  const elision = (line: string): boolean => isElision(line) && !fileKeys.has(lineKey(line));
  const hasElisions = lines.some(elision);

  if (proposal.mode === 'selection') {
    const { startLine, endLine } = proposal.selection;
    if (startLine < 0 || endLine < startLine || endLine >= Math.max(fileLines.length, 1)) {
      return { ok: false, reason: `The selection (lines ${startLine + 1}–${endLine + 1}) is outside the document.` };
    }
    const end = Math.min(endLine + 1, fileLines.length);
    if (hasElisions) return around(fileLines, startLine, end, applySnippet(fileLines, startLine, end, snippetShape(lines, elision), ctx, true, options.overloads ?? true));
    const drift = selectionDrift(fileLines.slice(startLine, end), lines, ctx);
    return around(fileLines, startLine, end, { ok: true, output: replaceLines(fileLines, startLine, end, reindent(lines, ctx, drift), ctx) });
  }
  if (proposal.mode === 'file') {
    if (lines.every(isBlank)) return { ok: false, reason: 'The proposed file is empty.' };
    if (hasElisions) return applySnippet(fileLines, 0, fileLines.length, snippetShape(lines, elision), ctx, true, options.overloads ?? true);
    return { ok: true, output: replaceLines(fileLines, 0, fileLines.length, reindent(lines, ctx, 0), ctx) };
  }
  if (lines.every(isBlank)) return { ok: false, reason: 'The snippet is empty.' };
  if (fileLines.length === 0) {
    if (hasElisions) return { ok: false, reason: 'The snippet refers to existing code, but the document is empty.' };
    return { ok: true, output: reindent(lines, ctx, 0).map((text) => ({ text })) };
  }
  const shape = snippetShape(lines, elision);
  return applySnippet(fileLines, 0, fileLines.length, shape, ctx, false, options.overloads ?? true);
}

/** Puts the unchanged lines before and after a region around its edited output. */
function around(fileLines: readonly string[], start: number, end: number, region: OutputResult): OutputResult {
  if (!region.ok) return region;
  const output: OutputLine[] = [];
  for (let i = 0; i < start; i++) output.push({ kept: i });
  output.push(...region.output);
  for (let i = end; i < fileLines.length; i++) output.push({ kept: i });
  return { ok: true, output };
}

/** Models often answer a nested selection at column 0: shift the answer to where the selection starts. */
function selectionDrift(selected: readonly string[], answer: readonly string[], ctx: IndentContext): number {
  const fileMin = Math.min(...selected.filter((l) => !isBlank(l)).map((l) => fileColumns(l, ctx)));
  const answerMin = Math.min(...answer.filter((l) => !isBlank(l)).map((l) => proposalColumns(l, ctx)));
  return Number.isFinite(fileMin) && Number.isFinite(answerMin) ? fileMin - answerMin : 0;
}
