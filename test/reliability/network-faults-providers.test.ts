// Reliability battery, network faults through the providers: one table of faults run against every wire format and
// endpoint kind, asserting the typed outcome, the text kept, the requests that reached the fake (= retries), and that
// no key appears in anything shown. The per-provider unit tests in test/unit/providers go deeper into each format.
import { strict as assert } from 'node:assert';
import type { TransportOptions } from '../../src/core/providers/http';
import type { Chunk, ErrorKind, FinishReason, ModelProvider, ModelRequest } from '../../src/core/providers/types';
import { FakeServer, type Reply, type Responder, type Step } from '../fakes/server';
import { encodeEvent, htmlReply, jsonReply, redirectReply, sseReply } from '../fakes/sse';
import {
  ANSWER,
  ENDPOINTS,
  MAX_RETRIES,
  PARTIAL,
  TIMEOUTS_UNDER_TEST,
  WIRES,
  answerReply,
  partialReply,
  rateLimited,
  stalledHead,
  transport,
  within,
  type Endpoint,
  type Format,
  type Wire,
} from '../support/networkFaults';

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

async function collect(provider: ModelProvider, model: string): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  for await (const chunk of provider.stream(request(model), new AbortController().signal)) chunks.push(chunk);
  return chunks;
}

const textOf = (chunks: readonly Chunk[]) => chunks.map((c) => (c.type === 'text' ? c.text : '')).join('');

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
