// The transport every provider shares: one streaming POST with first-byte and idle timeouts, retries that happen
// only before the first token, wait hints honoured, redirects never followed with a credential, and cancellation
// that reaches the socket. Requests use the global fetch: in VS Code's extension host it is the one that honours
// the user's proxy settings (the bundled undici package is not patched).

import { CANCELLED, eventTooLargeError, httpError, networkError, protocolError, retryNotice, timeoutError, type ErrorContext, type ServerError } from './errors';
import { readSse, SseOverflowError, type SseItem } from '../stream/sse';
import type { Chunk, ProviderErrorInfo } from './types';

export interface TransportOptions {
  readonly fetch?: typeof fetch;
  readonly firstByteTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly maxRetries: number;
  /** A wait hint longer than this is not waited out: the error is shown instead. */
  readonly maxRetryWaitMs?: number;
  /** Injectable for tests. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

const DEFAULT_MAX_RETRY_WAIT_MS = 60_000;
const ERROR_BODY_LIMIT = 64 * 1024;
const RETRYABLE_STATUS = new Set([408, 409, 429, 500, 502, 503, 504]);
const RETRYABLE_KINDS = new Set<ProviderErrorInfo['kind']>(['rate', 'server', 'network', 'timeout']);

/** Why a URL may not carry a credential: plain http only to this machine. */
export function urlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a valid URL`;
  }
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && isLoopback(parsed.hostname)) return undefined;
  if (parsed.protocol === 'http:') return `plain http is allowed only for 127.0.0.1 or localhost, not ${parsed.hostname}; use https`;
  return `${parsed.protocol} URLs are not supported`;
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function headerProblem(headers: Readonly<Record<string, string>>): string | undefined {
  for (const [name, value] of Object.entries(headers)) if (/[\r\n\0]/.test(value)) return `the ${name} header contains a line break`;
  return undefined;
}

type Opened = { ok: true; response: Response } | { ok: false; error: ProviderErrorInfo; retryable: boolean; waitMs?: number };

class TimeoutAbort extends Error {
  constructor(readonly phase: 'firstByte' | 'idle') {
    super(`timeout (${phase})`);
  }
}

/** Seconds of a Google RetryInfo delay ("53s", "0.5s"). */
function googleRetryDelay(details: unknown): number | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const detail of details) {
    const delay = (detail as { retryDelay?: unknown })?.retryDelay;
    if (typeof delay === 'string') {
      const match = /^(\d+(?:\.\d+)?)s$/.exec(delay.trim());
      if (match) return Number(match[1]);
    }
  }
  return undefined;
}

/** The server's wait hint in milliseconds: retry-after-ms, retry-after (seconds or date), Google RetryInfo. */
export function retryHintMs(headers: Headers, errorDetails: unknown, now = Date.now()): number | undefined {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const after = headers.get('retry-after');
  if (after !== null) {
    const seconds = Number(after);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(after);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const google = googleRetryDelay(errorDetails);
  return google !== undefined ? google * 1000 : undefined;
}

/** Reads `{"error": {...}}` (also wrapped in an array) from an error body. */
export function parseErrorBody(text: string): { message?: string; code?: string; details?: unknown } {
  try {
    let json = JSON.parse(text) as unknown;
    if (Array.isArray(json)) json = json[0];
    const error = (json as { error?: Record<string, unknown> })?.error;
    if (error && typeof error === 'object') {
      const code = typeof error.status === 'string' ? error.status : typeof error.code === 'string' ? error.code : typeof error.type === 'string' ? error.type : undefined;
      return { message: typeof error.message === 'string' ? error.message : undefined, code, details: error.details };
    }
  } catch {
    // not JSON: fall through
  }
  return { message: text.trim().startsWith('<') ? undefined : text.slice(0, 300) };
}

async function readLimited(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < ERROR_BODY_LIMIT) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text;
}

async function open(request: HttpRequest, signal: AbortSignal, options: TransportOptions, context: ErrorContext): Promise<Opened> {
  const problem = urlProblem(request.url) ?? headerProblem(request.headers);
  if (problem) return { ok: false, retryable: false, error: { kind: 'badRequest', action: 'openSettings', message: `Tandem did not send the request: ${problem}.` } };
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal, redirect: 'manual' });
  } catch (error) {
    if (signal.aborted) throw signal.reason instanceof TimeoutAbort ? signal.reason : error;
    return { ok: false, retryable: true, error: networkError(error, new URL(request.url).origin, context) };
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel().catch(() => undefined);
    const location = response.headers.get('location') ?? 'elsewhere';
    return { ok: false, retryable: false, error: protocolError(`a redirect (${response.status}) to ${location}, which Tandem does not follow with your key`, context) };
  }
  if (!response.ok) {
    const body = parseErrorBody(await readLimited(response));
    const waitMs = retryHintMs(response.headers, body.details);
    const serverError: ServerError = { status: response.status, code: body.code, message: body.message };
    const error = httpError(serverError, context, waitMs !== undefined ? waitMs / 1000 : undefined);
    const shouldRetry = response.headers.get('x-should-retry');
    const retryable = shouldRetry === 'true' || (shouldRetry !== 'false' && RETRYABLE_STATUS.has(response.status) && error.kind !== 'quota');
    return { ok: false, retryable, waitMs, error };
  }
  return { ok: true, response };
}

/** Body bytes with the first-byte deadline, then an idle deadline between chunks. Cancels the body on exit. */
async function* bodyBytes(response: Response, abort: (reason: TimeoutAbort) => void, firstByteDeadline: number, idleMs: number): AsyncGenerator<Uint8Array> {
  if (!response.body) return;
  const reader = response.body.getReader();
  let deadline = firstByteDeadline;
  let phase: 'firstByte' | 'idle' = 'firstByte';
  try {
    for (;;) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const reason = new TimeoutAbort(phase);
          abort(reason);
          reject(reason);
        }, Math.max(0, deadline - Date.now()));
      });
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await Promise.race([reader.read(), timeout]);
      } finally {
        clearTimeout(timer);
      }
      if (result.done) return;
      phase = 'idle';
      deadline = Date.now() + idleMs;
      yield result.value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

function backoffMs(attempt: number): number {
  return Math.min(8_000, 500 * 2 ** attempt);
}

export interface StreamSpec {
  readonly request: HttpRequest;
  readonly context: ErrorContext;
  readonly options: TransportOptions;
  /** Turns the event stream into chunks; yields an 'error' chunk and stops on a stream-level error. */
  readonly decode: (batches: AsyncIterable<readonly SseItem[]>) => AsyncIterable<Chunk>;
}

/**
 * Runs one streaming request end to end. Never throws: every failure becomes the last chunk, an 'error'.
 * Retries only while nothing has been shown (no text or thought yet).
 */
export async function* streamRequest(spec: StreamSpec, signal: AbortSignal): AsyncGenerator<Chunk> {
  const { request, context, options } = spec;
  const maxWait = options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
  const sleep = options.sleep ?? defaultSleep;
  let started = false;
  for (let attempt = 0; ; attempt++) {
    if (signal.aborted) {
      yield { type: 'error', error: CANCELLED };
      return;
    }
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    const firstByteDeadline = Date.now() + options.firstByteTimeoutMs;
    const headerTimer = setTimeout(() => controller.abort(new TimeoutAbort('firstByte')), options.firstByteTimeoutMs);
    let failure: { error: ProviderErrorInfo; retryable: boolean; waitMs?: number } | undefined;
    try {
      const opened = await open(request, controller.signal, options, context);
      clearTimeout(headerTimer);
      if (!opened.ok) {
        failure = opened;
      } else {
        const contentType = opened.response.headers.get('content-type') ?? '';
        if (!/text\/event-stream/i.test(contentType)) {
          await opened.response.body?.cancel().catch(() => undefined);
          failure = { retryable: false, error: protocolError(`expected an event stream but got ${contentType || 'no content type'}`, context) };
        } else {
          const bytes = bodyBytes(opened.response, (reason) => controller.abort(reason), firstByteDeadline, options.idleTimeoutMs);
          for await (const chunk of spec.decode(readSse(bytes))) {
            if (chunk.type === 'error') {
              failure = { error: chunk.error, retryable: RETRYABLE_KINDS.has(chunk.error.kind) };
              break;
            }
            if (chunk.type === 'text' || chunk.type === 'thought') started = true;
            yield chunk;
          }
        }
      }
    } catch (error) {
      if (signal.aborted) failure = { error: CANCELLED, retryable: false };
      else if (error instanceof SseOverflowError) failure = { error: eventTooLargeError(context), retryable: false };
      else if (error instanceof TimeoutAbort || controller.signal.reason instanceof TimeoutAbort) {
        const phase = error instanceof TimeoutAbort ? error.phase : (controller.signal.reason as TimeoutAbort).phase;
        const seconds = Math.round((phase === 'firstByte' ? options.firstByteTimeoutMs : options.idleTimeoutMs) / 1000);
        failure = { error: timeoutError(phase, seconds, context), retryable: true };
      } else failure = { error: networkError(error, new URL(request.url).origin, context, started), retryable: true };
    } finally {
      clearTimeout(headerTimer);
      signal.removeEventListener('abort', onAbort);
      controller.abort(); // closes the socket if anything is still open
    }
    if (!failure) return;
    const waitMs = failure.waitMs ?? backoffMs(attempt);
    const mayRetry = failure.retryable && !started && attempt < options.maxRetries && waitMs <= maxWait && !signal.aborted;
    if (!mayRetry) {
      yield { type: 'error', error: signal.aborted ? CANCELLED : failure.error };
      return;
    }
    // Said while waiting (a rate limit's hint can be a minute); Stop ends the wait at once.
    const next = attempt + 2;
    const attempts = options.maxRetries + 1;
    const { kind } = failure.error;
    yield { type: 'retrying', kind, waitMs, attempt: next, attempts, message: retryNotice(kind, context, waitMs, next, attempts) };
    await sleep(waitMs, signal);
  }
}

/** A plain JSON GET (model lists). */
export async function getJson(request: HttpRequest, signal: AbortSignal, options: TransportOptions, context: ErrorContext): Promise<{ ok: true; json: unknown } | { ok: false; error: ProviderErrorInfo }> {
  const opened = await open(request, signal, options, context).catch((error: unknown) => ({ ok: false as const, retryable: false, error: signal.aborted ? CANCELLED : networkError(error, new URL(request.url).origin, context) }));
  if (!opened.ok) return { ok: false, error: opened.error };
  const contentType = opened.response.headers.get('content-type') ?? '';
  if (!/json/i.test(contentType)) {
    await opened.response.body?.cancel().catch(() => undefined);
    return { ok: false, error: protocolError(`expected JSON but got ${contentType || 'no content type'}`, context) };
  }
  try {
    return { ok: true, json: await opened.response.json() };
  } catch {
    return { ok: false, error: protocolError('a model list that is not valid JSON', context) };
  }
}
