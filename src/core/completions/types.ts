// What the host hands the completion core and what it gets back. Kept to plain values (text and offsets) so the
// VS Code glue is a few lines: document text + cursor offset in, insert text + replace length out.

/** The document at the moment of a keystroke. */
export interface CompletionDocument {
  /** The whole live text (unsaved edits included), in the document's own line endings. */
  readonly text: string;
  /** Cursor offset into `text` (UTF-16 code units, as `document.offsetAt` gives). */
  readonly offset: number;
  readonly languageId: string;
  /** Workspace-relative with forward slashes, or an untitled name such as `Untitled-1`. */
  readonly path: string;
}

/**
 * A ghost-text suggestion: insert `text` in place of the `replaceLength` characters after the cursor. Those
 * characters are always on the cursor's line and always reappear, in order, inside `text` (a closing bracket the
 * answer moves past, say), so the editor shows the change as pure insertions.
 */
export interface CompletionAnswer {
  readonly text: string;
  readonly replaceLength: number;
}

/** How many lines a suggestion may have: `auto` = one, or a block on an empty line after a block opener. */
export type MultilineMode = 'auto' | 'always' | 'never';
