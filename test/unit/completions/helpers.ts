import { type CursorContext, cursorContext } from '../../../src/core/completions/cursor';
import type { CompletionDocument } from '../../../src/core/completions/types';

/** Where the cursor is in a test document. */
export const CURSOR = '<|>';

/** A document from text holding CURSOR once. */
export function docAt(source: string, languageId = 'typescript', path = 'src/app.ts'): CompletionDocument {
  const offset = source.indexOf(CURSOR);
  if (offset === -1 || source.indexOf(CURSOR, offset + 1) !== -1) throw new Error('the source needs exactly one cursor');
  return { text: source.slice(0, offset) + source.slice(offset + CURSOR.length), offset, languageId, path };
}

export function contextAt(source: string, languageId = 'typescript', path = 'src/app.ts'): CursorContext {
  return cursorContext(docAt(source, languageId, path));
}

/** The document as it reads once the answer is applied at the cursor. */
export function applied(source: string, answer: { text: string; replaceLength: number }): string {
  const offset = source.indexOf(CURSOR);
  return source.slice(0, offset) + answer.text + source.slice(offset + CURSOR.length + answer.replaceLength);
}
