// Work the webview does in idle time, a little per callback, so none of it makes a long task: code blocks waiting to
// be highlighted (markdown/render.ts) and the older answers of a long restored chat (deferredBodies.ts).

/** Runs each added item once, in the order added, in idle time: at least one per callback (a callback run by its
 * timeout has no idle time left), then what fits. */
export class IdleWork<T> {
  private readonly queue = new Set<T>();
  private scheduled = false;

  constructor(
    private readonly run: (item: T) => void,
    private readonly timeoutMs: number,
  ) {}

  add(items: Iterable<T>): void {
    for (const item of items) this.queue.add(item);
    this.schedule();
  }

  delete(item: T): void {
    this.queue.delete(item);
  }

  clear(): void {
    this.queue.clear();
  }

  private schedule(): void {
    if (this.scheduled || this.queue.size === 0) return;
    this.scheduled = true;
    const step = (deadline?: IdleDeadline) => {
      this.scheduled = false;
      const started = performance.now();
      for (const item of this.queue) {
        this.queue.delete(item);
        this.run(item);
        if (deadline ? deadline.timeRemaining() <= 2 : performance.now() - started >= 8) break;
      }
      this.schedule();
    };
    if ('requestIdleCallback' in window) requestIdleCallback(step, { timeout: this.timeoutMs });
    else setTimeout(step, 16);
  }
}
