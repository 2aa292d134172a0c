// Coalesces an answer's streamed deltas into posts to the chat view. Every post costs the webview a message
// dispatch and a render (lex, DOM, style, layout, paint), so the rate of posts, not the amount of text, is what
// makes a long streamed answer expensive. The first screens update every frame; past them nobody reads at
// the model's speed, so the interval grows with the answer and a 64K-token answer costs a bounded number of
// renders.

export type DeltaKind = 'text' | 'thought';

/** Chars of answer already posted up to which every frame updates. */
const EVERY_FRAME_CHARS = 4_000;
const FRAME_MS = 16;
/** Longest interval between posts: a huge answer still visibly grows about three times a second. */
const MAX_INTERVAL_MS = 300;
/** Chars posted per extra millisecond of interval past EVERY_FRAME_CHARS. */
const CHARS_PER_MS = 150;

/** How long the batcher waits before posting, given how many chars it has posted so far. */
export function deltaInterval(postedChars: number): number {
  if (postedChars <= EVERY_FRAME_CHARS) return FRAME_MS;
  return Math.min(MAX_INTERVAL_MS, FRAME_MS + (postedChars - EVERY_FRAME_CHARS) / CHARS_PER_MS);
}

export interface BatchTimer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimer: BatchTimer = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Joins deltas of the same kind and posts them at most once per `deltaInterval`; a change of kind posts at once. */
export class DeltaBatcher {
  private pending: { kind: DeltaKind; text: string } | undefined;
  private timer: unknown;
  private posted = 0;

  constructor(
    private readonly emit: (kind: DeltaKind, text: string) => void,
    private readonly clock: BatchTimer = realTimer,
  ) {}

  push(kind: DeltaKind, text: string): void {
    if (!text) return;
    if (this.pending && this.pending.kind !== kind) this.flush();
    this.pending = this.pending ? { kind, text: this.pending.text + text } : { kind, text };
    this.timer ??= this.clock.set(() => this.flush(), deltaInterval(this.posted));
  }

  /** Posts what is pending now (end of the answer, Stop, an error). */
  flush(): void {
    if (this.timer !== undefined) this.clock.clear(this.timer);
    this.timer = undefined;
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return;
    this.posted += pending.text.length;
    this.emit(pending.kind, pending.text);
  }
}
