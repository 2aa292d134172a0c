// What both network-fault batteries (test/reliability/network-faults-*.test.ts) share: the endpoints (two wire
// formats behind different URLs and credentials), what each format's server sends for the same situation, and a
// transport with test timeouts that records the waits it is asked for.
import type { ErrorContext } from '../../src/core/providers/errors';
import { GeminiProvider, type GeminiEndpointKind } from '../../src/core/providers/gemini';
import type { TransportOptions } from '../../src/core/providers/http';
import { OpenAIChatProvider } from '../../src/core/providers/openaiChat';
import type { ModelProvider } from '../../src/core/providers/types';
import { geminiChunks } from '../fakes/gemini';
import { openaiEvents } from '../fakes/openai';
import type { RecordedRequest, Reply, Step } from '../fakes/server';
import { jsonReply, sseReply, type Framing, type SseEvent } from '../fakes/sse';

export type Format = 'gemini' | 'openai';

export const GEMINI_MODEL = 'gemini-3.1-flash-lite';
export const GPT_MODEL = 'gpt-5.3-chat-latest';
export const ANSWER = 'Héllo wörld — `code`, 中文 and an emoji 🚀 across pieces.\nSecond line.';
/** Timeouts no test reaches unless it is about them: a loaded machine must not turn a slow byte into a fault. */
const FIRST_BYTE_MS = 30_000;
const IDLE_MS = 30_000;
/** For the faults that are about a timeout: the fake then stalls for good, so only the timeout can end it. */
export const TIMEOUTS_UNDER_TEST: Partial<TransportOptions> = { firstByteTimeoutMs: 500, idleTimeoutMs: 500 };
export const MAX_RETRIES = 2;

// ---------------------------------------------------------------------------------------------------------------
// Endpoints: the same two wire formats behind different URLs and credentials.

export interface Endpoint {
  readonly name: string;
  readonly format: Format;
  readonly model: string;
  readonly secret: string;
  /** Path and query the request must use at the fake. */
  readonly path: string;
  /** The credential as it must appear on the wire. */
  readonly credential: (request: RecordedRequest) => string | undefined;
  readonly expectedCredential: string;
  readonly make: (baseUrl: string, transport: TransportOptions) => ModelProvider;
  /** Runs every fault (the two reference endpoints) or only the cases marked for every endpoint. */
  readonly full: boolean;
}

const context = (providerName: string, keyName: string, model: string, secret: string): ErrorContext => ({
  providerName,
  keyName,
  model,
  modelSetting: model === GPT_MODEL ? 'tandem.gpt.model' : 'tandem.gemini.model',
  secret,
});

function geminiEndpoint(name: string, kind: GeminiEndpointKind, secret: string, path: string, full = false): Endpoint {
  const bearer = kind === 'vertex';
  return {
    name,
    format: 'gemini',
    model: GEMINI_MODEL,
    secret,
    path,
    full,
    credential: (r) => (bearer ? r.headers.authorization : (r.headers['x-goog-api-key'] as string | undefined)),
    expectedCredential: bearer ? `Bearer ${secret}` : secret,
    make: (baseUrl, transport) =>
      new GeminiProvider({ kind, baseUrl, secret, vertexProject: 'tandem-test', vertexLocation: 'global', context: context(name, `${name} key`, GEMINI_MODEL, secret), transport }),
  };
}

function openaiEndpoint(name: string, secret: string, suffix: string, full = false): Endpoint {
  return {
    name,
    format: 'openai',
    model: GPT_MODEL,
    secret,
    path: '/v1/chat/completions',
    full,
    credential: (r) => r.headers.authorization,
    expectedCredential: `Bearer ${secret}`,
    make: (baseUrl, transport) => new OpenAIChatProvider({ baseUrl: `${baseUrl}${suffix}`, secret, context: context(name, `${name} key`, GPT_MODEL, secret), transport }),
  };
}

const GEMINI_PATH = `/v1beta/models/${GEMINI_MODEL}:streamGenerateContent?alt=sse`;
export const ENDPOINTS: readonly Endpoint[] = [
  geminiEndpoint('Gemini API', 'gemini', 'AIzaSyRELIABILITY-sentinel-key-0000001', GEMINI_PATH, true),
  openaiEndpoint('OpenAI', 'sk-reliability-sentinel-openai-0000001', '', true),
  geminiEndpoint('Vertex AI', 'vertex', 'ya29.reliability-sentinel-token-0000001', `/v1/projects/tandem-test/locations/global/publishers/google/models/${GEMINI_MODEL}:streamGenerateContent?alt=sse`),
  geminiEndpoint('Vertex AI express', 'vertexExpress', 'AIzaSyRELIABILITY-express-key-00000001', `/v1/publishers/google/models/${GEMINI_MODEL}:streamGenerateContent?alt=sse`),
  geminiEndpoint('CometAPI (Gemini)', 'cometapi', 'sk-comet-reliability-sentinel-0000001', GEMINI_PATH),
  openaiEndpoint('CometAPI (OpenAI)', 'sk-comet-reliability-sentinel-0000002', ''),
  // A compatible server (Ollama / vLLM style) whose base already ends in /v1, with a key of no known shape.
  openaiEndpoint('OpenAI-compatible', 'local-compat-sentinel-0000003', '/v1'),
];

// ---------------------------------------------------------------------------------------------------------------
// Wire builders: what each format's server sends for the same situation.

export interface Wire {
  readonly eol: '\n' | '\r\n';
  /** Events of an answer; `finished` false leaves off the finish (and, for OpenAI, [DONE]). */
  events(text: string, finished: boolean, pieceSize?: number): SseEvent[];
  error(status: number, situation: 'auth' | 'forbidden' | 'notFound' | 'server' | 'unavailable' | 'quota' | 'rate', secret: string, headers?: Record<string, string>, details?: unknown[]): Reply;
  /** Mid-stream error records after some text, in every form this format uses. */
  midStreamErrors(secret: string): readonly { readonly form: string; readonly event: SseEvent }[];
}

export const WIRES: Readonly<Record<Format, Wire>> = {
  gemini: {
    eol: '\r\n',
    events: (text, finished, pieceSize = 8) => geminiChunks({ text, finishReason: finished ? 'STOP' : null, pieceSize }).map((c) => JSON.stringify(c)),
    error(status, situation, secret, headers = {}, details = []) {
      const [statusName, message] = {
        auth: ['UNAUTHENTICATED', `Request had invalid authentication credentials (${secret}).`],
        forbidden: ['PERMISSION_DENIED', `Permission denied: key ${secret} may not use this model.`],
        notFound: ['NOT_FOUND', `models/${GEMINI_MODEL} is not found for API version v1beta.`],
        server: ['INTERNAL', `Internal error encountered (key ${secret}).`],
        unavailable: ['UNAVAILABLE', 'The model is overloaded. Please try again later.'],
        quota: ['RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details.'],
        rate: ['RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).'],
      }[situation];
      return jsonReply(status, { error: { code: status, message, status: statusName, details } }, headers);
    },
    midStreamErrors: (secret) => [
      { form: 'bare JSON line', event: { raw: `{"error": {"code": 500, "message": "Internal error for ${secret}.", "status": "INTERNAL"}}\r\n` } },
      {
        form: 'bare multi-line JSON',
        event: { raw: `${JSON.stringify({ error: { code: 503, message: `Overloaded (${secret}).`, status: 'UNAVAILABLE' } }, null, 2).replace(/\n/g, '\r\n')}\r\n` },
      },
      { form: 'data: {error}', event: JSON.stringify({ error: { code: 500, message: `Internal error for ${secret}.`, status: 'INTERNAL' } }) },
    ],
  },
  openai: {
    eol: '\n',
    events: (text, finished, pieceSize = 8) => openaiEvents({ text, finishReason: finished ? 'stop' : null, pieceSize }),
    error(status, situation, secret, headers = {}) {
      const error = {
        auth: { message: `Incorrect API key provided: ${secret}.`, type: 'invalid_request_error', code: 'invalid_api_key' },
        forbidden: { message: `Country, region, or territory not supported (key ${secret}).`, type: 'request_forbidden', code: 'unsupported_country_region_territory' },
        notFound: { message: `The model \`${GPT_MODEL}\` does not exist or you do not have access to it.`, type: 'invalid_request_error', code: 'model_not_found' },
        server: { message: `The server had an error while processing your request (${secret}).`, type: 'server_error', code: null },
        unavailable: { message: 'The engine is currently overloaded, please try again later.', type: 'server_error', code: null },
        quota: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', code: 'insufficient_quota' },
        rate: { message: `Rate limit reached for ${GPT_MODEL} on requests per min.`, type: 'requests', code: 'rate_limit_exceeded' },
      }[situation];
      return jsonReply(status, { error: { param: null, ...error } }, headers);
    },
    midStreamErrors: (secret) => {
      const error = { message: `The server had an error while processing your request (${secret}).`, type: 'server_error', code: 'server_error' };
      return [
        { form: 'data: {error}', event: JSON.stringify({ error }) },
        { form: 'event: error', event: { event: 'error', data: JSON.stringify({ error }) } },
      ];
    },
  },
};

/** The text pieces an answer's events carry before anything else happens. */
export const PARTIAL = 'The first part of an answer, and then… ';

export function answerReply(wire: Wire, text: string, framing: Framing = {}): Reply {
  return sseReply(wire.events(text, true), { eol: wire.eol, ...framing });
}

/** An answer's first events (no finish), then `tail` steps (stall, destroy, an error record). */
export function partialReply(wire: Wire, tail: readonly Step[], extraEvents: readonly SseEvent[] = []): Reply {
  const base = sseReply([...wire.events(PARTIAL, false), ...extraEvents], { eol: wire.eol, delayMs: 2 });
  return { ...base, steps: [...base.steps, ...tail] };
}

export const stalledHead = (): Reply => sseReply([], { stallAfter: 0 });

export function rateLimited(wire: Wire, endpoint: Endpoint, headers: Record<string, string>, details: unknown[] = []): Reply {
  return wire.error(429, 'rate', endpoint.secret, headers, details);
}

export function transport(waits: number[], overrides: Partial<TransportOptions> = {}): TransportOptions {
  return {
    firstByteTimeoutMs: FIRST_BYTE_MS,
    idleTimeoutMs: IDLE_MS,
    maxRetries: MAX_RETRIES,
    maxRetryWaitMs: 60_000,
    // Records the wait the transport asked for, and waits only a moment.
    sleep: (ms, signal) =>
      new Promise((resolve) => {
        waits.push(ms);
        const timer = setTimeout(resolve, 2);
        signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
      }),
    ...overrides,
  };
}

export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}
