// OpenAI Chat Completions streaming, for every endpoint kind that speaks it (endpointKinds.ts: OpenAI, aggregators
// and any OpenAI-compatible server).

import { authHeader, type AuthStyle } from './endpointKinds';
import { protocolError, streamError, type ErrorContext } from './errors';
import { getJson, streamRequest, type HttpRequest, type TransportOptions } from './http';
import { parseOpenAIModels } from './modelCatalog';
import { ChunkBatch } from '../stream/deltas';
import type { SseItem } from '../stream/sse';
import type { Chunk, FinishReason, ModelInfo, ModelProvider, ModelRequest, Usage } from './types';

export interface OpenAIChatConfig {
  readonly baseUrl: string;
  readonly secret?: string;
  /** How the key travels; `authorization: Bearer <key>` unless the endpoint kind says otherwise. */
  readonly auth?: AuthStyle;
  readonly context: ErrorContext;
  readonly transport: TransportOptions;
  /** Opt-in extra body fields (temperature etc. for compatible servers); never overrides the fields we set. */
  readonly extraBody?: Readonly<Record<string, unknown>>;
}

const BEARER: AuthStyle = { header: 'authorization', scheme: 'Bearer' };

const FINISH: Readonly<Record<string, FinishReason>> = { stop: 'stop', length: 'length', content_filter: 'safety', tool_calls: 'other', function_call: 'other' };

/** `https://api.openai.com` → `…/v1/chat/completions`; a base that already ends in /v1 (Ollama, vLLM) is kept. */
export function openaiUrl(baseUrl: string, path: 'chat/completions' | 'models'): string {
  const base = baseUrl.replace(/\/+$/, '');
  return /\/v1$/.test(base) ? `${base}/${path}` : `${base}/v1/${path}`;
}

export function openaiBody(request: ModelRequest, extraBody: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const messages: Record<string, unknown>[] = [];
  if (request.system) messages.push({ role: 'developer', content: request.system });
  for (const message of request.messages) {
    if (message.role === 'assistant') {
      messages.push({ role: 'assistant', content: message.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('') });
      continue;
    }
    const hasImage = message.parts.some((p) => p.kind === 'image');
    messages.push({
      role: 'user',
      content: hasImage
        ? message.parts.map((p) => (p.kind === 'text' ? { type: 'text', text: p.text } : { type: 'image_url', image_url: { url: `data:${p.mimeType};base64,${p.data}` } }))
        : message.parts.map((p) => (p.kind === 'text' ? p.text : '')).join(''),
    });
  }
  return {
    ...extraBody,
    model: request.model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
    max_completion_tokens: request.maxOutputTokens,
  };
}

function toUsage(usage: Record<string, unknown>): Usage {
  const n = (value: unknown) => (typeof value === 'number' ? value : 0);
  const details = (usage.prompt_tokens_details ?? {}) as Record<string, unknown>;
  return { promptTokens: n(usage.prompt_tokens), outputTokens: n(usage.completion_tokens), thoughtTokens: 0, cachedTokens: n(details.cached_tokens) };
}

export async function* decodeOpenAIStream(batches: AsyncIterable<readonly SseItem[]>, context: ErrorContext): AsyncGenerator<Chunk> {
  let usage: Usage | undefined;
  let finish: FinishReason | undefined;
  let detail: string | undefined;
  let refused = false;
  let done = false;
  const out = new ChunkBatch();
  stream: for await (const batch of batches) {
    for (const item of batch) {
      if (item.type === 'stray') continue; // unknown SSE fields are ignored, as the spec says
      const { event, data } = item.event;
      if (data.trim() === '[DONE]') {
        done = true;
        yield* out.take();
        break stream;
      }
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(data) as Record<string, unknown>;
      } catch {
        const error = event === 'error' ? streamError(data, undefined, context) : protocolError('a stream event that is not JSON', context);
        out.push({ type: 'error', error });
        yield* out.take();
        return;
      }
      if (event === 'error' || json.error) {
        const error = (json.error ?? json) as { message?: string; code?: string; type?: string };
        out.push({ type: 'error', error: streamError(error.message, error.code ?? error.type, context) });
        yield* out.take();
        return;
      }
      const choice = (json.choices as Record<string, unknown>[] | undefined)?.[0];
      const delta = choice?.delta as { content?: string | null; reasoning_content?: string | null; refusal?: string | null } | undefined;
      if (delta?.reasoning_content) out.delta('thought', delta.reasoning_content);
      if (delta?.content) out.delta('text', delta.content);
      // The model declining: its words are the answer, and the answer ends as a refusal.
      if (delta?.refusal) {
        refused = true;
        out.delta('text', delta.refusal);
      }
      const reason = choice?.finish_reason;
      if (typeof reason === 'string') {
        finish = FINISH[reason] ?? 'other';
        detail = reason;
      }
      if (json.usage && typeof json.usage === 'object') usage = toUsage(json.usage as Record<string, unknown>);
    }
    yield* out.take();
  }
  if (usage) yield { type: 'usage', usage };
  if (refused) yield { type: 'finish', reason: 'refusal', detail: 'refusal' };
  else if (finish) yield { type: 'finish', reason: finish, detail };
  else yield { type: 'finish', reason: done ? 'other' : 'truncated', detail: done ? 'no finish reason' : 'the stream ended without a finish reason' };
}

export class OpenAIChatProvider implements ModelProvider {
  constructor(private readonly config: OpenAIChatConfig) {}

  private headers(accept: string): Record<string, string> {
    return { 'content-type': 'application/json', accept, ...authHeader(this.config.auth ?? BEARER, this.config.secret) };
  }

  stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<Chunk> {
    const http: HttpRequest = {
      method: 'POST',
      url: openaiUrl(this.config.baseUrl, 'chat/completions'),
      headers: this.headers('text/event-stream'),
      body: JSON.stringify(openaiBody(request, this.config.extraBody)),
    };
    return streamRequest({ request: http, context: this.config.context, options: this.config.transport, decode: (items) => decodeOpenAIStream(items, this.config.context) }, signal);
  }

  async listModels(signal: AbortSignal): Promise<ModelInfo[]> {
    const result = await getJson({ method: 'GET', url: openaiUrl(this.config.baseUrl, 'models'), headers: this.headers('application/json') }, signal, this.config.transport, this.config.context);
    if (!result.ok) throw new Error(result.error.message);
    return parseOpenAIModels(result.json);
  }
}
