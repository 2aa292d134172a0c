// The OpenAI Chat Completions provider against a fake server: the exact request it sends, how it decodes the
// stream (framing, UTF-8, usage, finish reasons, mid-stream errors) and listing models. Failures: openaiFailures.test.ts.
import { strict as assert } from 'node:assert';
import { decodeOpenAIStream, openaiUrl, type OpenAIChatProvider } from '../../../src/core/providers/openaiChat';
import { readSse } from '../../../src/core/stream/sse';
import type { Chunk } from '../../../src/core/providers/types';
import type { Step } from '../../fakes/server';
import { openaiEvents, openaiInvalidKey, openaiMidStreamError, openaiModels, openaiReply } from '../../fakes/openai';
import { encodeEvent, htmlReply, sseReply } from '../../fakes/sse';
import { collect, conversationRequest, errorOf, last, openaiContext, simpleRequest, textOf } from './helpers';
import { KEY, MODEL, fake, provider, useFakeOpenAI } from './openaiFake';

const ANSWER = 'Héllo wörld — here is `code` and an emoji 🚀 across pieces.';

const finishOf = (chunks: readonly Chunk[]) => {
  const final = last(chunks);
  if (final?.type !== 'finish') throw new Error(`expected a finish chunk last, got ${JSON.stringify(final)}`);
  return final;
};

describe('OpenAI Chat Completions provider', () => {
  useFakeOpenAI();

  describe('request', () => {
    it('sends the exact Chat Completions request: path, Bearer key, content type, body', async () => {
      fake.enqueue(openaiReply({ text: 'ok' }));
      await collect(provider(), conversationRequest(MODEL, 16384, 'high'));
      const [request] = fake.requests;
      assert.equal(request.method, 'POST');
      assert.equal(request.url, '/v1/chat/completions');
      assert.equal(request.headers.authorization, `Bearer ${KEY}`);
      assert.equal(request.headers['content-type'], 'application/json');
      assert.equal(request.headers.accept, 'text/event-stream');
      assert.ok(!request.url.includes(KEY), 'the key is never in the URL');
      assert.deepEqual(request.json(), {
        model: MODEL,
        messages: [
          { role: 'developer', content: 'Be brief.' },
          { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }] },
          { role: 'assistant', content: 'A logo.' },
          { role: 'user', content: 'Thanks' },
        ],
        stream: true,
        stream_options: { include_usage: true },
        max_completion_tokens: 16384,
      });
      const body = request.json();
      for (const field of ['max_tokens', 'temperature', 'top_p', 'stop', 'reasoning_effort']) assert.equal(field in body, false, `${field} is never sent by default`);
    });

    it('sends opt-in extra body params, which never override the fields Tandem sets', async () => {
      fake.enqueue(openaiReply({ text: 'ok' }));
      await collect(provider({ extraBody: { temperature: 0.2, top_p: 0.9, model: 'hijacked', stream: false } }), simpleRequest(MODEL));
      const body = fake.requests[0].json();
      assert.equal(body.temperature, 0.2);
      assert.equal(body.top_p, 0.9);
      assert.equal(body.model, MODEL);
      assert.equal(body.stream, true);
    });

    it('keeps a compatible base URL that already ends in /v1, and a trailing slash', async () => {
      fake.enqueue(openaiReply({ text: 'ok' }), openaiReply({ text: 'ok' }));
      await collect(provider({ baseUrl: `${fake.url}/v1` }), simpleRequest(MODEL));
      await collect(provider({ baseUrl: `${fake.url}/` }), simpleRequest(MODEL));
      assert.deepEqual(fake.requests.map((r) => r.url), ['/v1/chat/completions', '/v1/chat/completions']);
    });

    it('builds the CometAPI and OpenAI URLs', () => {
      assert.equal(openaiUrl('https://api.cometapi.com', 'chat/completions'), 'https://api.cometapi.com/v1/chat/completions');
      assert.equal(openaiUrl('https://api.cometapi.com/v1/', 'models'), 'https://api.cometapi.com/v1/models');
      assert.equal(openaiUrl('https://api.openai.com', 'chat/completions'), 'https://api.openai.com/v1/chat/completions');
      assert.equal(openaiUrl('http://localhost:11434/v1', 'chat/completions'), 'http://localhost:11434/v1/chat/completions');
    });

    it('sends a CometAPI sk- key as Bearer, and no Authorization header without a key', async () => {
      fake.enqueue(openaiReply({ text: 'ok' }), openaiReply({ text: 'ok' }));
      await collect(provider({ secret: 'sk-comet-key-123456789' }), simpleRequest(MODEL));
      await collect(provider({ secret: undefined }), simpleRequest(MODEL));
      assert.equal(fake.requests[0].headers.authorization, 'Bearer sk-comet-key-123456789');
      assert.equal(fake.requests[1].headers.authorization, undefined);
    });

    it('refuses plain http to a non-loopback host and a key with a line break', async () => {
      const remote = errorOf(await collect(provider({ baseUrl: 'http://example.com/v1' }), simpleRequest(MODEL)));
      assert.match(remote.message, /plain http is allowed only for 127\.0\.0\.1 or localhost/);
      const injected = errorOf(await collect(provider({ secret: 'sk-evil\r\nX-Injected: 1' }), simpleRequest(MODEL)));
      assert.match(injected.message, /line break/);
      assert.equal(fake.requests.length, 0);
    });
  });

  describe('stream decoding', () => {
    it('decodes text, the final usage chunk (prompt, output, cached) and the finish reason', async () => {
      fake.enqueue(openaiReply({ text: ANSWER, promptTokens: 40, cachedTokens: 32 }));
      const chunks = await collect(provider(), simpleRequest(MODEL));
      assert.equal(textOf(chunks), ANSWER);
      assert.equal(chunks.filter((c) => c.type === 'thought').length, 0);
      const usage = chunks.filter((c) => c.type === 'usage');
      assert.equal(usage.length, 1);
      assert.deepEqual(usage[0].type === 'usage' && usage[0].usage, { promptTokens: 40, outputTokens: Math.ceil(ANSWER.length / 4), thoughtTokens: 0, cachedTokens: 32 });
      assert.deepEqual(last(chunks), { type: 'finish', reason: 'stop', detail: 'stop' });
      assert.equal(chunks.filter((c) => c.type === 'finish').length, 1);
    });

    for (const [name, framing] of [
      ['LF', { eol: '\n' }],
      ['CRLF', { eol: '\r\n' }],
      ['lone CR', { eol: '\r' }],
      ['every byte on its own (LF)', { split: 'byte' }],
      ['every byte on its own (CRLF split across chunks)', { eol: '\r\n', split: 'byte' }],
      ['every byte on its own (lone CR)', { eol: '\r', split: 'byte' }],
      ['3-byte pieces', { eol: '\r\n', split: 3 }],
      ['keep-alive comments', { keepAlive: true }],
      ['keep-alive comments, CRLF, byte by byte', { eol: '\r\n', keepAlive: true, split: 'byte' }],
      ['no trailing newline after [DONE]', { noTrailingNewline: true }],
    ] as const) {
      it(`reads the stream with ${name}`, async () => {
        fake.enqueue(openaiReply({ text: ANSWER, pieceSize: 1 }, framing));
        const chunks = await collect(provider(), simpleRequest(MODEL));
        assert.equal(textOf(chunks), ANSWER);
        assert.deepEqual(last(chunks), { type: 'finish', reason: 'stop', detail: 'stop' });
      });
    }

    it('decodes UTF-8 characters split across network chunks', async () => {
      const text = 'é🚀中';
      const bytes = new TextEncoder().encode(openaiEvents({ text, pieceSize: 4 }).map((e) => encodeEvent(e, '\n')).join(''));
      // Cut inside every multibyte character: after the first byte of é, inside the emoji, inside 中.
      const cuts = [bytes.indexOf(0xc3) + 1, bytes.indexOf(0xf0) + 2, bytes.indexOf(0xe4) + 1];
      const steps: Step[] = [];
      let from = 0;
      for (const cut of [...cuts, bytes.length]) {
        steps.push({ write: bytes.subarray(from, cut) }, { delayMs: 5 });
        from = cut;
      }
      fake.enqueue({ status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8' }, steps });
      const chunks = await collect(provider(), simpleRequest(MODEL));
      assert.equal(textOf(chunks), text);
      assert.ok(!textOf(chunks).includes('\ufffd'));
    });

    it('joins multi-line data fields and ignores id/retry fields', async () => {
      const json = JSON.stringify({ choices: [{ index: 0, delta: { content: 'multi' }, finish_reason: 'stop' }] }, null, 2);
      fake.enqueue(sseReply([{ data: json, id: '7' }, { raw: 'retry: 1000\n\n' }, '[DONE]']));
      const chunks = await collect(provider(), simpleRequest(MODEL));
      assert.equal(textOf(chunks), 'multi');
      assert.equal(finishOf(chunks).reason, 'stop');
    });

    it('accepts a stream without [DONE] that has a finish reason', async () => {
      fake.enqueue(openaiReply({ text: ANSWER, noDone: true }));
      const chunks = await collect(provider(), simpleRequest(MODEL));
      assert.equal(textOf(chunks), ANSWER);
      assert.equal(chunks.filter((c) => c.type === 'usage').length, 1);
      assert.deepEqual(last(chunks), { type: 'finish', reason: 'stop', detail: 'stop' });
    });

    it('shows delta.refusal as the answer\'s refusal', async () => {
      const base = { id: 'chatcmpl-x', object: 'chat.completion.chunk', created: 1, model: MODEL };
      const delta = (d: Record<string, unknown>, finish: string | null = null) => JSON.stringify({ ...base, choices: [{ index: 0, delta: d, finish_reason: finish }] });
      fake.enqueue(sseReply([delta({ role: 'assistant', content: null, refusal: '' }), delta({ refusal: 'I can\'t help ' }), delta({ refusal: 'with that.' }), delta({}, 'stop'), '[DONE]']));
      const chunks = await collect(provider(), simpleRequest(MODEL));
      assert.equal(textOf(chunks), 'I can\'t help with that.');
      assert.deepEqual(last(chunks), { type: 'finish', reason: 'refusal', detail: 'refusal' });
    });

    it('decodes a network chunk of many events into one text delta (one async step per chunk, not per event)', async () => {
      const body = openaiEvents({ text: 'y'.repeat(400), pieceSize: 4 }).map((e) => encodeEvent(e, '\n')).join('');
      async function* oneChunk() {
        yield new TextEncoder().encode(body);
      }
      const chunks: Chunk[] = [];
      for await (const chunk of decodeOpenAIStream(readSse(oneChunk()), openaiContext)) chunks.push(chunk);
      assert.deepEqual(chunks.map((c) => c.type), ['text', 'usage', 'finish']);
      assert.equal(textOf(chunks), 'y'.repeat(400));
    });

    it('treats EOF without a finish reason as truncated and keeps the text', async () => {
      fake.enqueue(openaiReply({ text: 'partial answer', finishReason: null }));
      const chunks = await collect(provider(), simpleRequest(MODEL));
      assert.equal(textOf(chunks), 'partial answer');
      assert.equal(finishOf(chunks).reason, 'truncated');
      assert.equal(fake.requests.length, 1);
    });

    it('keeps the partial text when the connection drops mid-answer, without retrying', async () => {
      // The delay lets the client read the text before the drop (an errored body discards what it had queued).
      fake.enqueue(openaiReply({ text: 'cut off here' }, { destroyAfter: 3, delayMs: 20 }));
      const chunks = await collect(provider(), simpleRequest(MODEL));
      assert.equal(textOf(chunks), 'cut off here');
      const final = last(chunks);
      assert.ok(final.type === 'error' || (final.type === 'finish' && final.reason === 'truncated'), JSON.stringify(final));
      assert.equal(fake.requests.length, 1, 'no silent retry after text streamed');
    });

    it('reports finish_reason length (continue) and content_filter (safety)', async () => {
      fake.enqueue(openaiReply({ text: 'cut', finishReason: 'length' }), openaiReply({ text: 'x', finishReason: 'content_filter' }));
      assert.deepEqual(last(await collect(provider(), simpleRequest(MODEL))), { type: 'finish', reason: 'length', detail: 'length' });
      assert.deepEqual(last(await collect(provider(), simpleRequest(MODEL))), { type: 'finish', reason: 'safety', detail: 'content_filter' });
    });

    for (const form of ['data', 'event'] as const) {
      it(`turns a mid-stream error (${form === 'data' ? 'data: {error}' : 'event: error'}) into an error after the partial text, without retrying`, async () => {
        fake.enqueue(openaiMidStreamError('Half of the answer', form), openaiReply({ text: 'should not be asked for' }));
        const chunks = await collect(provider(), simpleRequest(MODEL));
        assert.equal(textOf(chunks), 'Half of the answer');
        const error = errorOf(chunks);
        assert.equal(error.kind, 'server');
        assert.equal(error.action, 'retry');
        assert.equal(error.reason, 'server_error');
        assert.match(error.message, /The server had an error while processing your request/);
        assert.match(error.message, /partial answer is kept/);
        assert.equal(fake.requests.length, 1, 'no silent retry after text streamed');
      });
    }

    it('retries a mid-stream error that came before any text', async () => {
      fake.enqueue(sseReply([{ event: 'error', data: JSON.stringify({ error: { message: 'overloaded', type: 'server_error' } }) }]), openaiReply({ text: 'second try' }));
      const chunks = await collect(provider(), simpleRequest(MODEL));
      assert.equal(textOf(chunks), 'second try');
      assert.equal(fake.requests.length, 2);
    });

    it('decodes a huge answer (5 MB) intact', async function () {
      this.timeout(30_000);
      const line = 'const résumé = "🚀 streaming"; // a realistic line of code\n';
      const text = line.repeat(Math.ceil((5 * 1024 * 1024) / line.length));
      fake.enqueue(openaiReply({ text, pieceSize: 700 }));
      const chunks = await collect(provider(), simpleRequest(MODEL));
      const received = textOf(chunks);
      assert.equal(received.length, text.length);
      assert.ok(received === text, 'the 5 MB answer arrives byte for byte');
      assert.equal(finishOf(chunks).reason, 'stop');
    });
  });

  describe('listModels', () => {
    it('lists models from GET /v1/models with the Bearer key', async () => {
      fake.enqueue(openaiModels(['gpt-5.3-chat-latest', 'gpt-5.5']), openaiModels(['llama3']));
      const ids = async (p: OpenAIChatProvider) => (await p.listModels(new AbortController().signal)).map((m) => m.id);
      assert.deepEqual(await ids(provider()), ['gpt-5.3-chat-latest', 'gpt-5.5']);
      assert.deepEqual(await ids(provider({ baseUrl: `${fake.url}/v1` })), ['llama3']);
      assert.equal(fake.requests[0].method, 'GET');
      assert.equal(fake.requests[0].url, '/v1/models');
      assert.equal(fake.requests[0].headers.authorization, `Bearer ${KEY}`);
      assert.equal(fake.requests[1].url, '/v1/models');
    });

    it('rejects with a typed message on 401 and on an HTML page', async () => {
      fake.enqueue(openaiInvalidKey(), htmlReply());
      await assert.rejects(provider().listModels(new AbortController().signal), /Tandem: Set API Key/);
      await assert.rejects(provider().listModels(new AbortController().signal), /Unexpected response from server/);
    });
  });
});
