// Server-sent events from a byte stream, framed by eventsource-parser (split lines, comments, multi-line data,
// event/id/retry fields) after a streaming UTF-8 decode (characters split across chunks; a leading BOM dropped).
// Lines that are not SSE fields at all (Gemini sends a mid-stream error as bare JSON) are reported as `stray`.
//
// A chunk's last CR is completed here: the parser holds it back until the next chunk shows whether an LF follows,
// so an event ended by that CR would arrive one network chunk late (with lone-CR framing, every event). A CR always
// ends a line, so an LF is added after it at once (CR LF is one line end, like the CR alone), and an LF that starts
// the next chunk, the second half of a split CRLF, is dropped.
//
// At the end of the body, an event not closed by its blank line is dropped, as the SSE rules say: it may be cut
// anywhere, and its decoder then reports the answer as unfinished instead of failing on half a JSON object.

import { createParser, type EventSourceMessage } from 'eventsource-parser';

export type SseItem = { readonly type: 'event'; readonly event: EventSourceMessage } | { readonly type: 'stray'; readonly line: string };

/** Protects against a server that streams one endless line or event (see MAX_EVENT_MB in errors.ts). */
const MAX_BUFFER_CHARS = 16 * 1024 * 1024;
const CR = 13;
const LF = 10;

/**
 * The items in the order they arrive, a batch per network chunk: one async step per chunk rather than per event
 * (an OpenAI answer is one event per token or two).
 */
export async function* readSse(body: AsyncIterable<Uint8Array>): AsyncGenerator<readonly SseItem[]> {
  const decoder = new TextDecoder('utf-8');
  let pending: SseItem[] = [];
  let overflow = false;
  let endedWithCr = false;
  const parser = createParser({
    maxBufferSize: MAX_BUFFER_CHARS,
    onEvent: (event) => pending.push({ type: 'event', event }),
    onError: (error) => {
      if (error.type === 'unknown-field') pending.push({ type: 'stray', line: error.line ?? `${error.field ?? ''}:${error.value ?? ''}` });
      else if (error.type === 'max-buffer-size-exceeded') overflow = true;
    },
  });
  const feed = (decoded: string) => {
    let text = decoded;
    if (endedWithCr && text.charCodeAt(0) === LF) text = text.slice(1);
    endedWithCr = false;
    if (!text) return;
    endedWithCr = text.charCodeAt(text.length - 1) === CR;
    parser.feed(endedWithCr ? `${text}\n` : text);
    if (overflow) throw new SseOverflowError();
  };
  const take = (): SseItem[] => {
    const items = pending;
    pending = [];
    return items;
  };
  for await (const bytes of body) {
    feed(decoder.decode(bytes, { stream: true }));
    if (pending.length > 0) yield take();
  }
  feed(decoder.decode());
  // A last line without its newline is still a line (a bare JSON error can end the body); an unfinished event
  // is not dispatched.
  parser.reset({ consume: true });
  if (pending.length > 0) yield take();
}

export class SseOverflowError extends Error {
  constructor() {
    super('The server sent an event larger than 16 MB.');
  }
}
