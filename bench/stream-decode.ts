// Stream decode benchmark: SSE bytes → typed chunks through the real reader and decoders (readSse +
// decodeOpenAIStream / decodeGeminiStream), fed in 16 KB network chunks from ~20 MB bodies built by the fake
// servers' own event builders. Median of several runs after a warm-up. Goal: > 100 MB/s for each format.
import { decodeGeminiStream } from '../src/core/providers/gemini';
import { decodeOpenAIStream } from '../src/core/providers/openaiChat';
import type { ErrorContext } from '../src/core/providers/errors';
import type { Chunk } from '../src/core/providers/types';
import { readSse } from '../src/core/stream/sse';
import { geminiChunks } from '../test/fakes/gemini';
import { openaiEvents } from '../test/fakes/openai';
import { encodeEvent } from '../test/fakes/sse';
import { median } from './stats';
import type { BenchResult } from './types';

const TARGET_BYTES = 20 * 1024 * 1024;
const NETWORK_CHUNK = 16 * 1024;
const RUNS = 7;
const GOAL_MB_S = 100;

const context: ErrorContext = { providerName: 'bench', keyName: 'bench key', model: 'bench-model', modelSetting: 'tandem.bench.model' };

type Decoder = (items: ReturnType<typeof readSse>, context: ErrorContext) => AsyncIterable<Chunk>;

interface Format {
  readonly name: string;
  readonly body: Uint8Array;
  readonly text: string;
  readonly decode: Decoder;
}

/** An answer that looks like a real one: prose, code with quotes, backslashes, newlines, accents and an emoji. */
function answerText(approxChars: number): string {
  const block = [
    'Here is the fixed function — it now handles the empty case:\n\n',
    '```ts\nexport function parse(line: string): Record<string, string> {\n',
    '  const [key, value] = line.split("=");\n  if (!key) return {}; // rien à faire 🚀\n',
    '  return { [key.trim()]: value?.replace(/\\\\n/g, "\\n") ?? "" };\n}\n```\n\n',
    'The regex keeps escaped `\\n` sequences; tabs\tstay as they are.\n',
  ].join('');
  return block.repeat(Math.ceil(approxChars / block.length));
}

/** Grows the answer until the SSE body reaches the target size, using the fakes' real event framing. */
function buildBody(render: (text: string) => string): { body: Uint8Array; text: string } {
  let chars = 1024 * 1024;
  for (;;) {
    const text = answerText(chars);
    const body = new TextEncoder().encode(render(text));
    if (body.length >= TARGET_BYTES) return { body, text };
    chars = Math.ceil(chars * (TARGET_BYTES / body.length) * 1.02);
  }
}

function formats(): Format[] {
  // OpenAI: one delta of a few tokens per event, LF framing, final usage chunk and [DONE].
  const openai = buildBody((text) => openaiEvents({ text, pieceSize: 16 }).map((e) => encodeEvent(e, '\n')).join(''));
  // Gemini: bigger pieces, cumulative usageMetadata on every chunk, CRLF framing, no [DONE].
  const gemini = buildBody((text) => geminiChunks({ text, pieceSize: 48 }).map((c) => encodeEvent(JSON.stringify(c), '\r\n')).join(''));
  return [
    { name: 'OpenAI Chat Completions', ...openai, decode: decodeOpenAIStream },
    { name: 'Gemini streamGenerateContent', ...gemini, decode: decodeGeminiStream },
  ];
}

async function* network(body: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < body.length; i += NETWORK_CHUNK) yield body.subarray(i, i + NETWORK_CHUNK);
}

/** One full decode; returns seconds, and checks the answer came out intact. */
async function decodeOnce(format: Format): Promise<number> {
  const started = performance.now();
  const parts: string[] = [];
  let finished = false;
  for await (const chunk of format.decode(readSse(network(format.body)), context)) {
    if (chunk.type === 'text') parts.push(chunk.text);
    else if (chunk.type === 'finish') finished = chunk.reason === 'stop';
    else if (chunk.type === 'error') throw new Error(`${format.name}: ${chunk.error.message}`);
  }
  const seconds = (performance.now() - started) / 1000;
  if (!finished || parts.join('') !== format.text) throw new Error(`${format.name}: the decoded answer differs from the one sent`);
  return seconds;
}

/**
 * The floor no decoder goes below: V8's JSON.parse of the same events' data, already split out. It tells what
 * share of the decode is framing and Tandem's own work, and how fast this machine is today.
 */
async function parseFloorSeconds(format: Format): Promise<number[]> {
  const data: string[] = [];
  for await (const batch of readSse(network(format.body))) for (const item of batch) if (item.type === 'event' && item.event.data !== '[DONE]') data.push(item.event.data);
  const seconds: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const started = performance.now();
    for (const text of data) JSON.parse(text);
    if (run > 0) seconds.push((performance.now() - started) / 1000); // the first is the warm-up
  }
  return seconds;
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const rates: number[] = [];
  for (const format of formats()) {
    await decodeOnce(format); // warm-up: JIT, decoder tables
    const seconds: number[] = [];
    for (let i = 0; i < RUNS; i++) seconds.push(await decodeOnce(format));
    const mb = format.body.length / (1024 * 1024);
    const rate = mb / median(seconds);
    rates.push(rate);
    results.push({ name: `${format.name} decode, ${mb.toFixed(0)} MB in 16 KB chunks (median of ${RUNS})`, value: rate, unit: 'MB/s', goal: `> ${GOAL_MB_S} MB/s`, ok: rate > GOAL_MB_S });
    const floor = mb / median(await parseFloorSeconds(format));
    results.push({ name: `${format.name}: JSON.parse alone of the same events (the floor), and decode as a share of it: ${((100 * rate) / floor).toFixed(0)} %`, value: floor, unit: 'MB/s', goal: '(reported)', ok: true });
  }
  const slowest = Math.min(...rates);
  results.push({ name: 'slowest format vs goal', value: slowest / GOAL_MB_S, unit: '×', goal: '> 1×', ok: slowest > GOAL_MB_S });
  return results;
}

if (require.main === module) {
  void run().then((results) => {
    for (const r of results) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit} (goal ${r.goal}) ${r.ok ? 'OK' : 'MISSED'}`);
  });
}
