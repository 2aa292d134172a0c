// Incremental markdown for a streaming answer. Blocks the parser has closed are rendered once and frozen;
// only the open tail is re-lexed and re-rendered, at most once per animation frame. An open code block
// grows by appending text (highlighting waits until it closes), so a huge code answer stays linear.
import type { Token, Tokens } from 'marked';
import { ChunkedBody } from './chunkedBody';
import { appendCode, showCode } from './codeText';
import { sliceEnd } from './slicing';
import { capNesting, codeBlockCode, highlightLater, highlightSoon, lex, lexCapped, renderTokens, setCodeBlockCode, type CodeBlockHandlers } from './render';

const PACE = 3;
/** A frozen code block longer than this is highlighted in idle time (highlight.js plus the layout of its spans
 * would otherwise make one frame of 50 ms or more). */
const DEFER_HIGHLIGHT_LINES = 120;

/** The last tokens stay open: a later line can still extend them (lazy list items, a setext underline). */
const OPEN_TOKENS = 2;

/** Text beyond this much at once renders in slices of SLICE_CHARS, a frame each. One model answer is smaller (64K
 * tokens are ~256 KB) and renders in one go, but a much-continued one may not be: a 5 MB message rendered at once
 * blocked the panel for 4 s; in slices the panel stays responsive while it fills in. */
const HUGE_CHARS = 512 * 1024;
const SLICE_CHARS = 128 * 1024;

/** Streamed text beyond this much since the last flush renders in slices of about this size, a frame each: when a
 * fast model's text arrives faster than the panel renders (or the host posts 300 ms of it at once), lexing,
 * sanitizing and laying out all of it in one frame made tasks of 60-80 ms CPU in code-server (bench/freeze.ts);
 * slices of 32K still took 40-65 ms. */
const STREAM_SLICE_CHARS = 16 * 1024;

export class StreamingMarkdown {
  readonly element: HTMLElement;
  /** Text of the frozen blocks, and the open tail after it: only the tail is sliced and re-lexed, so a long
   * answer is never flattened and copied whole on every frame. */
  private frozenSource = '';
  private tail = '';
  /** Text received but not yet given to the lexer (more than a slice arrived since the last flush). */
  private pending = '';
  /** The text is complete: the flush that takes its last slice closes every block. */
  private finishing = false;
  /** Some flush took only a slice: the text is huge, so its remaining code waits for idle time at the end. */
  private sliced = false;
  private readonly body: ChunkedBody;
  /** The open tokens as rendered last flush, in order: one that has not changed since is not rendered again. */
  private openParts: RenderedPart[] = [];
  /** The last open part, when it is a code block growing by appended text: the text its DOM shows, and its info
   * string's language. */
  private openCode: { part: RenderedPart; text: string; lang: string; wrapper: HTMLElement } | undefined;
  /** That block, when it is fenced and ends the tail: its fence, where its code starts in the tail, and how much of
   * the tail is known not to close it. More code is then appended without lexing the tail again. */
  private openFence: { part: RenderedPart; fence: string; codeStart: number; checkedTo: number } | undefined;
  private frame = 0;
  private notBefore = 0;
  private pendingCarriageReturn = false;
  /** Text came in deltas (not only through reset): pending text beyond STREAM_SLICE_CHARS renders in slices. */
  private streamed = false;

  constructor(
    private readonly handlers: CodeBlockHandlers,
    private readonly schedule: (callback: () => void) => number = (cb) => requestAnimationFrame(cb),
  ) {
    this.element = document.createElement('div');
    this.element.className = 'markdown';
    this.body = new ChunkedBody(this.element);
  }

  get text(): string {
    return this.frozenSource + this.tail + this.pending;
  }

  /** Whether this body already holds `text` (as the host has it: line endings not yet normalized). */
  holds(text: string): boolean {
    return this.text === normalize(text);
  }

  append(delta: string): void {
    if (!delta) return;
    if (this.pendingCarriageReturn && delta.startsWith('\n')) delta = delta.slice(1);
    this.pendingCarriageReturn = delta.endsWith('\r');
    const first = !this.streamed && !this.text;
    this.pending += normalize(delta);
    this.streamed = true;
    // The answer's first words show in the task that brought them: waiting for the next frame to render them
    // added half a frame on average to the model's time to first token (bench/latency.ts).
    if (first && !this.frame) this.flush();
    else this.requestFlush();
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
        this.flush();
      });
    };
    const wait = this.notBefore - performance.now();
    if (wait > 1) setTimeout(run, wait);
    else run();
  }

  /** The text is complete: renders the rest now (a huge rest: its first slice now, the others a frame each), closing
   * every block and highlighting it. */
  finish(): void {
    this.finishing = true;
    this.flush();
  }

  /** Replaces the whole text (a restored or edited message); `final` when it is complete. */
  reset(text: string, final: boolean): void {
    this.frozenSource = '';
    this.tail = '';
    this.pending = normalize(text);
    this.finishing = final;
    this.sliced = false;
    this.openCode = undefined;
    this.openFence = undefined;
    this.body.clear();
    this.openParts = [];
    this.flush();
  }

  /** Moves the next slice of pending text into the tail; true when text is left for later frames. */
  private takeSlice(): boolean {
    // A streamed backlog beyond HUGE_CHARS came faster than any model writes (a much-continued answer, or a
    // stalled panel): it renders like a restored huge text. In 16K slices, 5 MB took 320 frames of ~90 ms each,
    // half of it the frame's own style, layout and paint.
    const modelPaced = this.streamed && this.pending.length <= HUGE_CHARS;
    const limit = modelPaced ? STREAM_SLICE_CHARS : this.sliced ? SLICE_CHARS : HUGE_CHARS;
    if (this.pending.length <= limit) {
      this.tail += this.pending;
      this.pending = '';
      return false;
    }
    const cut = sliceEnd(this.pending, modelPaced ? STREAM_SLICE_CHARS : SLICE_CHARS);
    this.tail += this.pending.slice(0, cut);
    this.pending = this.pending.slice(cut);
    if (!modelPaced) this.sliced = true;
    return true;
  }

  private flush(): void {
    const started = performance.now();
    const more = this.takeSlice();
    const final = this.finishing && !more;
    this.element.toggleAttribute('aria-busy', more);
    if (!final && this.growOpenFence()) return this.pace(started, more);
    const tail = this.tail;
    const capped = capNesting(tail);
    const stableOffsets = capped === tail;
    const tokens = lexCapped(capped);
    const freeze = final ? tokens.length : stableOffsets ? Math.max(0, tokens.length - OPEN_TOKENS) : 0;

    // The tail starts where the open parts did, so token i is open part i again if its source is unchanged.
    const previous = stableOffsets ? this.openParts : [];
    let same = 0;
    while (same < previous.length && same < tokens.length && previous[same].raw === tokens[same].raw) same++;
    const growing = this.growingCode(previous, tokens, same, final);
    const grownAt = growing ? previous.length - 1 : -1;
    for (const part of previous.slice(same)) if (part !== growing) part.nodes.forEach((node) => node.remove());
    if (!stableOffsets) this.body.clearOpen();

    const frozen = tokens.slice(0, freeze);
    const reused = frozen.map((token, i) => (i < same ? finished(previous[i], token) : i === grownAt ? finished(growing!, token) : undefined));
    this.body.freeze(frozen, { highlight: true, handlers: this.handlers, deferLines: DEFER_HIGHLIGHT_LINES }, reused);
    const consumed = frozen.reduce((sum, t) => sum + t.raw.length, 0);
    if (final) {
      this.frozenSource += tail;
      this.tail = '';
      this.body.finish();
      this.openParts = [];
      // Blocks still waiting for idle time (over DEFER_HIGHLIGHT_LINES, or of a huge text) keep waiting: highlighting
      // them all here, in the task that handles messageDone, was the end-of-answer long task (bench/freeze.ts).
      highlightLater(this.element.querySelectorAll<HTMLElement>('.code-block.needs-highlight'));
      this.openCode = undefined;
      this.openFence = undefined;
    } else {
      if (stableOffsets && consumed > 0) {
        this.frozenSource += tail.slice(0, consumed);
        this.tail = tail.slice(consumed);
      }
      this.openParts = tokens.slice(freeze).map((token, j) => {
        const i = freeze + j;
        if (i < same) return previous[i];
        if (i === grownAt) return growing!;
        return this.renderOpenPart(token);
      });
      this.openFence = stableOffsets ? this.fenceAtEnd(tokens) : undefined;
    }
    this.pace(started, more);
  }

  private pace(started: number, more: boolean): void {
    const cost = performance.now() - started;
    // How often a long answer updates at all is the host's DeltaBatcher's to decide; this only bounds the share.
    // Slices of a huge text that has already arrived follow each other a frame apart.
    this.notBefore = more ? 0 : performance.now() + cost * PACE;
    if (more) this.requestFlush();
  }

  /** The open code block, when it is the tail's last token and opens with a fence at the line's start. */
  private fenceAtEnd(tokens: readonly Token[]): StreamingMarkdown['openFence'] {
    const last = tokens[tokens.length - 1];
    const part = this.openParts[this.openParts.length - 1];
    if (!this.openCode || this.openCode.part !== part || last?.type !== 'code' || !this.tail.endsWith(last.raw)) return undefined;
    const opening = /^(`{3,}|~{3,})[^\n]*\n/.exec(last.raw);
    // Not a block its last line may have closed: more text after it is no longer its code.
    const body = last.raw.endsWith('\n') ? last.raw.slice(0, -1) : last.raw;
    if (!opening || mayCloseFence(body, body.lastIndexOf('\n') + 1, opening[1][0])) return undefined;
    return { part, fence: opening[1], codeStart: this.tail.length - last.raw.length + opening[0].length, checkedTo: this.tail.length };
  }

  /**
   * More code for the open fenced block, appended without lexing the tail: a long block was lexed again every frame
   * (the streamed markdown work's lexing was twice that of the same text in one delta). Only when no new line could
   * close the block (or be a deep quote that capNesting would change); else the full flush runs. What it shows is a
   * prefix of what the lexer will give (its last newline waits), so the next full flush goes on appending.
   */
  private growOpenFence(): boolean {
    const open = this.openFence;
    const openCode = this.openCode;
    if (!open || !openCode || openCode.part !== open.part) return false;
    const tail = this.tail;
    // From the start of the line the last check ended in: a fence may have been half written then.
    const from = Math.max(open.codeStart, tail.lastIndexOf('\n', open.checkedTo - 1) + 1);
    if (mayCloseFence(tail, from, open.fence[0])) return false;
    const code = shownSoFar(tail.slice(open.codeStart).replace(/\n$/, ''));
    if (!code.startsWith(openCode.text)) return false;
    showAllCode(openCode.wrapper, code);
    this.openCode = { ...openCode, text: code };
    open.checkedTo = tail.length;
    return true;
  }

  /**
   * An open code block that only grew since the last flush (everything before it unchanged, its text then a prefix of
   * its text now) takes the new text by appending: a huge code answer stays linear. Once it is closed (more follows it,
   * or the text is complete) it is kept as it is when it freezes, and highlighted then, instead of rendered again.
   */
  private growingCode(previous: readonly RenderedPart[], tokens: readonly Token[], same: number, final: boolean): RenderedPart | undefined {
    const index = previous.length - 1;
    const token = tokens[index] as Tokens.Code | undefined;
    const openCode = this.openCode;
    this.openCode = undefined;
    if (!openCode || openCode.part !== previous[index] || same !== index || token?.type !== 'code' || (token.lang ?? '') !== openCode.lang || !token.text.startsWith(openCode.text)) return undefined;
    const closed = final || tokens.length > index + 1;
    const code = closed ? token.text : shownSoFar(token.text);
    showAllCode(openCode.wrapper, code);
    this.openCode = { ...openCode, text: code };
    // Its source no longer matches what was rendered: it is never taken for an unchanged part.
    return openCode.part;
  }

  private renderOpenPart(token: Token): RenderedPart {
    const fragment = renderTokens([token], { highlight: false, handlers: this.handlers });
    const part: RenderedPart = { raw: token.raw, nodes: [...fragment.childNodes] };
    this.body.appendOpen(fragment);
    if (token.type === 'code') {
      const wrapper = part.nodes.find((n): n is HTMLElement => n instanceof HTMLElement && n.classList.contains('code-block'));
      const code = wrapper?.querySelector<HTMLElement>('pre code');
      if (wrapper && code) {
        // marked ends a block's code with a newline of its own: more code appended after it showed a blank line.
        const text = shownSoFar((token as Tokens.Code).text);
        showCode(code, text);
        setCodeBlockCode(wrapper, text);
        this.openCode = { part, text, lang: (token as Tokens.Code).lang ?? '', wrapper };
      }
    }
    return part;
  }
}

/** Whether a line of `text` from `from` on starts (after up to three spaces) with three of the fence's character, or
 * with `>`: either may end the block or change how the tail lexes. */
function mayCloseFence(text: string, from: number, fenceChar: string): boolean {
  for (let start = from; start < text.length; ) {
    let at = start;
    while (at < start + 3 && text.charCodeAt(at) === 32) at++;
    if (text[at] === '>' || (text[at] === fenceChar && text[at + 1] === fenceChar && text[at + 2] === fenceChar)) return true;
    const newline = text.indexOf('\n', at);
    if (newline === -1) return false;
    start = newline + 1;
  }
  return false;
}

/** What an open block shows of its code so far: not a last line that may be the start of its closing fence (it would
 * show, then vanish), nor a last unpaired high surrogate (a tag character is marked only when both halves are in one
 * text node). Both come with a later delta; the closed block takes all of its code. */
function shownSoFar(code: string): string {
  const shown = code.replace(/(?:^|\n) {0,3}(?:`+|~+)$/, '');
  return /[\uD800-\uDBFF]$/.test(shown) ? shown.slice(0, -1) : shown;
}

interface RenderedPart {
  /** The token's source when it was rendered. */
  readonly raw: string;
  readonly nodes: ChildNode[];
}

/** An open part whose token is now frozen, as a frozen render would give it: all of its code (a last line that waited
 * for more text is shown now), highlighted. */
function finished(part: RenderedPart, token: Token): ChildNode[] {
  if (token.type === 'code') {
    for (const node of part.nodes) {
      if (!(node instanceof HTMLElement) || !node.classList.contains('code-block')) continue;
      showAllCode(node, (token as Tokens.Code).text);
      if (node.classList.contains('needs-highlight')) highlightSoon(node, DEFER_HIGHLIGHT_LINES);
    }
  }
  return part.nodes;
}

/** Shows `code` in a block: by appending the rest when it shows a prefix of it (a block streaming in), else anew. */
function showAllCode(wrapper: HTMLElement, code: string): void {
  const shown = codeBlockCode(wrapper);
  const codeEl = wrapper.querySelector<HTMLElement>('pre code');
  if (shown === code || !codeEl) return;
  if (shown !== undefined && code.startsWith(shown)) appendCode(codeEl, shown, code.slice(shown.length));
  else showCode(codeEl, code);
  setCodeBlockCode(wrapper, code);
}

function normalize(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** One-shot rendering of a finished message (restored chats, edits). */
export function renderMarkdown(text: string, handlers: CodeBlockHandlers, highlight: boolean): HTMLElement {
  if (text.length > HUGE_CHARS) {
    // Too much to render in one task: in slices, a frame each (the view shows the message filling in).
    const progressive = new StreamingMarkdown(handlers);
    progressive.element.classList.add('filling');
    progressive.reset(text, true);
    return progressive.element;
  }
  const element = document.createElement('div');
  element.className = 'markdown';
  new ChunkedBody(element).freeze(lex(normalize(text)), { highlight, handlers });
  return element;
}
