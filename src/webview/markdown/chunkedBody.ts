// A message body as the browser gets it: its blocks in chunks of about CHUNK_CHARS of source, so that the chunks out of
// view cost no layout (styles.css), built the same way for a streamed answer and a one-shot render.
import type { Token } from 'marked';
import { renderTokens, type RenderOptions } from './render';

/** Finished blocks go into chunks of about this much source text. */
export const CHUNK_CHARS = 4_000;

/**
 * A message body: its blocks in chunks of about CHUNK_CHARS of source. The last chunk is live: its frozen blocks,
 * then the open ones, rendered in place so that freezing a block does not move it. Where a chunk ends depends
 * only on the frozen tokens, not on how they were grouped, so a streamed answer and a one-shot render build the
 * same DOM.
 */
export class ChunkedBody {
  private chunk: HTMLElement | undefined;
  /** Source chars frozen into the live chunk, and how many of its child nodes they rendered to (a prefix). */
  private size = 0;
  private frozenNodes = 0;

  constructor(private readonly container: HTMLElement) {}

  /** Freezes tokens in order. `rendered[i]`, when given, is token i already rendered as an open block of the
   * live chunk; the others are rendered now. */
  freeze(tokens: readonly Token[], options: RenderOptions, rendered: readonly (readonly ChildNode[] | undefined)[] = []): void {
    let run: Token[] = [];
    const flushRun = () => {
      if (run.length > 0) this.insertFrozen([...renderTokens(run, options).childNodes]);
      run = [];
    };
    tokens.forEach((token, i) => {
      // Trailing blank lines are grouped differently when a block is frozen early: they do not count.
      const size = token.type === 'space' ? 0 : token.raw.trimEnd().length;
      if (size > 0 && (!this.chunk || this.size >= CHUNK_CHARS)) {
        flushRun();
        this.startChunk();
      }
      this.size += size;
      const nodes = rendered[i];
      if (!this.chunk) nodes?.forEach((node) => node.remove()); // leading blank lines render nothing
      else if (!nodes) run.push(token);
      else {
        flushRun();
        this.insertFrozen(nodes);
      }
    });
    flushRun();
  }

  /** Adds an open block after the others. */
  appendOpen(nodes: DocumentFragment): void {
    if (!this.chunk) this.startChunk();
    this.chunk!.append(nodes);
  }

  /** Drops every open block. */
  clearOpen(): void {
    while (this.chunk && this.chunk.childNodes.length > this.frozenNodes) this.chunk.lastChild!.remove();
  }

  /** After the last block froze: a live chunk that never got a frozen block is dropped, as a one-shot render has none. */
  finish(): void {
    if (this.chunk && this.frozenNodes === 0 && this.size === 0) {
      this.chunk.remove();
      this.chunk = undefined;
    }
  }

  clear(): void {
    this.container.replaceChildren();
    this.chunk = undefined;
    this.size = 0;
    this.frozenNodes = 0;
  }

  private insertFrozen(nodes: readonly ChildNode[]): void {
    const chunk = this.chunk!;
    for (const node of nodes) {
      const at = chunk.childNodes[this.frozenNodes] ?? null;
      // An open block freezing where it already is stays put: moving it would style and lay it out again.
      if (at !== node) chunk.insertBefore(node, at);
      this.frozenNodes++;
    }
  }

  /** A new live chunk; the open blocks move into it, after the frozen ones. */
  private startChunk(): void {
    const next = document.createElement('div');
    next.className = 'markdown-chunk';
    if (this.chunk) next.append(...[...this.chunk.childNodes].slice(this.frozenNodes));
    this.container.append(next);
    this.chunk = next;
    this.size = 0;
    this.frozenNodes = 0;
  }
}
