// The older answers of a long restored chat: each shows a placeholder at first, rendered in idle time, newest first,
// or at once when it comes near the view. Opening a chat then renders what is shown: a 200-message chat took
// 257–357 ms from `init` to its last message painted, two thirds of it lexing and sanitizing answers nobody was
// looking at (bench/render.ts profile). The messages above the view are sized by their intrinsic-size estimate
// until they are shown (content-visibility), so a placeholder filled in there moves nothing on screen.
import { IdleWork } from './idleWork';
import { highlightLater } from './markdown/render';

/** A placeholder this near the view renders at once: scrolling up meets rendered answers. */
const NEAR_VIEW = '2000px 0px';

export class DeferredBodies {
  /** Each waiting placeholder and the answer text it stands for. */
  private readonly texts = new Map<HTMLElement, string>();
  private readonly observer: IntersectionObserver;
  private readonly idle = new IdleWork<HTMLElement>((placeholder) => this.renderNow(placeholder), 500);

  constructor(
    private readonly render: (text: string) => HTMLElement,
    root: HTMLElement,
  ) {
    this.observer = new IntersectionObserver((entries) => {
      for (const entry of entries) if (entry.isIntersecting) this.renderNow(entry.target as HTMLElement);
    }, { root, rootMargin: NEAR_VIEW });
  }

  /** A placeholder for an answer's body, replaced by the rendered body once near the view or in idle time. */
  placeholder(text: string): HTMLElement {
    const element = document.createElement('div');
    element.className = 'markdown deferred';
    this.texts.set(element, text);
    this.observer.observe(element);
    return element;
  }

  /** Queues the waiting placeholders for idle time, newest first (call once the chat is in the document). */
  renderInIdleTime(): void {
    this.idle.add([...this.texts.keys()].reverse());
  }

  /** Forgets every placeholder (another chat is shown). */
  clear(): void {
    this.observer.disconnect();
    this.idle.clear();
    this.texts.clear();
  }

  private renderNow(placeholder: HTMLElement): void {
    const text = this.texts.get(placeholder);
    if (text === undefined) return;
    this.texts.delete(placeholder);
    this.idle.delete(placeholder);
    this.observer.unobserve(placeholder);
    if (!placeholder.isConnected) return;
    const body = this.render(text);
    placeholder.replaceWith(body);
    highlightLater(body.querySelectorAll<HTMLElement>('.code-block.needs-highlight'));
  }
}
