import { strict as assert } from 'node:assert';
import { buildCompletionPrompt } from '../../../src/core/completions/prompt';
import { estimateCost, requestCompletion } from '../../../src/core/completions/request';
import { DEFAULT_PRICES } from '../../../src/core/providers/price';
import type { Chunk, ModelProvider, ModelRequest } from '../../../src/core/providers/types';
import { docAt } from './helpers';

/** A provider that streams the given chunks and records whether its stream was stopped. */
function provider(chunks: Chunk[], onRequest?: (request: ModelRequest) => void): Pick<ModelProvider, 'stream'> & { stopped: () => boolean; read: () => number } {
  let signalSeen: AbortSignal | undefined;
  let read = 0;
  return {
    stopped: () => signalSeen?.aborted === true,
    read: () => read,
    async *stream(request, signal) {
      signalSeen = signal;
      onRequest?.(request);
      for (const chunk of chunks) {
        if (signal.aborted) return;
        read++;
        yield chunk;
      }
    },
  };
}

const usage: Chunk = { type: 'usage', usage: { promptTokens: 1_000, outputTokens: 10, thoughtTokens: 0, cachedTokens: 0 } };
const prompt = (source: string) => buildCompletionPrompt({ document: docAt(source) }, { model: 'gemini-3.1-flash-lite', family: 'gemini' });

describe('completion request', () => {
  it('streams, post-processes and prices a reply from the usage the provider reports', async () => {
    let sent: ModelRequest | undefined;
    const fake = provider([{ type: 'text', text: '```ts\nitems.' }, { type: 'text', text: 'length;\n```' }, usage, { type: 'finish', reason: 'stop' }], (r) => (sent = r));
    const result = await requestCompletion(fake, prompt('const n = <|>'), DEFAULT_PRICES.gemini, new AbortController().signal);
    assert.deepEqual(result.answer, { text: 'items.length;', replaceLength: 0 });
    assert.equal(result.costEstimated, false);
    assert.ok(Math.abs(result.costUsd - (1_000 * 0.25 + 10 * 1.5) / 1e6) < 1e-12);
    assert.equal(sent?.thinkingLevel, 'minimal');
  });

  it('closes the stream at the first complete line of a one-line suggestion and estimates the cost high', async () => {
    const fake = provider([{ type: 'text', text: 'items.length;' }, { type: 'text', text: '\nconsole.log(n);\n' }, { type: 'text', text: 'more();' }, usage]);
    const p = prompt('const n = <|>');
    const result = await requestCompletion(fake, p, DEFAULT_PRICES.gemini, new AbortController().signal);
    assert.deepEqual(result.answer, { text: 'items.length;', replaceLength: 0 });
    assert.equal(fake.read(), 2);
    assert.ok(fake.stopped());
    assert.equal(result.costEstimated, true);
    assert.ok(result.costUsd >= (p.promptTokens * 0.25) / 1e6);
  });

  it('does not stop at a fence or a lead-in line: only at a line of code', async () => {
    const fake = provider([{ type: 'text', text: 'Here is the completion:\n' }, { type: 'text', text: '```ts\n' }, { type: 'text', text: 'items.length;\n' }, usage]);
    const result = await requestCompletion(fake, prompt('const n = <|>'), DEFAULT_PRICES.gemini, new AbortController().signal);
    assert.deepEqual(result.answer, { text: 'items.length;', replaceLength: 0 });
    assert.equal(fake.read(), 3);
  });

  it('reads a block reply to its end', async () => {
    const fake = provider([{ type: 'text', text: 'return a +' }, { type: 'text', text: ' b;\n}' }, usage]);
    const result = await requestCompletion(fake, prompt('function add(a, b) {\n  <|>\n}\n'), DEFAULT_PRICES.gemini, new AbortController().signal);
    assert.deepEqual(result.answer, { text: 'return a + b;', replaceLength: 0 });
    assert.equal(fake.read(), 3);
  });

  it('reports errors as failed, rejections with their reason, and shows nothing once aborted', async () => {
    const failed = await requestCompletion(
      provider([{ type: 'error', error: { kind: 'quota', message: 'Quota exceeded.', action: 'none' } }]),
      prompt('const n = <|>'),
      DEFAULT_PRICES.gemini,
      new AbortController().signal,
    );
    assert.equal(failed.failed, true);
    assert.equal(failed.error?.kind, 'quota');
    assert.equal(failed.costUsd, 0, 'a refused request is not billed');
    const empty = await requestCompletion(provider([{ type: 'text', text: '   ' }, usage]), prompt('const n = <|>'), DEFAULT_PRICES.gemini, new AbortController().signal);
    assert.equal(empty.rejection, 'empty');
    assert.equal(empty.answer, undefined);
    const controller = new AbortController();
    controller.abort();
    const aborted = await requestCompletion(provider([{ type: 'text', text: 'x;' }]), prompt('const n = <|>'), DEFAULT_PRICES.gemini, controller.signal);
    assert.equal(aborted.answer, undefined);
    assert.ok(aborted.costUsd > 0, 'an aborted request is still counted against the cap');
  });

  it('survives a provider that throws, against its contract', async () => {
    const broken: Pick<ModelProvider, 'stream'> = {
      // eslint-disable-next-line require-yield
      async *stream() {
        throw new Error('socket hang up');
      },
    };
    const result = await requestCompletion(broken, prompt('const n = <|>'), DEFAULT_PRICES.gemini, new AbortController().signal);
    assert.equal(result.failed, true);
    assert.match(result.error!.message, /socket hang up/);
  });

  it('estimates GPT-5.3 Chat costs at its price, several times Gemini’s', () => {
    assert.ok(estimateCost(2_000, 60, DEFAULT_PRICES.gpt) > 5 * estimateCost(2_000, 60, DEFAULT_PRICES.gemini));
  });
});
