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
 * The prevailing shift (file minus proposal columns) over pairs of the same line, 0 without evidence. Lines with
 * words count more than bare punctuation, and the first such line most: models re-indent bodies they wrap in a
 * new block, rarely the line a snippet starts from.
 */
export function estimateDrift(pairs: ReadonlyArray<readonly [proposalLine: string, fileLine: string]>, ctx: IndentContext): number {
  const votes = new Map<number, number>();
  let first = true;
  for (const [proposed, existing] of pairs) {
    if (isBlank(proposed) || isBlank(existing)) continue;
    const drift = fileColumns(existing, ctx) - proposalColumns(proposed, ctx);
    const meaningful = proposed.replace(/[^\p{L}\p{N}_]/gu, '').length > 3;
    const weight = meaningful ? (first ? 2 : 1) : 0.2;
    if (meaningful) first = false;
    votes.set(drift, (votes.get(drift) ?? 0) + weight);
  }
  let best = 0;
  let bestVotes = 0;
  for (const [drift, count] of votes) {
    if (count > bestVotes + 1e-9 || (Math.abs(count - bestVotes) <= 1e-9 && Math.abs(drift) < Math.abs(best))) {
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
