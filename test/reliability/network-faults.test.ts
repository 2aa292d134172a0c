// Reliability battery, network: one table of faults run against every wire format (Gemini streamGenerateContent,
// OpenAI Chat Completions) through the real providers and the fake servers, plus the endpoint kinds that differ only
// in URL and credential (Vertex with a token, Vertex express, CometAPI in both formats, any OpenAI-compatible base).
// Each case asserts the exact outcome: typed error kind (or finish reason), the text kept, how many requests reached
// the fake (= whether a retry happened), and that no key appears in anything shown. The per-provider unit tests in
// test/unit/providers go deeper into each format; this file is the cross-provider matrix.
import { strict as assert } from 'node:assert';
import type { ErrorContext } from '../../src/core/providers/errors';
import { GeminiProvider, type GeminiEndpointKind } from '../../src/core/providers/gemini';
import type { TransportOptions } from '../../src/core/providers/http';
import { OpenAIChatProvider } from '../../src/core/providers/openaiChat';
import type { Chunk, ErrorKind, FinishReason, ModelProvider, ModelRequest, ModelSlot } from '../../src/core/providers/types';
import type { ChatHost } from '../../src/host/chat/chatController';
import { chatUnderTest } from '../support/chatUnderTest';
import type { GatewayRequest, ModelGateway } from '../../src/host/chat/modelGateway';
import type { Log } from '../../src/host/log';
import type { HostMessage } from '../../src/shared/protocol';
import { geminiChunks } from '../fakes/gemini';
import { openaiEvents } from '../fakes/openai';
import { FakeServer, type RecordedRequest, type Reply, type Responder, type Step } from '../fakes/server';
import { encodeEvent, htmlReply, jsonReply, redirectReply, sseReply, type Framing, type SseEvent } from '../fakes/sse';

type Format = 'gemini' | 'openai';

const GEMINI_MODEL = 'gemini-3.1-flash-lite';
const GPT_MODEL = 'gpt-5.3-chat-latest';
const ANSWER = 'Héllo wörld — `code`, 中文 and an emoji 🚀 across pieces.\nSecond line.';
/** Timeouts no test reaches unless it is about them: a loaded machine must not turn a slow byte into a fault. */
const FIRST_BYTE_MS = 30_000;
const IDLE_MS = 30_000;
/** For the faults that are about a timeout: the fake then stalls for good, so only the timeout can end it. */
const TIMEOUTS_UNDER_TEST: Partial<TransportOptions> = { firstByteTimeoutMs: 500, idleTimeoutMs: 500 };
const MAX_RETRIES = 2;

// ---------------------------------------------------------------------------------------------------------------
// Endpoints: the same two wire formats behind different URLs and credentials.

interface Endpoint {
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
const ENDPOINTS: readonly Endpoint[] = [
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

interface Wire {
  readonly eol: '\n' | '\r\n';
  /** Events of an answer; `finished` false leaves off the finish (and, for OpenAI, [DONE]). */
  events(text: string, finished: boolean, pieceSize?: number): SseEvent[];
  error(status: number, situation: 'auth' | 'forbidden' | 'notFound' | 'server' | 'unavailable' | 'quota' | 'rate', secret: string, headers?: Record<string, string>, details?: unknown[]): Reply;
  /** Mid-stream error records after some text, in every form this format uses. */
  midStreamErrors(secret: string): readonly { readonly form: string; readonly event: SseEvent }[];
}

const WIRES: Readonly<Record<Format, Wire>> = {
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
const PARTIAL = 'The first part of an answer, and then… ';

function answerReply(wire: Wire, text: string, framing: Framing = {}): Reply {
  return sseReply(wire.events(text, true), { eol: wire.eol, ...framing });
}

/** An answer's first events (no finish), then `tail` steps (stall, destroy, an error record). */
function partialReply(wire: Wire, tail: readonly Step[], extraEvents: readonly SseEvent[] = []): Reply {
  const base = sseReply([...wire.events(PARTIAL, false), ...extraEvents], { eol: wire.eol, delayMs: 2 });
  return { ...base, steps: [...base.steps, ...tail] };
}

/** Raw bytes of an answer cut inside every multibyte character, written as separate chunks with pauses between. */
function utf8SplitReply(wire: Wire, text: string): Reply {
  const bytes = new TextEncoder().encode(wire.events(text, true, 3).map((e) => encodeEvent(e, wire.eol)).join(''));
  const cuts: number[] = [];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0xc0) cuts.push(i + 1 + (bytes[i] >= 0xf0 ? 1 : 0));
  const steps: Step[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    steps.push({ write: bytes.subarray(from, cut) }, { delayMs: 1 });
    from = cut;
  }
  return { status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8' }, steps };
}

const stalledHead = (): Reply => sseReply([], { stallAfter: 0 });

// ---------------------------------------------------------------------------------------------------------------
// The table.

interface Expect {
  readonly text: string;
  /** The last chunk: a finish with this reason, or an error of this kind. */
  readonly finish?: FinishReason;
  readonly error?: ErrorKind;
  /** Requests that reached the fake: 1 = no retry. */
  readonly requests: number;
  /** Waits the transport asked for between attempts. */
  readonly waits?: (waits: readonly number[]) => void;
  readonly message?: RegExp;
}

interface Fault {
  readonly name: string;
  readonly replies: (wire: Wire, endpoint: Endpoint, other: FakeServer) => Responder[];
  readonly expect: Expect;
  readonly transport?: Partial<TransportOptions>;
  /** Run against every endpoint, not only the two reference ones. */
  readonly everyEndpoint?: boolean;
  readonly only?: Format;
  readonly slow?: boolean;
}

const HUGE_LINE = 'const résumé = "🚀 streaming"; // a realistic line of code\n';
const HUGE = HUGE_LINE.repeat(Math.ceil((4 * 1024 * 1024) / HUGE_LINE.length));

const ok = (requests = 1, text = ANSWER): Expect => ({ text, finish: 'stop', requests });
const oneSecondHint = (waits: readonly number[]) => assert.deepEqual(waits, [1000]);

function rateLimited(wire: Wire, endpoint: Endpoint, headers: Record<string, string>, details: unknown[] = []): Reply {
  return wire.error(429, 'rate', endpoint.secret, headers, details);
}

const FAULTS: readonly Fault[] = [
  // Framing: the answer arrives whole whatever the line ends and chunk boundaries.
  { name: 'LF line ends', replies: (w) => [answerReply(w, ANSWER, { eol: '\n' })], expect: ok(), everyEndpoint: true },
  { name: 'CRLF line ends', replies: (w) => [answerReply(w, ANSWER, { eol: '\r\n' })], expect: ok(), everyEndpoint: true },
  { name: 'lone CR line ends', replies: (w) => [answerReply(w, ANSWER, { eol: '\r' })], expect: ok() },
  { name: 'split at every byte, LF', replies: (w) => [answerReply(w, ANSWER, { eol: '\n', split: 'byte' })], expect: ok() },
  { name: 'split at every byte, CRLF (CR and LF in different chunks)', replies: (w) => [answerReply(w, ANSWER, { eol: '\r\n', split: 'byte' })], expect: ok() },
  { name: 'split at every byte, lone CR', replies: (w) => [answerReply(w, ANSWER, { eol: '\r', split: 'byte' })], expect: ok() },
  { name: 'UTF-8 characters split across chunks', replies: (w) => [utf8SplitReply(w, ANSWER)], expect: ok() },
  { name: 'keep-alive comments before every event', replies: (w) => [answerReply(w, ANSWER, { keepAlive: true })], expect: ok() },
  { name: 'keep-alive comments, CRLF, byte by byte', replies: (w) => [answerReply(w, ANSWER, { keepAlive: true, eol: '\r\n', split: 'byte' })], expect: ok() },
  // The SSE rules drop an event the body ends without closing: OpenAI loses only its [DONE] (the finish came before),
  // Gemini its last chunk, finish included.
  { name: 'no newline after the last event', only: 'openai', replies: (w) => [answerReply(w, ANSWER, { noTrailingNewline: true })], expect: ok() },
  {
    name: 'no newline after the last event (dropped: the answer is unfinished)',
    only: 'gemini',
    replies: (w) => [answerReply(w, ANSWER, { noTrailingNewline: true })],
    expect: { text: ANSWER.slice(0, Math.floor((ANSWER.length - 1) / 8) * 8), finish: 'truncated', requests: 1 },
  },

  // Stream-level failures after text: partial kept, never retried silently.
  {
    name: 'a body that ends cleanly in the middle of an event (truncated, not a protocol error)',
    replies: (w) => [partialReply(w, [{ write: `data: {"candidates":[{"content":{"parts":[{"text":"cut${w.eol}data: here` }]), answerReply(w, 'never asked')],
    expect: { text: PARTIAL, finish: 'truncated', requests: 1 },
    everyEndpoint: true,
  },
  { name: 'EOF without a finish (truncated)', replies: (w) => [sseReply(w.events(PARTIAL, false), { eol: w.eol }), answerReply(w, 'never asked')], expect: { text: PARTIAL, finish: 'truncated', requests: 1 } },
  {
    name: 'connection destroyed mid-stream',
    replies: (w) => [partialReply(w, [{ delayMs: 40 }, { destroy: true }]), answerReply(w, 'never asked')],
    expect: { text: PARTIAL, error: 'network', requests: 1 },
  },
  {
    name: 'stall mid-stream (idle timeout)',
    replies: (w) => [partialReply(w, [{ stall: true }]), answerReply(w, 'never asked')],
    expect: { text: PARTIAL, error: 'timeout', requests: 1, message: /stopped sending/ },
    transport: TIMEOUTS_UNDER_TEST,
  },

  // Failures before any text: retried where allowed.
  {
    name: 'stall before the first byte every time (first-byte timeout, retried, then reported)',
    replies: () => [stalledHead(), stalledHead(), stalledHead()],
    expect: { text: '', error: 'timeout', requests: MAX_RETRIES + 1, message: /did not start answering/ },
    transport: TIMEOUTS_UNDER_TEST,
  },
  { name: 'stall before the first byte once, then an answer', replies: (w) => [stalledHead(), answerReply(w, ANSWER)], expect: ok(2), transport: TIMEOUTS_UNDER_TEST },
  {
    name: 'connection destroyed before any text, then an answer',
    replies: (w) => [{ status: 200, headers: { 'content-type': 'text/event-stream' }, steps: [{ write: `: hello${w.eol}` }, { delayMs: 5 }, { destroy: true }] }, answerReply(w, ANSWER)],
    expect: ok(2),
  },

  // Wait hints on 429: retried after the hinted wait, then the answer.
  {
    name: '429 with retry-after seconds',
    replies: (w, e) => [rateLimited(w, e, { 'retry-after': '1' }), answerReply(w, ANSWER)],
    expect: { ...ok(2), waits: oneSecondHint },
    everyEndpoint: true,
  },
  { name: '429 with retry-after-ms', replies: (w, e) => [rateLimited(w, e, { 'retry-after-ms': '250', 'retry-after': '9' }), answerReply(w, ANSWER)], expect: { ...ok(2), waits: (ms) => assert.deepEqual(ms, [250]) } },
  {
    name: '429 with retry-after as an HTTP date',
    replies: (w, e) => [rateLimited(w, e, { 'retry-after': new Date(Date.now() + 20_000).toUTCString() }), answerReply(w, ANSWER)],
    expect: { ...ok(2), waits: (ms) => assert.ok(ms.length === 1 && ms[0] > 18_000 && ms[0] <= 20_000, `waited ${ms.join(', ')}`) },
  },
  {
    name: '429 with a google.rpc.RetryInfo retryDelay',
    only: 'gemini',
    replies: (w, e) => [rateLimited(w, e, {}, [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.5s' }]), answerReply(w, ANSWER)],
    expect: { ...ok(2), waits: (ms) => assert.deepEqual(ms, [1500]) },
  },
  { name: '429 without a hint (backoff)', replies: (w, e) => [rateLimited(w, e, {}), answerReply(w, ANSWER)], expect: { ...ok(2), waits: (ms) => assert.ok(ms.length === 1 && ms[0] > 0) } },
  {
    name: '429 whose hint is longer than the cap (not waited out)',
    replies: (w, e) => [rateLimited(w, e, { 'retry-after': '600' }), answerReply(w, 'never asked')],
    expect: { text: '', error: 'rate', requests: 1, message: /Wait about 600 s/ },
  },
  {
    name: '429 every time (gives up after the retries)',
    replies: (w, e) => Array.from({ length: MAX_RETRIES + 2 }, () => rateLimited(w, e, { 'retry-after': '1' })),
    expect: { text: '', error: 'rate', requests: MAX_RETRIES + 1 },
  },
  { name: '429 quota (never retried)', replies: (w, e) => [w.error(429, 'quota', e.secret), answerReply(w, 'never asked')], expect: { text: '', error: 'quota', requests: 1 } },
  {
    name: '429 insufficient_quota with a wait hint is still quota (never retried)',
    only: 'openai',
    replies: (w, e) => [w.error(429, 'quota', e.secret, { 'retry-after': '1' }), answerReply(w, 'never asked')],
    expect: { text: '', error: 'quota', requests: 1 },
  },
  {
    // Google words per-minute limits as "quota" too; its RetryInfo says when to come back.
    name: '429 quota wording with RetryInfo is a rate limit (retried after the wait)',
    only: 'gemini',
    replies: (w, e) => [w.error(429, 'quota', e.secret, {}, [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2s' }]), answerReply(w, ANSWER)],
    expect: { ...ok(2), waits: (ms) => assert.deepEqual(ms, [2000]) },
  },

  // HTTP errors.
  { name: '401', replies: (w, e) => [w.error(401, 'auth', e.secret), answerReply(w, 'never asked')], expect: { text: '', error: 'auth', requests: 1, message: /Tandem: Set API Key/ }, everyEndpoint: true },
  {
    name: '400 "API key not valid"',
    only: 'gemini',
    replies: (w, e) => [jsonReply(400, { error: { code: 400, message: `API key not valid. Please pass a valid API key. (${e.secret})`, status: 'INVALID_ARGUMENT' } }), answerReply(w, 'never asked')],
    expect: { text: '', error: 'auth', requests: 1, message: /Tandem: Set API Key/ },
    everyEndpoint: true,
  },
  { name: '403', replies: (w, e) => [w.error(403, 'forbidden', e.secret), answerReply(w, 'never asked')], expect: { text: '', error: 'auth', requests: 1 }, everyEndpoint: true },
  { name: '404', replies: (w, e) => [w.error(404, 'notFound', e.secret), answerReply(w, 'never asked')], expect: { text: '', error: 'notFound', requests: 1, message: /tandem\.(gemini|gpt)\.model/ } },
  { name: '500, retried, then an answer', replies: (w, e) => [w.error(500, 'server', e.secret), answerReply(w, ANSWER)], expect: ok(2), everyEndpoint: true },
  { name: '503, retried, then an answer', replies: (w, e) => [w.error(503, 'unavailable', e.secret), answerReply(w, ANSWER)], expect: ok(2) },
  { name: '500 every time (gives up after the retries)', replies: (w, e) => Array.from({ length: MAX_RETRIES + 2 }, () => w.error(500, 'server', e.secret)), expect: { text: '', error: 'server', requests: MAX_RETRIES + 1 } },

  // Not an event stream.
  { name: 'an HTML page with status 200', replies: (w) => [htmlReply(), answerReply(w, 'never asked')], expect: { text: '', error: 'protocol', requests: 1, message: /^Unexpected response from server/ }, everyEndpoint: true },
  {
    name: 'a 200 with the wrong content type (JSON, not an event stream)',
    replies: (w) => [jsonReply(200, { candidates: [], choices: [] }), answerReply(w, 'never asked')],
    expect: { text: '', error: 'protocol', requests: 1, message: /expected an event stream but got application\/json/ },
  },
  {
    name: 'a 200 event stream with no content type header',
    replies: (w) => [{ status: 200, headers: {}, steps: [{ write: w.events(ANSWER, true).map((e) => encodeEvent(e, w.eol)).join('') }] }, answerReply(w, 'never asked')],
    expect: { text: '', error: 'protocol', requests: 1 },
  },
  ...[301, 302, 307, 308].map(
    (status): Fault => ({
      name: `a ${status} redirect to another origin (not followed, no credential leaves)`,
      replies: (w, e, other) => [redirectReply(`${other.url}${e.path}`, status), answerReply(w, 'never asked')],
      expect: { text: '', error: 'protocol', requests: 1, message: /redirect/ },
      everyEndpoint: status === 307,
    }),
  ),

  // Volume.
  {
    name: 'a huge answer (4 MB) arrives intact',
    slow: true,
    replies: (w) => [sseReply(w.events(HUGE, true, 2048), { eol: w.eol })],
    expect: ok(1, HUGE),
  },
];

// Mid-stream error records: one case per form of each format.
function midStreamFaults(format: Format): Fault[] {
  return WIRES[format].midStreamErrors('SECRET').map(({ form }, index) => ({
    name: `mid-stream error (${form}) after text`,
    only: format,
    everyEndpoint: index === 0,
    replies: (w, e) => [partialReply(w, [], [w.midStreamErrors(e.secret)[index].event]), answerReply(w, 'never asked')],
    expect: { text: PARTIAL, error: 'server', requests: 1, message: /partial answer is kept/ },
  }));
}

function midStreamBeforeText(format: Format): Fault {
  return {
    name: 'mid-stream error before any text, retried, then an answer',
    only: format,
    replies: (w, e) => [sseReply([w.midStreamErrors(e.secret)[0].event], { eol: w.eol }), answerReply(w, ANSWER)],
    expect: ok(2),
  };
}

const ALL_FAULTS: readonly Fault[] = [...FAULTS, ...midStreamFaults('gemini'), ...midStreamFaults('openai'), midStreamBeforeText('gemini'), midStreamBeforeText('openai')];

// ---------------------------------------------------------------------------------------------------------------

function request(model: string): ModelRequest {
  return { model, system: 'Be brief.', messages: [{ role: 'user', parts: [{ kind: 'text', text: 'Hello' }] }], maxOutputTokens: 1024 };
}

function transport(waits: number[], overrides: Partial<TransportOptions> = {}): TransportOptions {
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

async function collect(provider: ModelProvider, model: string): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  for await (const chunk of provider.stream(request(model), new AbortController().signal)) chunks.push(chunk);
  return chunks;
}

const textOf = (chunks: readonly Chunk[]) => chunks.map((c) => (c.type === 'text' ? c.text : '')).join('');

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

describe('reliability: network faults × wire formats × endpoints', function () {
  this.timeout(5_000);
  let fake: FakeServer;
  let other: FakeServer;
  before(async () => {
    [fake, other] = await Promise.all([FakeServer.start(), FakeServer.start()]);
  });
  afterEach(() => {
    fake.reset();
    other.reset();
  });
  after(async () => {
    await Promise.all([fake.close(), other.close()]);
  });

  for (const endpoint of ENDPOINTS) {
    describe(`${endpoint.name} (${endpoint.format} format)`, () => {
      const wire = WIRES[endpoint.format];
      for (const fault of ALL_FAULTS) {
        if (fault.only && fault.only !== endpoint.format) continue;
        if (!endpoint.full && !fault.everyEndpoint) continue;
        const { expect } = fault;
        const outcome = expect.error ? `${expect.error} error` : `finish ${expect.finish}`;
        it(`${fault.name}: ${outcome}, ${expect.requests} request${expect.requests > 1 ? 's' : ''}`, async function () {
          if (fault.slow) this.timeout(20_000);
          fake.enqueue(...fault.replies(wire, endpoint, other));
          const waits: number[] = [];
          const chunks = await collect(endpoint.make(fake.url, transport(waits, fault.transport)), endpoint.model);

          // The text chunks before the end, exactly.
          const expectedText = expect.text;
          const text = textOf(chunks);
          assert.equal(text.length, expectedText.length, 'text length');
          assert.ok(text === expectedText, 'the text arrived byte for byte');
          assert.ok(!text.includes('\ufffd'), 'no replacement characters');

          // Exactly one terminal chunk, last.
          const final = chunks[chunks.length - 1];
          assert.equal(chunks.filter((c) => c.type === 'finish' || c.type === 'error').length, 1, 'one terminal chunk');
          if (expect.error) {
            assert.equal(final.type, 'error', JSON.stringify(final));
            if (final.type === 'error') {
              assert.equal(final.error.kind, expect.error, final.error.message);
              if (expect.message) assert.match(final.error.message, expect.message);
            }
          } else {
            assert.equal(final.type, 'finish', JSON.stringify(final));
            if (final.type === 'finish') assert.equal(final.reason, expect.finish);
          }

          // Retries: how many requests reached the fake, and the waits between them, each told to the user first.
          assert.equal(fake.requests.length, expect.requests, 'requests at the fake');
          const notices = chunks.flatMap((c) => (c.type === 'retrying' ? [c] : []));
          assert.equal(notices.length, expect.requests - 1, 'one notice per retry');
          notices.forEach((notice, index) => {
            assert.equal(notice.attempt, index + 2);
            assert.equal(notice.attempts, MAX_RETRIES + 1);
            if (fault.name.startsWith('429')) assert.match(notice.message, new RegExp(`^Rate limited by ${endpoint.name.replace(/[()]/g, '\\$&')} — retrying in \\d+ s \\(attempt ${index + 2} of ${MAX_RETRIES + 1}\\)$`));
          });
          if (expect.waits) expect.waits(waits);
          else assert.equal(waits.length, expect.requests - 1, 'one wait per retry');

          // Every request went to the right path with the right credential, never in the URL.
          for (const recorded of fake.requests) {
            assert.equal(recorded.method, 'POST');
            assert.equal(recorded.url, endpoint.path);
            assert.equal(endpoint.credential(recorded), endpoint.expectedCredential);
            assert.ok(!recorded.url.includes(endpoint.secret), 'no key in the URL');
          }
          assert.equal(other.requests.length, 0, 'nothing reached another origin');

          // No key in anything the provider produced (messages, reasons, details).
          assert.ok(!JSON.stringify(chunks).includes(endpoint.secret), 'the key appears in no chunk');

          // Every socket the client opened is closed by the time the stream ends.
          await within(Promise.all(fake.requests.map((r) => r.closed)), 30_000, 'closing every socket');
        });
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------------------------
// The same faults one level up: the chat controller with the real providers against the fake, through a minimal
// gateway. A failure mid-answer keeps the partial answer in the conversation and Retry gets a full one; Stop
// closes the socket at the fake (how soon: bench/cancel.ts).

class ProviderGateway implements ModelGateway {
  constructor(private readonly endpoints: Readonly<Record<ModelSlot, { readonly provider: ModelProvider; readonly model: string }>>) {}
  models() {
    return [
      { slot: 'gemini' as const, label: 'Gemini 3.1 Flash-Lite', modelId: GEMINI_MODEL, supportsThinking: true },
      { slot: 'gpt' as const, label: 'GPT-5.3 Chat', modelId: GPT_MODEL, supportsThinking: false },
    ];
  }
  label(slot: ModelSlot) {
    return slot === 'gpt' ? 'GPT-5.3 Chat' : 'Gemini 3.1 Flash-Lite';
  }
  stream(request: GatewayRequest, signal: AbortSignal) {
    const { provider, model } = this.endpoints[request.slot];
    return provider.stream({ model, system: request.system, messages: request.messages, maxOutputTokens: 1024 }, signal);
  }
  costUsd() {
    return 0;
  }
}

function chatSetup(slot: ModelSlot, baseUrl: string, transportOptions: TransportOptions) {
  const geminiEp = ENDPOINTS.find((e) => e.name === 'Gemini API')!;
  const openaiEp = ENDPOINTS.find((e) => e.name === 'OpenAI')!;
  const gateway = new ProviderGateway({
    gemini: { provider: geminiEp.make(baseUrl, transportOptions), model: GEMINI_MODEL },
    gpt: { provider: openaiEp.make(baseUrl, transportOptions), model: GPT_MODEL },
  });
  const values = new Map<string, unknown>();
  const memento = { get: <T>(key: string) => values.get(key) as T | undefined, update: async (key: string, value: unknown) => void values.set(key, value) };
  const logged: string[] = [];
  const log = { trace: (m: string) => logged.push(m), info: (m: string) => logged.push(m), warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m) } as unknown as Log;
  const { controller, surface, posted, fs } = chatUnderTest(
    gateway,
    { settings: () => ({ autoContinueLimit: 0, defaultModel: slot, thinkingLevel: 'low' }), contextForTurn: async () => undefined, memento: memento as unknown as ChatHost['memento'] },
    log,
  );
  const secret = slot === 'gpt' ? openaiEp.secret : geminiEp.secret;
  return { controller, surface, posted, fs, logged, secret };
}

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

const doneMessages = (posted: readonly HostMessage[]) => posted.filter((m): m is Extract<HostMessage, { type: 'messageDone' }> => m.type === 'messageDone');

describe('reliability: network faults through the chat controller (real providers, fake server)', function () {
  this.timeout(5_000);
  let fake: FakeServer;
  before(async () => {
    fake = await FakeServer.start();
  });
  afterEach(() => fake.reset());
  after(() => fake.close());

  for (const [slot, format] of [['gemini', 'gemini'], ['gpt', 'openai']] as const) {
    const wire = WIRES[format];
    describe(`${format} format`, () => {
      for (const [name, failing, kind] of [
        ['the connection drops', partialReply(wire, [{ delayMs: 40 }, { destroy: true }]), 'network'],
        ['the server sends a mid-stream error', partialReply(wire, [], [wire.midStreamErrors(ENDPOINTS.find((e) => e.format === format)!.secret)[0].event]), 'server'],
        ['the stream goes idle', partialReply(wire, [{ stall: true }]), 'timeout'],
      ] as const) {
        it(`keeps the partial answer in the conversation when ${name}, and Retry produces a full answer`, async () => {
          const { controller, surface, posted, fs, logged, secret } = chatSetup(slot, fake.url, transport([], kind === 'timeout' ? TIMEOUTS_UNDER_TEST : {}));
          fake.enqueue(failing, answerReply(wire, ANSWER));
          await controller.handle({ type: 'ready' }, surface);
          await controller.handle({ type: 'send', text: 'Explain this', images: [] }, surface);
          await until(() => !controller.busy, 'the answer to end');

          const failed = doneMessages(posted)[0].message;
          assert.equal(failed.text, PARTIAL, 'the partial answer is shown');
          assert.equal(failed.error?.kind, kind);
          assert.equal(failed.error?.action, 'retry', 'Retry is offered');
          assert.equal(fake.requests.length, 1, 'no silent retry after text streamed');
          const kept = controller.current.messages;
          assert.deepEqual(kept.map((m) => [m.role, m.text]), [['user', 'Explain this'], ['assistant', PARTIAL]]);
          assert.equal(kept[1].error?.kind, kind, 'the error is kept with the partial answer');
          assert.ok([...fs.files.values()].some((file) => file.includes(JSON.stringify(PARTIAL).slice(1, -1))), 'the partial answer was saved');

          await controller.handle({ type: 'retry' }, surface);
          await until(() => !controller.busy, 'the retried answer to end');
          const retried = doneMessages(posted)[1].message;
          assert.equal(retried.text, ANSWER);
          assert.equal(retried.finish, 'stop');
          assert.equal(retried.error, undefined);
          assert.deepEqual(controller.current.messages.map((m) => [m.role, m.text]), [['user', 'Explain this'], ['assistant', ANSWER]], 'the failed answer was replaced');
          assert.equal(fake.requests.length, 2);
          const body = fake.requests[1].json();
          const sent = (format === 'gemini' ? body.contents : body.messages) as unknown[];
          assert.equal(JSON.stringify(sent).includes('The first part'), false, 'the retry does not send the failed partial answer back');

          // The key reached the fake, and nothing shown, logged or saved.
          const everything = JSON.stringify(posted) + logged.join('\n') + [...fs.files.values()].join('\n');
          assert.ok(!everything.includes(secret), 'the key appears in no posted message, log line or saved chat');
          await within(Promise.all(fake.requests.map((r) => r.closed)), 30_000, 'closing every socket');
        });
      }

      it('a retried 429 shows "Rate limited … retrying in N s (attempt 2 of 3)" in the answer, then clears it when the answer comes', async () => {
        const endpoint = ENDPOINTS.find((e) => e.format === format)!;
        const { controller, surface, posted } = chatSetup(slot, fake.url, transport([]));
        fake.enqueue(rateLimited(wire, endpoint, { 'retry-after': '7' }), answerReply(wire, ANSWER));
        await controller.handle({ type: 'ready' }, surface);
        await controller.handle({ type: 'send', text: 'Hello', images: [] }, surface);
        await until(() => !controller.busy, 'the answer to end');
        const statuses = posted.flatMap((m) => (m.type === 'status' ? [m.text] : []));
        assert.deepEqual(statuses, [`Rate limited by ${endpoint.name} — retrying in 7 s (attempt 2 of 3)`, '']);
        const order = posted.map((m) => (m.type === 'status' ? (m.text ? 'notice' : 'cleared') : m.type === 'delta' ? 'delta' : '')).filter(Boolean);
        assert.deepEqual(order.slice(0, 3), ['notice', 'cleared', 'delta'], 'the notice goes before the first text arrives');
        assert.equal(doneMessages(posted)[0].message.text, ANSWER);
      });

      it('Stop while a 429 retry waits ends the wait at once, with no further request', async () => {
        const endpoint = ENDPOINTS.find((e) => e.format === format)!;
        const waitForStop = (_ms: number, signal: AbortSignal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
        const { controller, surface, posted } = chatSetup(slot, fake.url, transport([], { sleep: waitForStop }));
        fake.enqueue(rateLimited(wire, endpoint, { 'retry-after': '30' }), answerReply(wire, 'never asked'));
        await controller.handle({ type: 'ready' }, surface);
        await controller.handle({ type: 'send', text: 'Hello', images: [] }, surface);
        await until(() => posted.some((m) => m.type === 'status' && m.text.includes('retrying in 30 s')), 'the retry notice');
        // The wait ends only through its signal (waitForStop), so returning at all proves Stop ended it.
        await controller.handle({ type: 'stop' }, surface);
        assert.equal(controller.busy, false);
        const final = doneMessages(posted)[0].message;
        assert.equal(final.finish, 'stopped');
        assert.equal(final.error, undefined);
        assert.equal(fake.requests.length, 1);
      });

      for (const [when, reply, expectText] of [
        ['mid-answer', partialReply(wire, [{ stall: true }]), PARTIAL],
        ['before the first byte', stalledHead(), ''],
      ] as const) {
        it(`Stop ${when} closes the socket at the fake and keeps what arrived`, async () => {
          // No timeout fires for ten minutes and the fake stalls for good: a closed socket was closed by Stop.
          const { controller, surface, posted } = chatSetup(slot, fake.url, transport([], { firstByteTimeoutMs: 600_000, idleTimeoutMs: 600_000 }));
          fake.enqueue(reply);
          await controller.handle({ type: 'ready' }, surface);
          await controller.handle({ type: 'send', text: 'Write a long story', images: [] }, surface);
          const [request] = await fake.waitForRequests(1);
          // Stop once everything the fake sent before stalling is on screen, so "keeps what arrived" is exact.
          const shown = () => posted.flatMap((m) => (m.type === 'delta' && m.kind === 'text' ? [m.text] : [])).join('');
          if (expectText) await until(() => shown() === expectText, 'the text sent before the stall');
          await controller.handle({ type: 'stop' }, surface);
          await within(request.closed, 30_000, 'the socket closing');
          assert.equal(controller.busy, false);
          const final = doneMessages(posted)[0].message;
          assert.equal(final.text, expectText);
          assert.equal(final.finish, 'stopped');
          assert.equal(final.error, undefined, 'a Stop is not an error');
          assert.equal(fake.requests.length, 1, 'Stop is not followed by a retry');
        });
      }
    });
  }
});
