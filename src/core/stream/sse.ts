// Server-sent events from a byte stream, framed by eventsource-parser (CRLF / LF / lone CR, split lines, comments,
// multi-line data, event/id/retry fields) after a streaming UTF-8 decode (characters split across chunks).
// Lines that are not SSE fields at all (Gemini sends a mid-stream error as bare JSON) are reported as `stray`.

import { createParser, type EventSourceMessage } from 'eventsource-parser';

export type SseItem = { readonly type: 'event'; readonly event: EventSourceMessage } | { readonly type: 'stray'; readonly line: string };

/** Protects against a server that streams one endless line. */
const MAX_BUFFER_CHARS = 16 * 1024 * 1024;

/**
 * The items in the order they arrive, a batch per network chunk: one async step per chunk rather than per event
 * (an OpenAI answer is one event per token or two).
 */
export async function* readSse(body: AsyncIterable<Uint8Array>): AsyncGenerator<readonly SseItem[]> {
  const decoder = new TextDecoder('utf-8');
  let pending: SseItem[] = [];
  let overflow = false;
  const parser = createParser({
    maxBufferSize: MAX_BUFFER_CHARS,
    onEvent: (event) => pending.push({ type: 'event', event }),
    onError: (error) => {
      if (error.type === 'unknown-field') pending.push({ type: 'stray', line: error.line ?? `${error.field ?? ''}:${error.value ?? ''}` });
      else if (error.type === 'max-buffer-size-exceeded') overflow = true;
    },
  });
  const take = (): SseItem[] => {
    const items = pending;
    pending = [];
    return items;
  };
  for await (const bytes of body) {
    parser.feed(decoder.decode(bytes, { stream: true }));
    if (overflow) throw new SseOverflowError();
    if (pending.length > 0) yield take();
  }
  // A last event without its trailing blank line (or newline) still counts; so does a last stray line.
  parser.feed(`${decoder.decode()}\n\n`);
  if (pending.length > 0) yield take();
}

export class SseOverflowError extends Error {
  constructor() {
    super('The server sent an event larger than 16 MB.');
  }
}
