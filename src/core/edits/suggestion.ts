// One proposed edit to one document, and its hunk-by-hunk state. Pure bookkeeping: the controller does the VS Code side.
import { applyHunks, computeHunks, hunkRanges, lineTokens, type Hunk, type HunkRange } from './hunks';

export class Suggestion {
  readonly accepted = new Set<number>();
  readonly rejected = new Set<number>();

  constructor(
    readonly id: string,
    readonly uri: string,
    readonly label: string,
    /** The document text the hunks were made from. */
    public original: string,
    public hunks: Hunk[],
  ) {}

  /** Hunks neither accepted nor rejected, where they sit in the document as it should be now. */
  pending(): HunkRange[] {
    return hunkRanges(this.hunks, this.accepted).filter((range) => !this.rejected.has(range.index));
  }

  /**
   * The pending hunk the cursor's line is in: a replaced or removed hunk's own (struck) lines; for an insertion, the
   * line above the insertion point (dashed, with the proposal under it) and the line below (its CodeLens sits on it).
   */
  hunkAt(line: number): HunkRange | undefined {
    return this.pending().find((r) => {
      const first = r.endLine > r.startLine ? r.startLine : Math.max(0, r.startLine - 1);
      const last = Math.max(r.startLine, r.endLine - 1);
      return line >= first && line <= last;
    });
  }

  /** The next pending hunk below `line` (or previous above it), wrapping around the file. */
  neighbour(line: number, forward: boolean): HunkRange | undefined {
    const pending = this.pending();
    if (forward) return pending.find((r) => r.startLine > line) ?? pending[0];
    return [...pending].reverse().find((r) => Math.max(r.startLine, r.endLine - 1) < line && this.hunkAt(line)?.index !== r.index) ?? pending[pending.length - 1];
  }

  /** The text the document should have if nobody else touched it. */
  expectedText(): string {
    return applyHunks(this.original, this.hunks, this.accepted);
  }

  /** The text after every hunk not rejected is accepted (what "Side-by-Side" shows). */
  proposedText(): string {
    return applyHunks(this.original, this.hunks, this.hunks.map((_, i) => i).filter((i) => !this.rejected.has(i)));
  }

  /**
   * The document changed behind our back: re-anchors pending hunks on the current text. Hunks the change
   * touched are dropped and returned, so the user can be told; the others keep working.
   */
  rebase(current: string): number[] {
    const expected = this.expectedText();
    if (current === expected) return [];
    const userEdits = computeHunks(expected, current);
    const tokens = lineTokens(current);
    const dropped: number[] = [];
    const valid: Hunk[] = [];
    for (const range of this.pending()) {
      // An insertion (empty range) is touched by edits right before or after it, too.
      const pad = range.endLine === range.startLine ? 1 : 0;
      const touched = userEdits.some((edit) => edit.oldStart < range.endLine + pad && edit.oldStart + Math.max(edit.oldLines, 1) > range.startLine - pad);
      const shift = userEdits.filter((edit) => edit.oldStart + edit.oldLines <= range.startLine).reduce((sum, edit) => sum + edit.newLines - edit.oldLines, 0);
      const hunk = { ...this.hunks[range.index], oldStart: range.startLine + shift };
      // A kept hunk must still find exactly its lines where it now belongs.
      if (touched || !hunk.removed.every((line, i) => tokens[hunk.oldStart + i] === line)) dropped.push(range.index);
      else valid.push(hunk);
    }
    let newShift = 0;
    this.hunks = valid.map((hunk) => {
      const rebased = { ...hunk, newStart: hunk.oldStart + newShift };
      newShift += hunk.newLines - hunk.oldLines;
      return rebased;
    });
    this.original = current;
    this.accepted.clear();
    this.rejected.clear();
    return dropped;
  }
}

/** Character offsets where each line of `text` starts, plus the text's length (one pass for many lookups). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (const token of lineTokens(text)) starts.push(starts[starts.length - 1] + token.length);
  return starts;
}

/** Character offset where 0-based `line` starts in `text` (or the text's length past the end). */
export function lineOffset(text: string, line: number): number {
  const starts = lineStarts(text);
  return starts[Math.min(line, starts.length - 1)];
}
