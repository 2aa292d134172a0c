// Joins an answer that stopped at the output limit with its continuation, without a seam: models often
// repeat the last few words, or reopen a code fence that was still open when the answer was cut.

export const CONTINUE_INSTRUCTION =
  'Your previous answer was cut off at the output limit. Continue exactly from its last character: ' +
  'no preamble, no repetition, no summary. If it stopped inside a code block, continue the code without ' +
  'opening a new code fence.';

/** Enough of the continuation's start to recognise a repeated tail or a reopened fence. */
const LOOKAHEAD_CHARS = 240;
/** Shorter overlaps are too likely to be coincidence ("the ", "}\n"). */
const MIN_OVERLAP_CHARS = 12;
const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})/;

/** The fence marker (e.g. "```") of the code block still open at the end of `text`, if any. */
export function openFenceAtEnd(text: string): string | undefined {
  let open: string | undefined;
  for (const line of text.split('\n')) {
    const match = FENCE_LINE.exec(line);
    if (!match) continue;
    const marker = match[1];
    if (open === undefined) open = marker;
    else if (marker[0] === open[0] && marker.length >= open.length && line.trim() === marker) open = undefined;
  }
  return open;
}

/** The part of `next` that truly continues `previous`. */
export function joinContinuation(previous: string, next: string): string {
  let rest = next;
  if (openFenceAtEnd(previous) !== undefined) {
    // A reopened fence ("```ts\n") at the start duplicates the still-open one.
    const reopened = /^\s*(`{3,}|~{3,})[^\n`]*\n/.exec(rest);
    if (reopened) rest = rest.slice(reopened[0].length);
  }
  const maxOverlap = Math.min(previous.length, rest.length, LOOKAHEAD_CHARS);
  for (let size = maxOverlap; size >= MIN_OVERLAP_CHARS; size--) {
    if (previous.endsWith(rest.slice(0, size))) return rest.slice(size);
  }
  return rest;
}

/**
 * Streaming form of joinContinuation: holds back the first LOOKAHEAD_CHARS of the continuation until the
 * join can be decided, then passes text straight through.
 */
export class ContinuationJoiner {
  private pending = '';
  private decided = false;

  constructor(private readonly previous: string) {}

  /** Returns the text to show now (possibly empty while still deciding). */
  push(delta: string): string {
    if (this.decided) return delta;
    this.pending += delta;
    if (this.pending.length < LOOKAHEAD_CHARS) return '';
    return this.decide();
  }

  /** Call at the end of the stream: releases whatever was held back. */
  flush(): string {
    return this.decided ? '' : this.decide();
  }

  private decide(): string {
    this.decided = true;
    const joined = joinContinuation(this.previous, this.pending);
    this.pending = '';
    return joined;
  }
}
