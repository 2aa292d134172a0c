// The OpenAI Chat Completions provider when things go wrong: HTTP errors and their typed kinds, retries and wait
// hints, redirects, then Stop (the socket closes) and the first-byte and idle timeouts.
import { strict as assert } from 'node:assert';
import type { Chunk } from '../../../src/core/providers/types';
import { FakeServer, type Reply } from '../../fakes/server';
import { openaiError, openaiInvalidKey, openaiReply } from '../../fakes/openai';
import { htmlReply, redirectReply, sseReply } from '../../fakes/sse';
import { collect, errorOf, fastTransport, simpleRequest, textOf } from './helpers';
import { KEY, MODEL, fake, provider, useFakeOpenAI } from './openaiFake';

describe('OpenAI Chat Completions provider', () => {
  useFakeOpenAI();

  describe('errors', () => {
    it('maps 401 invalid_api_key to auth with the Set API Key action, never showing the key, no retry', async () => {
      fake.enqueue(openaiInvalidKey(), openaiError(401, { message: `Incorrect API key provided: ${KEY}.`, code: 'invalid_api_key' }));
      for (let i = 0; i < 2; i++) {
        const error = errorOf(await collect(provider(), simpleRequest(MODEL)));
        assert.equal(error.kind, 'auth');
        assert.equal(error.action, 'setKey');
        assert.equal(error.status, 401);
        assert.match(error.message, /Tandem: Set API Key/);
        assert.ok(!error.message.includes(KEY));
      }
      assert.equal(fake.requests.length, 2, 'each 401 is asked once');
    });

    it('redacts a key echoed in any error message', async () => {
      fake.enqueue(openaiError(400, { message: `Bad request for key ${KEY} and sk-other-key-1234567890`, code: 'invalid_value' }));
      const error = errorOf(await collect(provider(), simpleRequest(MODEL)));
      assert.equal(error.kind, 'badRequest');
      assert.ok(!error.message.includes(KEY));
      assert.ok(!error.message.includes('sk-other'));
      assert.match(error.message, /\[redacted key\]/);
    });

    it('maps 429 insufficient_quota to quota and never retries it, even with a wait hint', async () => {
      fake.enqueue(
        openaiError(429, { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', code: 'insufficient_quota' }, { 'retry-after': '1' }),
        openaiReply({ text: 'should not be asked for' }),
      );
      const error = errorOf(await collect(provider(), simpleRequest(MODEL)));
      assert.equal(error.kind, 'quota');
      assert.equal(error.reason, 'insufficient_quota');
      assert.equal(fake.requests.length, 1);
    });

    const rateLimited = (headers: Record<string, string>): Reply =>
      openaiError(429, { message: 'Rate limit reached for gpt-5.3-chat-latest on requests per min.', type: 'requests', code: 'rate_limit_exceeded' }, headers);

    for (const [name, headers, check] of [
      ['retry-after seconds', () => ({ 'retry-after': '2' }), (ms: number) => ms === 2000],
      ['retry-after-ms', () => ({ 'retry-after-ms': '250', 'retry-after': '9' }), (ms: number) => ms === 250],
      // The date is made when the test runs, not when the file loads: a busy machine may take seconds in between.
      ['retry-after HTTP date', () => ({ 'retry-after': new Date(Date.now() + 30_000).toUTCString() }), (ms: number) => ms > 25_000 && ms <= 30_000],
    ] as const) {
      it(`retries a 429 rate_limit_exceeded honouring ${name}, then succeeds`, async () => {
        const waits: number[] = [];
        fake.enqueue(rateLimited(headers()), openaiReply({ text: 'after the wait' }));
        const chunks = await collect(provider({ transport: fastTransport({ sleep: async (ms) => void waits.push(ms) }) }), simpleRequest(MODEL));
        assert.equal(textOf(chunks), 'after the wait');
        assert.equal(waits.length, 1);
        assert.ok(check(waits[0]), `waited ${waits[0]} ms`);
        assert.equal(fake.requests.length, 2);
      });
    }

    it('gives up on a rate limit after maxRetries and says how long to wait', async () => {
      fake.enqueue(...Array.from({ length: 4 }, () => rateLimited({ 'retry-after': '3' })));
      const error = errorOf(await collect(provider({ transport: fastTransport({ maxRetries: 2, sleep: async () => undefined }) }), simpleRequest(MODEL)));
      assert.equal(fake.requests.length, 3);
      assert.equal(error.kind, 'rate');
      assert.equal(error.action, 'retry');
      assert.match(error.message, /Wait about 3 s/);
    });

    it('maps 400 context_length_exceeded to context, no retry', async () => {
      fake.enqueue(openaiError(400, { message: "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.", param: 'messages', code: 'context_length_exceeded' }));
      const error = errorOf(await collect(provider(), simpleRequest(MODEL)));
      assert.equal(error.kind, 'context');
      assert.match(error.message, /gpt-5\.3-chat-latest/);
      assert.equal(fake.requests.length, 1);
    });

    it('maps 404 model_not_found to notFound naming the model setting', async () => {
      fake.enqueue(openaiError(404, { message: 'The model `gpt-5.3-chat-latest` does not exist or you do not have access to it.', code: 'model_not_found' }));
      const error = errorOf(await collect(provider(), simpleRequest(MODEL)));
      assert.equal(error.kind, 'notFound');
      assert.equal(error.action, 'openSettings');
      assert.match(error.message, /tandem\.gpt\.model/);
      assert.match(error.message, /"gpt-5\.3-chat-latest"/);
      assert.equal(fake.requests.length, 1);
    });

    it('retries 500 and 503 with backoff, then succeeds', async () => {
      const waits: number[] = [];
      fake.enqueue(
        openaiError(500, { message: 'The server had an error while processing your request.', type: 'server_error' }),
        openaiError(503, { message: 'The engine is currently overloaded, please try again later.', type: 'server_error' }),
        openaiReply({ text: 'third time lucky' }),
      );
      const chunks = await collect(provider({ transport: fastTransport({ sleep: async (ms) => void waits.push(ms) }) }), simpleRequest(MODEL));
      assert.equal(textOf(chunks), 'third time lucky');
      assert.equal(fake.requests.length, 3);
      assert.equal(waits.length, 2);
      assert.ok(waits[1] > waits[0], `backoff grows: ${waits.join(', ')}`);
    });

    it('respects x-should-retry: false on a 500', async () => {
      fake.enqueue(openaiError(500, { message: 'no', type: 'server_error' }, { 'x-should-retry': 'false' }), openaiReply({ text: 'should not be asked for' }));
      const error = errorOf(await collect(provider(), simpleRequest(MODEL)));
      assert.equal(error.kind, 'server');
      assert.equal(fake.requests.length, 1);
    });

    it('reports an HTML page with status 200 as an unexpected response (CometAPI wrong path)', async () => {
      fake.enqueue(htmlReply());
      const error = errorOf(await collect(provider(), simpleRequest(MODEL)));
      assert.equal(error.kind, 'protocol');
      assert.match(error.message, /^Unexpected response from server: expected an event stream but got text\/html/);
      assert.equal(fake.requests.length, 1);
    });

    it('reports a non-JSON data event as a protocol error', async () => {
      fake.enqueue(sseReply(['<html>oops</html>']));
      const error = errorOf(await collect(provider(), simpleRequest(MODEL)));
      assert.equal(error.kind, 'protocol');
    });

    it('does not follow a redirect to another origin, and the credential never reaches it', async () => {
      const other = await FakeServer.start();
      try {
        fake.enqueue(redirectReply(`${other.url}/v1/chat/completions`, 301), redirectReply(`${other.url}/v1/chat/completions`, 307));
        for (let i = 0; i < 2; i++) {
          const error = errorOf(await collect(provider(), simpleRequest(MODEL)));
          assert.equal(error.kind, 'protocol');
          assert.ok(!error.message.includes(KEY));
        }
        assert.equal(other.requests.length, 0, 'the other origin never saw a request');
        assert.equal(fake.requests.length, 2, 'no retry of a redirect');
      } finally {
        await other.close();
      }
    });
  });

  describe('cancellation and timeouts', () => {
    // The fake stalls for good and no timeout fires for ten minutes: a socket that closes was closed by Stop.
    // How soon is measured in bench/, not here.
    const noTimeouts = () => provider({ transport: fastTransport({ firstByteTimeoutMs: 600_000, idleTimeoutMs: 600_000 }) });

    it('Stop mid-stream closes the socket and ends with cancelled', async () => {
      fake.enqueue(openaiReply({ text: 'first words then nothing more', pieceSize: 5 }, { stallAfter: 3 }));
      const controller = new AbortController();
      const chunks: Chunk[] = [];
      for await (const chunk of noTimeouts().stream(simpleRequest(MODEL), controller.signal)) {
        chunks.push(chunk);
        if (chunk.type === 'text' && !controller.signal.aborted) controller.abort();
      }
      await fake.requests[0].closed;
      assert.equal(errorOf(chunks).kind, 'cancelled');
      assert.equal(fake.requests.length, 1);
    });

    it('Stop before the first byte closes the socket and ends with cancelled', async () => {
      fake.enqueue(sseReply([], { stallAfter: 0 }));
      const controller = new AbortController();
      const iterator = noTimeouts().stream(simpleRequest(MODEL), controller.signal)[Symbol.asyncIterator]();
      const next = iterator.next();
      const [request] = await fake.waitForRequests(1);
      controller.abort();
      const first = await next;
      await request.closed;
      assert.ok(!first.done && first.value.type === 'error' && first.value.error.kind === 'cancelled', JSON.stringify(first));
    });

    it('times out when the first byte never comes, retrying then saying so', async () => {
      fake.enqueue(sseReply([], { stallAfter: 0 }), sseReply([], { stallAfter: 0 }));
      const chunks = await collect(provider({ transport: fastTransport({ firstByteTimeoutMs: 150, maxRetries: 1 }) }), simpleRequest(MODEL));
      const error = errorOf(chunks);
      assert.equal(error.kind, 'timeout');
      assert.match(error.message, /did not start answering/);
      assert.match(error.message, /tandem\.network\.firstByteTimeoutSeconds/);
      assert.equal(fake.requests.length, 2);
      const closed = await Promise.all(fake.requests.map((r) => r.closed));
      assert.equal(closed.length, 2, 'both stalled sockets were closed');
    });

    it('times out when the stream goes idle, keeping the partial text, without retrying', async () => {
      fake.enqueue(openaiReply({ text: 'some words and then silence', pieceSize: 5 }, { stallAfter: 4 }), openaiReply({ text: 'should not be asked for' }));
      const chunks = await collect(provider({ transport: fastTransport({ idleTimeoutMs: 150 }) }), simpleRequest(MODEL));
      assert.equal(textOf(chunks), 'some words and then silence'.slice(0, 15));
      const error = errorOf(chunks);
      assert.equal(error.kind, 'timeout');
      assert.match(error.message, /stopped sending/);
      assert.match(error.message, /tandem\.network\.idleTimeoutSeconds/);
      assert.equal(fake.requests.length, 1);
      await fake.requests[0].closed;
    });
  });
});
