// Moves a model's lines to the file's indentation: its style (tabs or spaces) and its depth at the place they
// go. Models often answer nested code at column 0, or in spaces for a file indented with tabs.
import { type IndentStyle, detectIndent, indentColumns, isBlank, leadingWhitespace, renderIndent } from './text';

/** Indentation styles of the file and of the proposed lines, and the file's tab width. */
export interface IndentContext {
  file: IndentStyle;
  proposal: IndentStyle | undefined;
}

export function indentContext(fileLines: readonly string[], proposalLines: readonly string[], fallback?: IndentStyle): IndentContext {
  const proposal = detectIndent(proposalLines);
  const file = detectIndent(fileLines) ?? fallback ?? proposal ?? { useTabs: false, unit: 4 };
  return { file, proposal };
}

/** Width of a file line's indentation, in file columns. */
export function fileColumns(line: string, ctx: IndentContext): number {
  return indentColumns(leadingWhitespace(line), ctx.file.unit);
}

/**
 * Width of a proposed line's indentation measured in file columns: a tab is one file level, and when a tabbed
 * file meets space-indented lines their levels are counted in the proposal's own unit. Spaces to spaces are never
 * rescaled (a 4-space snippet in a 2-space file keeps its widths: guessing its unit wrong would be worse).
 */
export function proposalColumns(line: string, ctx: IndentContext): number {
  const ws = leadingWhitespace(line);
  if (ws.includes('\t') || !ctx.file.useTabs) return indentColumns(ws, ctx.file.unit);
  const unit = ctx.proposal && !ctx.proposal.useTabs ? ctx.proposal.unit : 4;
  return Math.floor(ws.length / unit) * ctx.file.unit + (ws.length % unit);
}

/**
 * The shift (file minus proposal columns) of the outermost lines the proposal shares with the file, 0 without
 * evidence. Outermost, because a model that wraps code in a new block re-indents the inner lines on purpose;
 * lines with words, because bare punctuation ("}") pairs up too easily with the wrong closer.
 */
export function estimateDrift(pairs: ReadonlyArray<readonly [proposalLine: string, fileLine: string]>, ctx: IndentContext): number {
  const shared = pairs.filter(([proposed, existing]) => !isBlank(proposed) && !isBlank(existing));
  const worded = shared.filter(([proposed]) => proposed.replace(/[^\p{L}\p{N}_]/gu, '').length > 3);
  const pool = worded.length > 0 ? worded : shared;
  if (pool.length === 0) return 0;
  const outermost = Math.min(...pool.map(([proposed]) => proposalColumns(proposed, ctx)));
  const votes = new Map<number, number>();
  for (const [proposed, existing] of pool) {
    if (proposalColumns(proposed, ctx) !== outermost) continue;
    const drift = fileColumns(existing, ctx) - outermost;
    votes.set(drift, (votes.get(drift) ?? 0) + 1);
  }
  let best = 0;
  let bestVotes = 0;
  for (const [drift, count] of votes) {
    if (count > bestVotes || (count === bestVotes && Math.abs(drift) < Math.abs(best))) {
      best = drift;
      bestVotes = count;
    }
  }
  return best;
}

/** The proposed lines shifted by `drift` columns and written in the file's style; blank lines become empty. */
export function reindent(lines: readonly string[], ctx: IndentContext, drift: number): string[] {
  const sameStyle = !ctx.proposal || ctx.proposal.useTabs === ctx.file.useTabs;
  if (drift === 0 && sameStyle) return [...lines];
  return lines.map((line) => {
    if (isBlank(line)) return '';
    const columns = Math.max(0, proposalColumns(line, ctx) + drift);
    return renderIndent(columns, ctx.file) + line.slice(leadingWhitespace(line).length);
  });
}
