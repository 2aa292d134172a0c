// When a chat send's steps happened, for bench/latency.ts: with TANDEM_LATENCY_MARKS naming a file (the bench sets it
// for the code-server it starts), each mark appends `<name> <wall-clock ms>`; otherwise a mark does nothing. The bench
// sets these beside its webview and fake-server times, so it can tell Tandem's share of a send from VS Code's hops.
import { appendFileSync } from 'node:fs';

export type LatencyMark = 'sendReceived' | 'requestStarted' | 'firstDelta' | 'firstDeltaPosted';

const file = process.env.TANDEM_LATENCY_MARKS;

export function latencyMark(name: LatencyMark): void {
  if (file) appendFileSync(file, `${name} ${performance.timeOrigin + performance.now()}\n`);
}

/** A mark for the first of many calls (the first delta of an answer); nothing at all unless the bench asked. */
export function firstLatencyMark(name: LatencyMark): () => void {
  if (!file) return () => undefined;
  let marked = false;
  return () => {
    if (!marked) latencyMark(name);
    marked = true;
  };
}
