// Stop → socket closed at the server: the real providers against the fake server, each answer stalled after its
// first words, aborted as Stop does; the time until the fake sees its socket close. Median and max of 20 per
// wire format. Goal: < 100 ms (the tests only prove that Stop closes the socket).
import { GeminiProvider } from '../src/core/providers/gemini';
import { OpenAIChatProvider } from '../src/core/providers/openaiChat';
import type { ModelProvider } from '../src/core/providers/types';
import { geminiReply } from '../test/fakes/gemini';
import { openaiReply } from '../test/fakes/openai';
import { FakeServer, type Reply } from '../test/fakes/server';
import { fastTransport, geminiContext, openaiContext, simpleRequest } from '../test/unit/providers/helpers';
import { median } from './stats';
import type { BenchResult } from './types';

const RUNS = 20;
const GOAL_MS = 100;
const transport = fastTransport({ firstByteTimeoutMs: 600_000, idleTimeoutMs: 600_000 });

async function stopLatencies(fake: FakeServer, provider: ModelProvider, model: string, reply: () => Reply): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    fake.reset();
    fake.enqueue(reply());
    const controller = new AbortController();
    let stoppedAt = 0;
    for await (const chunk of provider.stream(simpleRequest(model), controller.signal)) {
      if (chunk.type === 'text' && !stoppedAt) {
        stoppedAt = performance.now() + performance.timeOrigin;
        controller.abort();
      }
    }
    samples.push((await fake.requests[0].closed) - stoppedAt);
  }
  return samples;
}

export async function run(): Promise<BenchResult[]> {
  const fake = await FakeServer.start();
  try {
    const text = 'First words, then the model stalls for good.';
    const formats: [string, ModelProvider, string, () => Reply][] = [
      ['OpenAI Chat Completions', new OpenAIChatProvider({ baseUrl: fake.url, secret: 'sk-bench', context: openaiContext, transport }), 'gpt-5.3-chat-latest', () => openaiReply({ text, pieceSize: 6 }, { stallAfter: 3 })],
      ['Gemini streamGenerateContent', new GeminiProvider({ kind: 'gemini', baseUrl: fake.url, secret: 'AIza-bench', context: geminiContext, transport }), 'gemini-3.1-flash-lite', () => geminiReply({ text, pieceSize: 6 }, { eol: '\r\n', stallAfter: 3 })],
    ];
    const results: BenchResult[] = [];
    for (const [name, provider, model, reply] of formats) {
      const samples = await stopLatencies(fake, provider, model, reply);
      const mid = median(samples);
      results.push({ name: `Stop → socket closed at the server, ${name} (median of ${RUNS}, max ${Math.max(...samples).toFixed(1)} ms)`, value: mid, unit: 'ms', goal: `< ${GOAL_MS} ms`, ok: mid < GOAL_MS });
    }
    return results;
  } finally {
    await fake.close();
  }
}

if (require.main === module) {
  void run().then((results) => {
    for (const r of results) console.log(`${r.name}: ${r.value.toFixed(1)} ${r.unit} (goal ${r.goal}) ${r.ok ? 'OK' : 'MISSED'}`);
  });
}
