// A running command's output as the terminal history keeps it: bounded however much the command prints.

/** Bounded output: everything up to `max` characters, then the first half and the latest half. */
export class OutputBuffer {
  private head = '';
  private tail = '';
  private dropped = 0;

  constructor(private readonly max: number) {}

  push(data: string): void {
    const half = Math.floor(this.max / 2);
    if (this.head.length < half) {
      const room = half - this.head.length;
      this.head += data.slice(0, room);
      data = data.slice(room);
    }
    if (data === '') return;
    this.tail += data;
    // Trimmed once it holds twice what is kept, so a flood of small chunks does not copy the tail each time.
    if (this.tail.length > 2 * half) this.trimTail(half);
  }

  private trimTail(keep: number): void {
    if (this.tail.length <= keep) return;
    const cut = this.tail.length - keep;
    // Cut at a line end where one is near, so the kept tail starts with a whole line.
    const newline = this.tail.indexOf('\n', cut);
    const at = newline >= 0 && newline - cut < 4096 ? newline + 1 : cut;
    this.dropped += at;
    this.tail = this.tail.slice(at);
  }

  text(): string {
    this.trimTail(Math.floor(this.max / 2));
    if (this.dropped === 0) return this.head + this.tail;
    return `${this.head}\n[… ${this.dropped.toLocaleString('en-US')} characters of output not kept …]\n${this.tail}`;
  }
}
