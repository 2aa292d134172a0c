// Markdown tokens → sanitized DOM, with code blocks decorated (toolbar, highlighting, invisible characters).
import { Marked, type Token } from 'marked';
import { SHELL_LANGUAGES } from '../../core/vocabulary';
import { codiconClass, type Codicon } from '../icons';
import { IdleWork } from '../idleWork';
import { colouredRuns } from './highlight';
import { paintCode } from './codeColours';
import { MAX_COLOURED_CODE_CHARS, isPieced, showCode } from './codeText';
import { INVISIBLE_CHARS, markInvisibleChars } from './invisible';
import { sanitizeToFragment } from './sanitize';

export interface CodeBlockHandlers {
  copy(code: string): void;
  insert(code: string, language: string): void;
  apply(code: string, language: string): void;
  save(code: string, language: string): void;
  /** Shell blocks only: paste the commands into the terminal, without running them. */
  runInTerminal(code: string, language: string): void;
}

export interface CodeBlockData {
  readonly code: string;
  readonly language: string;
}

const marked = new Marked({ gfm: true, breaks: false, async: false });
const MAX_QUOTE_DEPTH = 32;
const codeData = new WeakMap<HTMLElement, CodeBlockData>();

/** Caps blockquote nesting: thousands of `>` levels would make the parser recurse for seconds. */
export function capNesting(text: string): string {
  return text.replace(new RegExp(`^((?:[ \\t]{0,3}>){${MAX_QUOTE_DEPTH}})((?:[ \\t]*>)+)`, 'gm'), (_all, kept: string, rest: string) => kept + rest.replace(/>/g, '\\>'));
}

export function lex(text: string): Token[] {
  return lexCapped(capNesting(text));
}

/** Lexes text that already went through capNesting (the streaming renderer caps once per flush). */
export function lexCapped(text: string): Token[] {
  try {
    const tokens = marked.lexer(text);
    return tokens.some(isLongParagraph) ? tokens.flatMap((t) => (isLongParagraph(t) ? splitParagraph(t.raw) : [t])) : tokens;
  } catch {
    return [{ type: 'paragraph', raw: text, text, tokens: [{ type: 'text', raw: text, text, escaped: false }] } as Token];
  }
}

/** A paragraph longer than this renders as paragraphs of about this size. Laying out one paragraph of 5 MB took 1.1 s
 * in one frame; pieces land in chunks of their own, which the browser lays out only when they are in view. */
export const PARAGRAPH_PIECE_CHARS = 32 * 1024;

function isLongParagraph(token: Token): boolean {
  return token.type === 'paragraph' && token.raw.length > PARAGRAPH_PIECE_CHARS * 1.5;
}

/**
 * Pieces of a long paragraph's source, each lexed alone. A piece ends before a letter, so the next one starts as a
 * paragraph (not a list item, heading or quote). Where pieces end depends only on the text from the
 * paragraph's start: a streamed answer, whose tail restarts after the pieces it froze, cuts at the same places as a
 * one-shot render. An inline span (emphasis, a link) across a cut renders as its two halves.
 */
function splitParagraph(raw: string): Token[] {
  const tokens: Token[] = [];
  let start = 0;
  while (raw.length - start > PARAGRAPH_PIECE_CHARS * 1.5) {
    const cut = pieceEnd(raw, start + PARAGRAPH_PIECE_CHARS);
    if (cut === -1) break;
    tokens.push(...marked.lexer(raw.slice(start, cut)));
    start = cut;
  }
  tokens.push(...marked.lexer(raw.slice(start)));
  return tokens;
}

/** The first place at or after `from` that follows a space and comes before a letter, else (text without spaces,
 * such as Chinese) the first between two letters; -1 if there is neither soon. */
function pieceEnd(raw: string, from: number): number {
  const limit = Math.min(raw.length - 1, from + PARAGRAPH_PIECE_CHARS / 2);
  for (let i = Math.max(from, 1); i < limit; i++) if (raw.charCodeAt(i - 1) === 32 && LETTER.test(raw[i])) return i;
  for (let i = Math.max(from, 1); i < limit; i++) if (LETTER.test(raw[i - 1]) && LETTER.test(raw[i])) return i;
  return -1;
}

const LETTER = /^\p{L}$/u;

/** marked's HTML for tokens from lex(): what the sanitizer is given. */
export function markupOf(tokens: Token[]): string {
  return marked.parser(tokens);
}

export interface RenderOptions {
  /** Highlight code now; false leaves it plain (streaming, or deferred for long restored chats). */
  readonly highlight: boolean;
  readonly handlers: CodeBlockHandlers;
  /** With `highlight`: a code block of more lines than this is highlighted later, in idle time, so a huge block
   * does not make one long frame. */
  readonly deferLines?: number;
}

export function renderTokens(tokens: Token[], options: RenderOptions): DocumentFragment {
  // Blank lines render nothing. While an answer streams, the open tail is often one (half of its open renders were
  // these), and marked plus DOMPurify cost ~0.2 ms for the nothing.
  if (tokens.every((t) => t.type === 'space')) return document.createDocumentFragment();
  let html: string;
  try {
    html = markupOf(tokens);
  } catch {
    html = '';
    const fallback = document.createDocumentFragment();
    const pre = document.createElement('p');
    pre.textContent = tokens.map((t) => t.raw).join('');
    fallback.append(pre);
    return fallback;
  }
  const fragment = sanitizeToFragment(html);
  for (const pre of fragment.querySelectorAll('pre')) decorateCodeBlock(pre, options);
  return fragment;
}

function languageOf(code: HTMLElement): string {
  const match = /(?:^|\s)language-([\w#+.-]+)/.exec(code.className);
  return match ? match[1].toLowerCase() : '';
}

/** Wraps a `<pre>` in a code block with a header (language, actions); highlighting may be deferred. */
function decorateCodeBlock(pre: HTMLElement, options: RenderOptions): HTMLElement {
  const codeEl = pre.querySelector('code') ?? pre;
  const language = languageOf(codeEl);
  const code = (codeEl.textContent ?? '').replace(/\n$/, '');
  // marked ends the code with a newline of its own: the block shows exactly its code, as a streamed one does.
  const last = codeEl.lastChild;
  if (code.length > MAX_COLOURED_CODE_CHARS) showCode(codeEl, code);
  else if (last?.nodeType === Node.TEXT_NODE && (last as Text).data.endsWith('\n')) (last as Text).data = (last as Text).data.slice(0, -1);
  const wrapper = document.createElement('div');
  wrapper.className = 'code-block';
  wrapper.setAttribute('data-testid', 'code-block');
  const header = document.createElement('div');
  header.className = 'code-header';
  const label = document.createElement('span');
  label.className = 'code-language';
  label.textContent = language || 'text';
  // The buttons read the block's code when clicked: a block still streaming in keeps growing.
  header.append(label, codeActions(() => codeData.get(wrapper) ?? { code, language }, options.handlers, SHELL_LANGUAGES.has(language)));
  pre.replaceWith(wrapper);
  wrapper.append(header, pre);
  codeData.set(wrapper, { code, language });
  if (options.highlight) highlightSoon(wrapper, options.deferLines);
  else leavePlain(wrapper);
  return wrapper;
}

/** Shows a block's code unhighlighted (its invisible characters marked) until it is highlighted. */
function leavePlain(wrapper: HTMLElement): void {
  if (wrapper.classList.contains('needs-highlight')) return;
  const codeEl = wrapper.querySelector<HTMLElement>('pre code') ?? wrapper.querySelector<HTMLElement>('pre');
  if (codeEl && !isPieced(codeEl)) markInvisibleChars(codeEl);
  wrapper.classList.add('needs-highlight');
}

function lineCount(code: string): number {
  let lines = 1;
  for (let i = code.indexOf('\n'); i !== -1; i = code.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** Highlights a block now, or, past `deferLines` lines, leaves it plain and highlights it in idle time. */
export function highlightSoon(wrapper: HTMLElement, deferLines = Infinity): void {
  if (lineCount(codeData.get(wrapper)?.code ?? '') <= deferLines) return highlightBlock(wrapper);
  leavePlain(wrapper);
  highlightLater([wrapper]);
}

/** Blocks waiting to be highlighted in idle time, oldest first (a restored chat queues its newest first). */
const idleHighlights = new IdleWork<HTMLElement>((wrapper) => {
  if (wrapper.isConnected && wrapper.classList.contains('needs-highlight')) highlightBlock(wrapper);
}, 200);

export function highlightLater(wrappers: Iterable<HTMLElement>): void {
  idleHighlights.add(wrappers);
}

/** A streaming block's code grew (its DOM already shows the new text). */
export function setCodeBlockCode(wrapper: HTMLElement, code: string): void {
  const data = codeData.get(wrapper);
  if (data) codeData.set(wrapper, { ...data, code });
}

/** The code a decorated block holds (for a streaming block, what its DOM shows so far). */
export function codeBlockCode(wrapper: HTMLElement): string | undefined {
  return codeData.get(wrapper)?.code;
}

/** Highlights a decorated block in place (used directly and by the deferred queue): its code is shown as text, its
 * invisible characters marked, and coloured by CSS highlights. */
export function highlightBlock(wrapper: HTMLElement): void {
  const data = codeData.get(wrapper);
  const codeEl = wrapper.querySelector('pre code') as HTMLElement | null;
  wrapper.classList.remove('needs-highlight');
  if (!data || !codeEl) return;
  // Code in pieces is too long to colour, and shows its code already.
  if (isPieced(codeEl)) return;
  // A block streamed in, or left plain, already shows exactly its code: setting a huge one again cost its layout a
  // second time.
  if (!showsCode(codeEl, data.code)) showCode(codeEl, data.code);
  const runs = colouredRuns(data.code, data.language);
  if (runs && paintCode(codeEl, runs)) codeEl.classList.add('hljs');
}

/** The code element holds `code` as text, each invisible character replaced by its marker, and nothing else. */
function showsCode(codeEl: HTMLElement, code: string): boolean {
  let shown = '';
  for (const node of codeEl.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) shown += (node as Text).data;
    else if (!(node instanceof HTMLElement && node.classList.contains('invisible-char'))) return false;
  }
  INVISIBLE_CHARS.lastIndex = 0;
  return shown === code.replace(INVISIBLE_CHARS, '');
}

function codeActions(current: () => CodeBlockData, handlers: CodeBlockHandlers, shell: boolean): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'code-actions';
  const add = (icon: Codicon, label: string, testId: string, run: () => void) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'icon-button';
    button.title = label;
    button.setAttribute('aria-label', label);
    button.setAttribute('data-testid', testId);
    const glyph = document.createElement('span');
    glyph.className = codiconClass(icon);
    button.append(glyph);
    button.addEventListener('click', (event) => {
      event.stopPropagation();
      run();
      if (testId === 'code-copy') {
        glyph.className = codiconClass('check');
        setTimeout(() => (glyph.className = codiconClass('copy')), 1200);
      }
    });
    bar.append(button);
  };
  add('copy', 'Copy', 'code-copy', () => handlers.copy(current().code));
  add('insert', 'Insert at Cursor', 'code-insert', () => handlers.insert(current().code, current().language));
  add('diff', 'Apply to File…', 'code-apply', () => handlers.apply(current().code, current().language));
  add('new-file', 'Save as New File…', 'code-save', () => handlers.save(current().code, current().language));
  // Pasted at the prompt, never run: the user reads the command and presses Enter.
  if (shell) add('terminal', 'Run in Terminal (pastes, does not run)', 'code-run-in-terminal', () => handlers.runInTerminal(current().code, current().language));
  return bar;
}
