// The text a code block shows, its invisible characters marked. Code too long to colour is shown in pieces of
// PIECE_LINES lines that the browser lays out and paints only near the view (content-visibility: auto): a 5 MB block
// as one text node cost its first frame 485 ms of layout and 440 ms of paint, a 1.1 s freeze (bench/huge-answers.ts).
// Each piece is a slice of the code as it is, newlines included: a selection across pieces copies the code exactly.
import { markInvisibleChars } from './invisible';

/** Longer code is neither coloured (highlight.js would take seconds) nor shown as one text node. */
export const MAX_COLOURED_CODE_CHARS = 200_000;
const PIECE_LINES = 200;

/** Newlines in each piece (it takes PIECE_LINES, then a new piece starts). */
const newlinesIn = new WeakMap<Element, number>();

/** Shows `code` in the code element, replacing what it showed. */
export function showCode(codeEl: HTMLElement, code: string): void {
  if (code.length <= MAX_COLOURED_CODE_CHARS) {
    codeEl.textContent = code;
    markInvisibleChars(codeEl);
    return;
  }
  codeEl.replaceChildren();
  appendPieces(codeEl, code);
}

/** Shows `more` after the `shown` code the element shows now. */
export function appendCode(codeEl: HTMLElement, shown: string, more: string): void {
  if (isPieced(codeEl)) return appendPieces(codeEl, more);
  if (shown.length + more.length > MAX_COLOURED_CODE_CHARS) return showCode(codeEl, shown + more);
  codeEl.append(...marked(more));
}

/** Whether the element shows its code in pieces (then it is not coloured, and its text is not one node). */
export function isPieced(codeEl: HTMLElement): boolean {
  return codeEl.firstElementChild?.classList.contains('code-piece') ?? false;
}

function appendPieces(codeEl: HTMLElement, more: string): void {
  let piece = codeEl.lastElementChild as HTMLElement | null;
  let at = 0;
  while (at < more.length) {
    if (!piece || (newlinesIn.get(piece) ?? 0) >= PIECE_LINES) piece = newPiece(codeEl);
    // The rest of this piece's lines: up to and including its last newline.
    let end = at;
    let newlines = newlinesIn.get(piece) ?? 0;
    while (newlines < PIECE_LINES) {
      const newline = more.indexOf('\n', end);
      if (newline === -1) {
        end = more.length;
        break;
      }
      end = newline + 1;
      newlines++;
    }
    piece.append(...marked(more.slice(at, end)));
    newlinesIn.set(piece, newlines);
    // Its lines: one per newline, and one more for a last line that has not ended (yet).
    piece.style.setProperty('--lines', String(newlines + (more[end - 1] === '\n' ? 0 : 1)));
    at = end;
  }
}

function newPiece(codeEl: HTMLElement): HTMLElement {
  const piece = document.createElement('span');
  piece.className = 'code-piece';
  codeEl.append(piece);
  return piece;
}

/** The nodes that show `text`: its text, each invisible character replaced by a marker. */
function marked(text: string): ChildNode[] {
  const holder = document.createElement('span');
  holder.textContent = text;
  markInvisibleChars(holder);
  return [...holder.childNodes];
}
