// SSE framing for fake replies, with the framing faults real servers produce.
import type { Reply, Step } from './server';

export interface Framing {
  /** Line ending between fields and events (Gemini often uses CRLF). */
  readonly eol?: '\n' | '\r\n' | '\r';
  /** 'byte' writes every byte on its own; a number writes pieces of that many bytes. */
  readonly split?: 'byte' | number;
  /** A ": keep-alive" comment before every event. */
  readonly keepAlive?: boolean;
  /** Leave off the final blank line (the stream just stops after the last data line). */
  readonly noTrailingNewline?: boolean;
  /** Wait between events. */
  readonly delayMs?: number;
  /** After this many events, stall (connection stays open) instead of continuing. */
  readonly stallAfter?: number;
  /** After this many events, drop the connection. */
  readonly destroyAfter?: number;
}

export type SseEvent = string | { readonly event?: string; readonly data: string; readonly id?: string } | { readonly raw: string };

export function encodeEvent(event: SseEvent, eol: string): string {
  if (typeof event === 'string') return `data: ${event}${eol}${eol}`;
  if ('raw' in event) return event.raw;
  let text = '';
  if (event.event) text += `event: ${event.event}${eol}`;
  if (event.id) text += `id: ${event.id}${eol}`;
  for (const line of event.data.split('\n')) text += `data: ${line}${eol}`;
  return text + eol;
}

function splitBytes(bytes: Uint8Array, size: number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size));
  return pieces;
}

export function sseReply(events: readonly SseEvent[], framing: Framing = {}, headers: Record<string, string> = {}): Reply {
  const eol = framing.eol ?? '\n';
  const steps: Step[] = [];
  events.forEach((event, index) => {
    if (framing.stallAfter !== undefined && index === framing.stallAfter) steps.push({ stall: true });
    if (framing.destroyAfter !== undefined && index === framing.destroyAfter) steps.push({ destroy: true });
    let text = (framing.keepAlive ? `: keep-alive${eol}` : '') + encodeEvent(event, eol);
    if (framing.noTrailingNewline && index === events.length - 1) text = text.replace(/(\r\n|\r|\n)+$/, '');
    const bytes = new TextEncoder().encode(text);
    const size = framing.split === 'byte' ? 1 : framing.split;
    for (const piece of size ? splitBytes(bytes, size) : [bytes]) steps.push({ write: piece });
    if (framing.delayMs) steps.push({ delayMs: framing.delayMs });
  });
  if (framing.stallAfter !== undefined && framing.stallAfter >= events.length) steps.push({ stall: true });
  return { status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers }, steps };
}

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, steps: [{ write: JSON.stringify(body) }] };
}

export function htmlReply(): Reply {
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, steps: [{ write: '<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>' }] };
}

export function redirectReply(location: string, status = 301): Reply {
  return { status, headers: { location, 'content-type': 'text/html' }, steps: [{ write: `<a href="${location}">moved</a>` }] };
}

/** Splits text into pieces of about `size` characters (a streamed answer). */
export function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
