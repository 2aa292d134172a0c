/** How near the end (px) a scroll of the user's must come to take hold of it again. */
const NEAR_END_PX = 60;

/** Keys that scroll the view down; those that scroll it up let go of the end at once. End follows it again. */
const KEYS_DOWN = ['ArrowDown', 'PageDown', ' '];
const KEYS_UP = ['ArrowUp', 'PageUp', 'Home'];
/** Where those keys type or choose (the composer, a picker) instead of scrolling the chat. */
const TYPING_TARGETS = 'textarea, input, select, [contenteditable]';

/**
 * Keeps a growing chat's end in view until the user scrolls away from it, and again once they scroll back to it.
 *
 * Only the user takes hold of the end again. A scroll event does not say who moved the view: the browser moves it
 * too, to keep what is on screen still when content above changes height (scroll anchoring, a chunk laid out for the
 * first time), or to clamp it when the content shrinks. Such a move can land near the end; taken as the user's, it
 * pulled a reader back down to a streaming answer's end. So a scroll counts as the user's from their input (wheel,
 * key, pointer, touch) until the browser's `scrollend` for it. Letting go is safe either way: any move up away from
 * the end lets go.
 */
export class EndFollower {
  private pinned = true;
  /** Where the view last went to follow the end: a scroll event for it is ours, even if the chat has grown since. */
  private followedTo = -1;
  private lastScrollTop = 0;
  private userScrolling = false;
  private pointerHeld = false;
  /** The view moved since the user's last input: a `scrollend` before that ends an earlier scroll, not theirs; a
   * pointer let go without it (a click on a button) leaves no scroll for a `scrollend` to end. */
  private scrolledSinceInput = false;

  /** `onPinned` hears each change of whether the view follows the end, in the task that changed it: on the user's
   * input, before the scroll it starts has painted a frame. */
  constructor(private readonly scroller: HTMLElement, content: HTMLElement, private readonly onPinned: (pinned: boolean) => void = () => {}) {
    scroller.addEventListener('scroll', () => this.onScroll(), { passive: true });
    scroller.addEventListener('scrollend', () => {
      if (this.scrolledSinceInput && !this.pointerHeld) this.userScrolling = false;
    }, { passive: true });
    // A wheel turned up lets go of the end at once, before its first scroll event: growth during a smooth scroll (a
    // chunk taking its real height, highlighting, a slice of a big post) would otherwise pull the view back down.
    scroller.addEventListener('wheel', (event) => this.userInput(event.deltaY < 0), { passive: true });
    // On the window: after a click in an answer, the keys scroll the chat while the focus stays on the page's body.
    window.addEventListener('keydown', (event) => {
      if ((event.target as Element | null)?.closest?.(TYPING_TARGETS)) return;
      if (event.key === 'End') {
        // The browser's own End scrolls smoothly to where the end was when it began; the chunks it passes over take
        // their real height on the way, so it stopped screens short. The end is followed from here instead.
        event.preventDefault();
        this.follow(true);
      } else if (KEYS_UP.includes(event.key)) this.userInput(true);
      else if (KEYS_DOWN.includes(event.key)) this.userInput(false);
    });
    // A scrollbar dragged or a touch: the scroll events until the pointer is let go are the user's.
    scroller.addEventListener('pointerdown', () => {
      this.pointerHeld = true;
      this.userInput(false);
    }, { passive: true });
    scroller.addEventListener('touchstart', () => this.userInput(false), { passive: true });
    const release = (): void => {
      if (this.pointerHeld && !this.scrolledSinceInput) this.userScrolling = false;
      this.pointerHeld = false;
    };
    window.addEventListener('pointerup', release, { passive: true });
    window.addEventListener('pointercancel', release, { passive: true });
    // Growth of any kind (a streamed frame, an off-screen chunk taking its real height, highlighting) is followed
    // after layout and before paint, so the end never visibly jumps.
    new ResizeObserver(() => {
      if (this.pinned) this.scrollToEnd();
    }).observe(content);
  }

  /** Goes to the end if the view follows it, or always when `force` (the user's own message, another chat). */
  follow(force: boolean): void {
    if (force) this.setPinned(true);
    if (this.pinned) this.scrollToEnd();
  }

  private userInput(up: boolean): void {
    this.userScrolling = true;
    this.scrolledSinceInput = false;
    if (up) this.setPinned(false);
  }

  get following(): boolean {
    return this.pinned;
  }

  private setPinned(pinned: boolean): void {
    if (pinned === this.pinned) return;
    this.pinned = pinned;
    this.onPinned(pinned);
  }

  /** Any move up away from the end lets go of it (the user's, or find in page, or a focused element scrolled to);
   * only the user's own scroll back to near the end takes hold of it again. */
  private onScroll(): void {
    const top = this.scroller.scrollTop;
    this.scrolledSinceInput = true;
    if (top !== this.followedTo) {
      if (top < this.lastScrollTop && !this.nearEnd()) this.setPinned(false);
      else if (this.userScrolling && top > this.lastScrollTop && this.nearEnd()) this.setPinned(true);
    }
    this.lastScrollTop = top;
  }

  private nearEnd(): boolean {
    const s = this.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < NEAR_END_PX;
  }

  private scrollToEnd(): void {
    this.scroller.scrollTop = this.scroller.scrollHeight;
    this.followedTo = this.scroller.scrollTop;
  }
}
