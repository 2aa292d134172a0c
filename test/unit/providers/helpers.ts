import type { ErrorContext } from '../../../src/core/providers/errors';
import type { TransportOptions } from '../../../src/core/providers/http';
import type { Chunk, ModelProvider, ModelRequest } from '../../../src/core/providers/types';

export const geminiContext: ErrorContext = { providerName: 'the Gemini API', keyName: 'Gemini API key', model: 'gemini-3.1-flash-lite', modelSetting: 'tandem.gemini.model', secret: 'AIzaSyTEST-secret-key-000000000000' };
export const openaiContext: ErrorContext = { providerName: 'OpenAI', keyName: 'OpenAI API key', model: 'gpt-5.3-chat-latest', modelSetting: 'tandem.gpt.model', secret: 'sk-test-secret-key-0000000000' };

/** Timeouts far above any test's wait (a test about a timeout sets its own): a loaded machine is not a fault. */
export const fastTransport = (overrides: Partial<TransportOptions> = {}): TransportOptions => ({
  firstByteTimeoutMs: 30_000,
  idleTimeoutMs: 30_000,
  maxRetries: 3,
  sleep: (ms, signal) => new Promise((resolve) => {
    const timer = setTimeout(resolve, Math.min(ms, 20));
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  }),
  ...overrides,
});

export const simpleRequest = (model: string, overrides: Partial<ModelRequest> = {}): ModelRequest => ({
  model,
  system: 'Be brief.',
  messages: [{ role: 'user', parts: [{ kind: 'text', text: 'Hello' }] }],
  maxOutputTokens: 1024,
  ...overrides,
});

/** A three-turn conversation with an image, as both exact-request tests send it. */
export const conversationRequest = (model: string, maxOutputTokens: number, thinkingLevel: ModelRequest['thinkingLevel']): ModelRequest => ({
  model,
  system: 'Be brief.',
  messages: [
    { role: 'user', parts: [{ kind: 'text', text: 'What is this?' }, { kind: 'image', mimeType: 'image/png', data: 'iVBORw0KGgo=' }] },
    { role: 'assistant', parts: [{ kind: 'text', text: 'A logo.' }] },
    { role: 'user', parts: [{ kind: 'text', text: 'Thanks' }] },
  ],
  maxOutputTokens,
  thinkingLevel,
});

export async function collect(provider: ModelProvider, request: ModelRequest, signal = new AbortController().signal): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  for await (const chunk of provider.stream(request, signal)) chunks.push(chunk);
  return chunks;
}

export const textOf = (chunks: readonly Chunk[]) => chunks.map((c) => (c.type === 'text' ? c.text : '')).join('');
export const thoughtsOf = (chunks: readonly Chunk[]) => chunks.map((c) => (c.type === 'thought' ? c.text : '')).join('');
export const last = (chunks: readonly Chunk[]) => chunks[chunks.length - 1];
export function errorOf(chunks: readonly Chunk[]) {
  const final = last(chunks);
  if (final?.type !== 'error') throw new Error(`expected an error chunk last, got ${JSON.stringify(final)}`);
  return final.error;
}
