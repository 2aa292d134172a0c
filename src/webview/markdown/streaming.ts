// Incremental markdown for a streaming answer. Blocks the parser has closed are rendered once and frozen;
// only the open tail is re-lexed and re-rendered, at most once per animation frame. An open code block
// grows by appending text (highlighting waits until it closes), so a huge code answer stays linear.
import type { Token, Tokens } from 'marked';
import { markInvisibleChars } from './invisible';
import { capNesting, lex, lexCapped, renderTokens, type CodeBlockHandlers } from './render';

const PACE = 3;
const LONG_ANSWER_CHARS = 16_000;

/** The last tokens stay open: a later line can still extend them (lazy list items, a setext underline). */
const OPEN_TOKENS = 2;

/** Messages, code blocks and tables already contain their content (padding, or overflow clipping and their own
 * formatting context), so skipping their rendering while they are off screen changes nothing visible. It keeps a
 * streaming frame's layout and paint from growing with the answer, and a restored chat from laying out what is
 * not shown. The last messages always render, so a restored chat opens at its real end. An adopted sheet (the
 * transcript carries no style attributes), installed once. */
const SKIP_OFFSCREEN = `
.markdown > .code-block, .markdown > table { content-visibility: auto; contain-intrinsic-block-size: auto 240px; }
.messages > .message:not(:nth-last-child(-n+4)) { content-visibility: auto; contain-intrinsic-block-size: auto 320px; }`;
let skipRuleInstalled = false;
function skipOffscreenBlocks(): void {
  if (skipRuleInstalled) return;
  skipRuleInstalled = true;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(SKIP_OFFSCREEN);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    // no constructable sheets: everything simply always renders
  }
}

export class StreamingMarkdown {
  readonly element: HTMLElement;
  /** Text of the frozen blocks, and the open tail after it: only the tail is sliced and re-lexed, so a long
   * answer is never flattened and copied whole on every frame. */
  private frozenSource = '';
  private tail = '';
  private readonly openElement: HTMLElement;
  private openCode: { start: number; text: string; code: HTMLElement } | undefined;
  private frame = 0;
  private notBefore = 0;
  private pendingCarriageReturn = false;
  /** Total milliseconds spent rendering (benchmarks read it). */
  renderMs = 0;

  constructor(
    private readonly handlers: CodeBlockHandlers,
    private readonly schedule: (callback: () => void) => number = (cb) => requestAnimationFrame(cb),
  ) {
    skipOffscreenBlocks();
    this.element = document.createElement('div');
    this.element.className = 'markdown';
    this.openElement = document.createElement('div');
    this.openElement.className = 'markdown-open';
    this.element.append(this.openElement);
  }

  get text(): string {
    return this.frozenSource + this.tail;
  }

  append(delta: string): void {
    if (!delta) return;
    if (this.pendingCarriageReturn && delta.startsWith('\n')) delta = delta.slice(1);
    this.pendingCarriageReturn = delta.endsWith('\r');
    this.tail += normalize(delta);
    this.requestFlush();
  }

  /**
   * One flush per animation frame, paced by its own cost: after a flush that took t ms the next waits at least
   * PACE × t, so rendering a huge answer stays under about a quarter of the main thread while small answers
   * still update every frame.
   */
  private requestFlush(): void {
    if (this.frame) return;
    this.frame = -1;
    const run = () => {
      this.frame = this.schedule(() => {
        this.frame = 0;
        this.flush(false);
      });
    };
    const wait = this.notBefore - performance.now();
    if (wait > 1) setTimeout(run, wait);
    else run();
  }

  /** Renders everything now; `final` closes all blocks and highlights them. */
  finish(): void {
    this.flush(true);
  }

  /** Replaces the whole text (a restored or edited message). */
  reset(text: string, final: boolean): void {
    this.frozenSource = '';
    this.tail = normalize(text);
    this.openCode = undefined;
    while (this.element.firstChild !== this.openElement) this.element.firstChild?.remove();
    this.openElement.replaceChildren();
    this.flush(final);
  }

  private flush(final: boolean): void {
    const started = performance.now();
    const tail = this.tail;
    const capped = capNesting(tail);
    const stableOffsets = capped === tail;
    const tokens = lexCapped(capped);
    const freeze = final || !stableOffsets ? (final ? tokens.length : 0) : Math.max(0, tokens.length - OPEN_TOKENS);
    let consumed = 0;
    if (freeze > 0) {
      const frozen = tokens.slice(0, freeze);
      const fragment = renderTokens(frozen, { highlight: true, handlers: this.handlers });
      this.element.insertBefore(fragment, this.openElement);
      consumed = frozen.reduce((sum, t) => sum + t.raw.length, 0);
    }
    const open = tokens.slice(freeze);
    if (final) {
      this.frozenSource += tail;
      this.tail = '';
      this.openElement.replaceChildren();
      this.openCode = undefined;
    } else {
      if (stableOffsets && consumed > 0) {
        this.frozenSource += tail.slice(0, consumed);
        this.tail = tail.slice(consumed);
      }
      this.renderOpen(open, this.frozenSource.length + open.slice(0, -1).reduce((sum, t) => sum + t.raw.length, 0));
    }
    const cost = performance.now() - started;
    this.renderMs += cost;
    // Past a few screens of text nobody reads per frame: ~30 updates a second are enough and halve the work.
    const minInterval = this.frozenSource.length > LONG_ANSWER_CHARS ? 33 : 0;
    this.notBefore = performance.now() + Math.max(cost * PACE, minInterval);
  }

  private renderOpen(open: Token[], lastStart: number): void {
    const last = open[open.length - 1];
    const growingCode = last?.type === 'code' && this.openCode?.start === lastStart && (last as Tokens.Code).text.startsWith(this.openCode.text);
    // Blank lines before the code block render nothing, so the open block is still just the growing code.
    if (growingCode && open.every((t) => t === last || t.type === 'space')) {
      let code = (last as Tokens.Code).text;
      // A surrogate pair split across deltas waits for its second half, so a tag character is still marked.
      if (/[\uD800-\uDBFF]$/.test(code)) code = code.slice(0, -1);
      const piece = document.createElement('span');
      piece.textContent = code.slice(this.openCode!.text.length);
      markInvisibleChars(piece);
      this.openCode!.code.append(...piece.childNodes);
      this.openCode!.text = code;
      return;
    }
    this.openElement.replaceChildren();
    this.openCode = undefined;
    if (open.length === 0) return;
    this.openElement.append(renderTokens(open, { highlight: false, handlers: this.handlers }));
    if (last.type === 'code') {
      const blocks = this.openElement.querySelectorAll<HTMLElement>('.code-block pre code');
      const code = blocks[blocks.length - 1];
      if (code) this.openCode = { start: lastStart, text: (last as Tokens.Code).text, code };
    }
  }
}

function normalize(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** One-shot rendering of a finished message (restored chats, edits). */
export function renderMarkdown(text: string, handlers: CodeBlockHandlers, highlight: boolean): HTMLElement {
  skipOffscreenBlocks();
  const element = document.createElement('div');
  element.className = 'markdown';
  element.append(renderTokens(lex(normalize(text)), { highlight, handlers }));
  return element;
}
