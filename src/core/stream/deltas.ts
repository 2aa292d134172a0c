// A network chunk carries many events (an OpenAI answer is one event per token or two); its text goes up as one
// delta, so the layers above take one async step per chunk, not one per event.
import type { Chunk } from '../providers/types';

/** Collects one network chunk's output: adjacent deltas of the same kind joined, other chunks in order. */
export class ChunkBatch {
  private chunks: Chunk[] = [];
  private kind: 'text' | 'thought' | undefined;
  private text = '';

  delta(kind: 'text' | 'thought', text: string): void {
    if (!text) return;
    if (kind !== this.kind) this.close();
    this.kind = kind;
    this.text += text;
  }

  push(chunk: Chunk): void {
    this.close();
    this.chunks.push(chunk);
  }

  /** What was collected since the last take, in order. */
  take(): Chunk[] {
    this.close();
    const chunks = this.chunks;
    this.chunks = [];
    return chunks;
  }

  private close(): void {
    if (this.kind && this.text) this.chunks.push({ type: this.kind, text: this.text });
    this.kind = undefined;
    this.text = '';
  }
}
