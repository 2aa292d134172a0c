import { strict as assert } from 'node:assert';
import { decodeGeminiStream, GeminiProvider, type GeminiConfig } from '../../../src/core/providers/gemini';
import { readSse } from '../../../src/core/stream/sse';
import type { Chunk } from '../../../src/core/providers/types';
import { encodeEvent } from '../../fakes/sse';
import { geminiChunks } from '../../fakes/gemini';
import { FakeServer } from '../../fakes/server';
import { geminiError, geminiMidStreamError, geminiPromptBlocked, geminiRateLimited, geminiReply } from '../../fakes/gemini';
import { htmlReply, redirectReply, sseReply } from '../../fakes/sse';
import { collect, conversationRequest, errorOf, fastTransport, geminiContext, last, simpleRequest, textOf, thoughtsOf } from './helpers';

const KEY = geminiContext.secret!;
const MODEL = 'gemini-3.1-flash-lite';
const ANSWER = 'Héllo wörld — here is `code` and an emoji 🚀 across pieces.';

describe('Gemini provider', () => {
  let fake: FakeServer;
  before(async () => {
    fake = await FakeServer.start();
  });
  afterEach(() => fake.reset());
  after(() => fake.close());

  const provider = (overrides: Partial<GeminiConfig> = {}) =>
    new GeminiProvider({ kind: 'gemini', baseUrl: fake.url, secret: KEY, context: geminiContext, transport: fastTransport(), ...overrides });

  it('sends the exact request of the Gemini API: path, key header, body', async () => {
    fake.enqueue(geminiReply({ text: 'ok' }));
    await collect(provider(), conversationRequest(MODEL, 65536, 'low'));
    const [request] = fake.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.url, `/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`);
    assert.equal(request.headers['x-goog-api-key'], KEY);
    assert.equal(request.headers.authorization, undefined);
    assert.equal(request.headers['content-type'], 'application/json');
    assert.ok(!request.url.includes(KEY), 'the key is never in the query string');
    assert.deepEqual(request.json(), {
      contents: [
        { role: 'user', parts: [{ text: 'What is this?' }, { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }] },
        { role: 'model', parts: [{ text: 'A logo.' }] },
        { role: 'user', parts: [{ text: 'Thanks' }] },
      ],
      generationConfig: { maxOutputTokens: 65536, thinkingConfig: { thinkingLevel: 'low', includeThoughts: true } },
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
    });
    const body = request.json<{ generationConfig: Record<string, unknown> }>();
    assert.equal('thinkingBudget' in (body.generationConfig.thinkingConfig as object), false, 'never thinkingLevel and thinkingBudget together');
    assert.equal('temperature' in body.generationConfig, false, 'temperature left at its default for Gemini 3');
  });

  it('uses Vertex paths with a Bearer token, and express mode with a key', async () => {
    fake.enqueue(geminiReply({ text: 'ok' }), geminiReply({ text: 'ok' }), geminiReply({ text: 'ok' }));
    await collect(provider({ kind: 'vertex', secret: 'ya29.token-value', vertexProject: 'my-proj', vertexLocation: 'global' }), simpleRequest(MODEL));
    await collect(provider({ kind: 'vertexExpress' }), simpleRequest(MODEL));
    await collect(provider({ kind: 'cometapi', secret: 'sk-comet-key-123456789' }), simpleRequest(MODEL));
    const [vertex, express, comet] = fake.requests;
    assert.equal(vertex.url, `/v1/projects/my-proj/locations/global/publishers/google/models/${MODEL}:streamGenerateContent?alt=sse`);
    assert.equal(vertex.headers.authorization, 'Bearer ya29.token-value');
    assert.equal(vertex.headers['x-goog-api-key'], undefined);
    assert.equal(express.url, `/v1/publishers/google/models/${MODEL}:streamGenerateContent?alt=sse`);
    assert.equal(express.headers['x-goog-api-key'], KEY);
    assert.equal(comet.url, `/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`);
    assert.equal(comet.headers['x-goog-api-key'], 'sk-comet-key-123456789');
  });

  it('decodes text, thoughts, cumulative usage (last one) and the finish reason', async () => {
    fake.enqueue(geminiReply({ text: ANSWER, thoughts: 'Thinking about greetings.', promptTokens: 40, thoughtTokens: 25 }));
    const chunks = await collect(provider(), simpleRequest(MODEL, { thinkingLevel: 'high' }));
    assert.equal(textOf(chunks), ANSWER);
    assert.equal(thoughtsOf(chunks), 'Thinking about greetings.');
    const usage = chunks.filter((c) => c.type === 'usage');
    assert.equal(usage.length, 1);
    assert.deepEqual(usage[0].type === 'usage' && usage[0].usage, { promptTokens: 40, outputTokens: Math.ceil(ANSWER.length / 4), thoughtTokens: 25, cachedTokens: 0 });
    assert.deepEqual(last(chunks), { type: 'finish', reason: 'stop', detail: 'STOP', providerState: undefined });
  });

  it('reads the cached part of the prompt from usageMetadata.cachedContentTokenCount', async () => {
    fake.enqueue(geminiReply({ text: 'cached', promptTokens: 20_000, cachedTokens: 18_000 }));
    const usage = (await collect(provider(), simpleRequest(MODEL))).find((c) => c.type === 'usage');
    assert.deepEqual(usage?.type === 'usage' && usage.usage, { promptTokens: 20_000, outputTokens: 2, thoughtTokens: 0, cachedTokens: 18_000 });
  });

  for (const [name, framing] of [
    ['CRLF', { eol: '\r\n' }],
    ['LF', { eol: '\n' }],
    ['lone CR', { eol: '\r' }],
    ['every byte on its own (UTF-8 and CRLF split)', { eol: '\r\n', split: 'byte' }],
    ['3-byte pieces', { eol: '\r\n', split: 3 }],
    ['keep-alive comments', { eol: '\r\n', keepAlive: true }],
  ] as const) {
    it(`reads the stream with ${name}`, async () => {
      fake.enqueue(geminiReply({ text: ANSWER }, framing));
      const chunks = await collect(provider(), simpleRequest(MODEL));
      assert.equal(textOf(chunks), ANSWER);
      assert.equal(last(chunks).type === 'finish' && last(chunks).type, 'finish');
    });
  }

  it('drops a last event the body ends without closing (SSE rules): the answer is unfinished, its text so far kept', async () => {
    fake.enqueue(geminiReply({ text: 'one two three', pieceSize: 4 }, { eol: '\r\n', noTrailingNewline: true }));
    const chunks = await collect(provider(), simpleRequest(MODEL));
    assert.equal(textOf(chunks), 'one two thre');
    assert.deepEqual(last(chunks), { type: 'finish', reason: 'truncated', detail: 'the stream ended without a finish reason' });
  });

  it('joins multi-line data fields', async () => {
    const json = JSON.stringify({ candidates: [{ content: { parts: [{ text: 'multi' }] }, finishReason: 'STOP' }] }, null, 2);
    fake.enqueue(sseReply([{ data: json }]));
    const chunks = await collect(provider(), simpleRequest(MODEL));
    assert.equal(textOf(chunks), 'multi');
  });

  it('reports MAX_TOKENS as length, safety and recitation with their reason', async () => {
    fake.enqueue(geminiReply({ text: 'cut', finishReason: 'MAX_TOKENS' }), geminiReply({ text: 'x', finishReason: 'SAFETY' }), geminiReply({ text: 'y', finishReason: 'RECITATION' }));
    assert.deepEqual(last(await collect(provider(), simpleRequest(MODEL))), { type: 'finish', reason: 'length', detail: 'MAX_TOKENS', providerState: undefined });
    assert.deepEqual(last(await collect(provider(), simpleRequest(MODEL))), { type: 'finish', reason: 'safety', detail: 'SAFETY', providerState: undefined });
    assert.deepEqual(last(await collect(provider(), simpleRequest(MODEL))), { type: 'finish', reason: 'recitation', detail: 'RECITATION', providerState: undefined });
  });

  it('reports a blocked prompt with its reason', async () => {
    fake.enqueue(geminiPromptBlocked('PROHIBITED_CONTENT'));
    const chunks = await collect(provider(), simpleRequest(MODEL));
    assert.equal(textOf(chunks), '');
    assert.deepEqual(last(chunks), { type: 'finish', reason: 'blocked', detail: 'PROHIBITED_CONTENT', providerState: undefined });
  });

  it('treats EOF without a finish reason as truncated and keeps the text', async () => {
    fake.enqueue(geminiReply({ text: 'partial answer', finishReason: null }));
    const chunks = await collect(provider(), simpleRequest(MODEL));
    assert.equal(textOf(chunks), 'partial answer');
    assert.equal(last(chunks).type === 'finish' && (last(chunks) as { reason: string }).reason, 'truncated');
  });

  it('turns a bare-JSON mid-stream error into an error after the partial text, without retrying', async () => {
    fake.enqueue(geminiMidStreamError('Half of the answer'));
    const chunks = await collect(provider(), simpleRequest(MODEL));
    assert.equal(textOf(chunks), 'Half of the answer');
    const error = errorOf(chunks);
    assert.equal(error.kind, 'server');
    assert.match(error.message, /Internal error encountered/);
    assert.equal(fake.requests.length, 1, 'no silent retry after text streamed');
  });

  it('reports an event above the size cap as its own error kind, after the text so far, and does not retry it', async () => {
    const huge = `data: {"candidates":[{"content":{"parts":[{"text":"${'x'.repeat(17 * 1024 * 1024)}`;
    const before = geminiReply({ text: 'Before the flood', finishReason: null });
    fake.enqueue({ ...before, steps: [...before.steps, { write: huge }] }, geminiReply({ text: 'never asked' }));
    const chunks = await collect(provider(), simpleRequest(MODEL));
    assert.equal(textOf(chunks), 'Before the flood');
    const error = errorOf(chunks);
    assert.equal(error.kind, 'tooLarge');
    assert.match(error.message, /^The Gemini API sent a stream event larger than 16 MB/);
    assert.equal(fake.requests.length, 1);
  });

  it('reports an oversized first event without retrying it as a network error', async () => {
    fake.enqueue({ status: 200, headers: { 'content-type': 'text/event-stream' }, steps: [{ write: `data: ${'y'.repeat(17 * 1024 * 1024)}` }] }, geminiReply({ text: 'never asked' }));
    const chunks = await collect(provider(), simpleRequest(MODEL));
    assert.equal(errorOf(chunks).kind, 'tooLarge');
    assert.equal(chunks.some((c) => c.type === 'retrying'), false);
    assert.equal(fake.requests.length, 1, 'downloading the same stream again would not help');
  });

  for (const [where, at] of [['before the answer', 0], ['between its chunks', 2], ['after its finish and usage', Infinity]] as const) {
    it(`ignores an unknown line ${where}: a finished answer stays finished, with its usage`, async () => {
      const events: (string | { raw: string })[] = geminiChunks({ text: ANSWER, promptTokens: 33 }).map((c) => JSON.stringify(c));
      const index = Math.min(at, events.length);
      events.splice(index, 0, { raw: 'this is not an SSE field\r\n' }, { raw: '{"note": "a JSON line that is no error"}\r\n' }, { raw: ']\r\n' });
      fake.enqueue(sseReply(events, { eol: '\r\n' }));
      const chunks = await collect(provider(), simpleRequest(MODEL));
      assert.equal(textOf(chunks), ANSWER);
      const usage = chunks.find((c) => c.type === 'usage');
      assert.equal(usage?.type === 'usage' && usage.usage.promptTokens, 33, 'usage kept');
      assert.deepEqual(last(chunks), { type: 'finish', reason: 'stop', detail: 'STOP', providerState: undefined });
    });
  }

  it('ignores the start of a JSON value left unfinished at the end of a finished answer', async () => {
    const events: (string | { raw: string })[] = geminiChunks({ text: 'done' }).map((c) => JSON.stringify(c));
    events.push({ raw: '{"unfinished":\r\n' });
    fake.enqueue(sseReply(events, { eol: '\r\n' }));
    const chunks = await collect(provider(), simpleRequest(MODEL));
    assert.equal(last(chunks).type, 'finish');
  });

  it('keeps a thought signature carried on a thought part, and sends it back exactly where it came from', async () => {
    const chunk = (parts: Record<string, unknown>[], finishReason?: string) => JSON.stringify({ candidates: [{ content: { role: 'model', parts }, ...(finishReason ? { finishReason } : {}) }] });
    fake.enqueue(
      sseReply([
        chunk([{ text: 'Weighing the options.', thought: true, thoughtSignature: 'dGhvdWdodA==' }]),
        chunk([{ text: 'An unsigned summary.', thought: true }]),
        chunk([{ text: 'The answer ' }]),
        chunk([{ text: 'is 42.' }]),
        chunk([{ text: '', thoughtSignature: 'ZW5k' }], 'STOP'),
      ], { eol: '\r\n' }),
      geminiReply({ text: 'ok' }),
    );
    const first = await collect(provider(), simpleRequest(MODEL));
    assert.equal(textOf(first), 'The answer is 42.');
    assert.equal(thoughtsOf(first), 'Weighing the options.An unsigned summary.');
    const finish = last(first);
    assert.ok(finish.type === 'finish' && finish.providerState, 'the signatures are kept');
    await collect(provider(), simpleRequest(MODEL, {
      messages: [
        { role: 'user', parts: [{ kind: 'text', text: 'Hello' }] },
        { role: 'assistant', parts: [{ kind: 'text', text: 'The answer is 42.' }], providerState: finish.type === 'finish' ? finish.providerState : undefined },
        { role: 'user', parts: [{ kind: 'text', text: 'Why?' }] },
      ],
    }));
    const modelTurn = fake.requests[1].json<{ contents: { role: string; parts: Record<string, unknown>[] }[] }>().contents[1];
    assert.deepEqual(modelTurn.parts, [
      { text: 'Weighing the options.', thought: true, thoughtSignature: 'dGhvdWdodA==' },
      { text: 'The answer is 42.' },
      { text: '', thoughtSignature: 'ZW5k' },
    ]);
  });

  it('decodes a network chunk of many events into one text delta (one async step per chunk, not per event)', async () => {
    const body = geminiChunks({ text: 'x'.repeat(400), pieceSize: 8 }).map((c) => encodeEvent(JSON.stringify(c), '\r\n')).join('');
    async function* oneChunk() {
      yield new TextEncoder().encode(body);
    }
    const chunks: Chunk[] = [];
    for await (const chunk of decodeGeminiStream(readSse(oneChunk()), geminiContext)) chunks.push(chunk);
    assert.deepEqual(chunks.map((c) => c.type), ['text', 'usage', 'finish']);
    assert.equal(textOf(chunks), 'x'.repeat(400));
  });

  it('sends thought signatures back unchanged in the next turn', async () => {
    fake.enqueue(geminiReply({ text: 'Signed answer', thoughtSignature: 'c2lnbmF0dXJl' }), geminiReply({ text: 'ok' }));
    const first = await collect(provider(), simpleRequest(MODEL));
    const finish = last(first);
    assert.ok(finish.type === 'finish' && finish.providerState);
    await collect(provider(), simpleRequest(MODEL, {
      messages: [
        { role: 'user', parts: [{ kind: 'text', text: 'Hello' }] },
        { role: 'assistant', parts: [{ kind: 'text', text: 'Signed answer' }], providerState: finish.type === 'finish' ? finish.providerState : undefined },
        { role: 'user', parts: [{ kind: 'text', text: 'More' }] },
      ],
    }));
    const modelTurn = fake.requests[1].json<{ contents: { role: string; parts: Record<string, unknown>[] }[] }>().contents[1];
    assert.equal(modelTurn.role, 'model');
    assert.deepEqual(modelTurn.parts, [{ text: 'Signed a' }, { text: 'nswer', thoughtSignature: 'c2lnbmF0dXJl' }]);
  });

  it('retries a 429 honouring RetryInfo, then succeeds', async () => {
    const waits: number[] = [];
    fake.enqueue(geminiRateLimited('1.5s'), geminiReply({ text: 'after the wait' }));
    const chunks = await collect(provider({ transport: fastTransport({ sleep: async (ms) => void waits.push(ms) }) }), simpleRequest(MODEL));
    assert.equal(textOf(chunks), 'after the wait');
    assert.deepEqual(waits, [1500]);
    assert.equal(fake.requests.length, 2);
  });

  it('retries 500 and 503 with backoff, at most maxRetries times', async () => {
    fake.enqueue(...Array.from({ length: 5 }, () => geminiError(503, 'UNAVAILABLE', 'The model is overloaded.')));
    const chunks = await collect(provider({ transport: fastTransport({ maxRetries: 2 }) }), simpleRequest(MODEL));
    assert.equal(fake.requests.length, 3);
    const error = errorOf(chunks);
    assert.equal(error.kind, 'server');
    assert.equal(error.action, 'retry');
  });

  it('does not wait out a retry hint longer than the cap', async () => {
    fake.enqueue(geminiRateLimited('3600s'));
    const chunks = await collect(provider(), simpleRequest(MODEL));
    assert.equal(fake.requests.length, 1);
    assert.match(errorOf(chunks).message, /Wait about 3600 s/);
  });

  it('maps a rejected key (400 "API key not valid", array-wrapped) to auth with the Set API Key action, no retry', async () => {
    fake.enqueue(geminiError(400, 'INVALID_ARGUMENT', `API key not valid. Please pass a valid API key. (${KEY})`, [], true));
    const error = errorOf(await collect(provider(), simpleRequest(MODEL)));
    assert.equal(error.kind, 'auth');
    assert.equal(error.action, 'setKey');
    assert.equal(error.message, "Your Gemini API key was rejected by the Gemini API. Run 'Tandem: Set API Key'.");
    assert.equal(fake.requests.length, 1);
  });

  it('maps 403 to auth, 404 to model-not-found with Open Settings, never retrying', async () => {
    fake.enqueue(geminiError(403, 'PERMISSION_DENIED', 'Permission denied.'), geminiError(404, 'NOT_FOUND', 'models/x is not found'));
    const forbidden = errorOf(await collect(provider(), simpleRequest(MODEL)));
    const missing = errorOf(await collect(provider(), simpleRequest(MODEL)));
    assert.equal(forbidden.kind, 'auth');
    assert.equal(missing.kind, 'notFound');
    assert.equal(missing.action, 'openSettings');
    assert.match(missing.message, /tandem\.gemini\.model/);
    assert.equal(fake.requests.length, 2);
  });

  it('reports an HTML page with status 200 as an unexpected response', async () => {
    fake.enqueue(htmlReply());
    const error = errorOf(await collect(provider(), simpleRequest(MODEL)));
    assert.equal(error.kind, 'protocol');
    assert.match(error.message, /^Unexpected response from server: expected an event stream but got text\/html/);
  });

  it('does not follow a redirect with the key', async () => {
    const other = await FakeServer.start();
    try {
      fake.enqueue(redirectReply(`${other.url}/steal`));
      const error = errorOf(await collect(provider(), simpleRequest(MODEL)));
      assert.equal(error.kind, 'protocol');
      assert.equal(other.requests.length, 0, 'the other origin never saw a request');
    } finally {
      await other.close();
    }
  });

  it('refuses plain http to a non-loopback host and header values with line breaks', async () => {
    const remote = errorOf(await collect(provider({ baseUrl: 'http://example.com' }), simpleRequest(MODEL)));
    assert.match(remote.message, /plain http is allowed only for 127\.0\.0\.1 or localhost/);
    const injected = errorOf(await collect(provider({ secret: 'AIza-evil\r\nX-Injected: 1' }), simpleRequest(MODEL)));
    assert.match(injected.message, /line break/);
    assert.equal(fake.requests.length, 0);
  });

  it('lists models from models.list, every page, with their limits', async () => {
    const json = (body: unknown) => ({ status: 200, headers: { 'content-type': 'application/json' }, steps: [{ write: JSON.stringify(body) }] });
    fake.enqueue(
      json({ models: [{ name: 'models/gemini-3.1-flash-lite', inputTokenLimit: 1_048_576, outputTokenLimit: 65_536, supportedGenerationMethods: ['generateContent'] }], nextPageToken: 'p2' }),
      json({ models: [{ name: 'models/gemini-3.1-pro', supportedGenerationMethods: ['generateContent'] }, { name: 'models/embedding', supportedGenerationMethods: ['embedContent'] }] }),
    );
    const models = await provider().listModels(new AbortController().signal);
    assert.deepEqual(models.map((m) => [m.id, m.contextWindow]), [['gemini-3.1-flash-lite', 1_048_576], ['gemini-3.1-pro', undefined]]);
    assert.deepEqual(fake.requests.map((r) => r.url), ['/v1beta/models?pageSize=1000', '/v1beta/models?pageSize=1000&pageToken=p2']);
    assert.equal(fake.requests[0].headers['x-goog-api-key'], KEY);
  });

  it('lists Vertex AI publisher models with the Bearer token', async () => {
    fake.enqueue({ status: 200, headers: { 'content-type': 'application/json' }, steps: [{ write: JSON.stringify({ publisherModels: [{ name: 'publishers/google/models/gemini-3.1-flash-lite' }] }) }] });
    const models = await provider({ kind: 'vertex', secret: 'ya29.token-value', vertexProject: 'p', vertexLocation: 'global' }).listModels(new AbortController().signal);
    assert.deepEqual(models, [{ id: 'gemini-3.1-flash-lite' }]);
    assert.equal(fake.requests[0].url, '/v1beta1/publishers/google/models?pageSize=100');
    assert.equal(fake.requests[0].headers.authorization, 'Bearer ya29.token-value');
  });

  it('never shows the key in an error message', async () => {
    fake.enqueue(geminiError(400, 'INVALID_ARGUMENT', `Bad request for key ${KEY} and AIzaSyOTHER-key-1234567890123`));
    const error = errorOf(await collect(provider(), simpleRequest(MODEL)));
    assert.ok(!error.message.includes(KEY));
    assert.ok(!error.message.includes('AIzaSyOTHER'));
    assert.match(error.message, /\[redacted key\]/);
  });
});
