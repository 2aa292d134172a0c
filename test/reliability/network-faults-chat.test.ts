// Reliability battery, network faults one level up: the chat controller with the real providers against the fake,
// through a minimal gateway. A failure mid-answer keeps the partial answer in the conversation and Retry gets a full
// one; a 429 retry shows its notice; Stop ends a wait and closes the socket at the fake (how soon: bench/cancel.ts).
import { strict as assert } from 'node:assert';
import type { TransportOptions } from '../../src/core/providers/http';
import type { ModelProvider, ModelSlot } from '../../src/core/providers/types';
import type { ChatHost } from '../../src/host/chat/chatController';
import type { GatewayRequest, ModelGateway } from '../../src/host/chat/modelGateway';
import type { Log } from '../../src/host/log';
import type { HostMessage } from '../../src/shared/protocol';
import { FakeServer } from '../fakes/server';
import { chatUnderTest } from '../support/chatUnderTest';
import {
  ANSWER,
  ENDPOINTS,
  GEMINI_MODEL,
  GPT_MODEL,
  PARTIAL,
  TIMEOUTS_UNDER_TEST,
  WIRES,
  answerReply,
  partialReply,
  rateLimited,
  stalledHead,
  transport,
  within,
} from '../support/networkFaults';

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
