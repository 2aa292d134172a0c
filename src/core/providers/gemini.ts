// Gemini's streamGenerateContent?alt=sse, for every endpoint kind that speaks it (endpointKinds.ts: the Gemini API,
// Vertex AI with a token or an express key, an aggregator's Gemini-native route). The stream has no [DONE]: it
// ends when the connection closes.

import { authHeader, routeFor, type KindSpeaking } from './endpointKinds';
import { protocolError, streamError, type ErrorContext } from './errors';
import { getJson, streamRequest, type HttpRequest, type TransportOptions } from './http';
import { parseGeminiModels, parseVertexModels } from './modelCatalog';
import { ChunkBatch } from '../stream/deltas';
import type { SseItem } from '../stream/sse';
import type { ChatMessage, Chunk, FinishReason, ModelInfo, ModelProvider, ModelRequest, Usage } from './types';

/** A list longer than this many pages is cut: a picker of thousands of models helps nobody. */
const MAX_MODEL_PAGES = 10;

export type GeminiEndpointKind = KindSpeaking<'gemini'>;

export interface GeminiConfig {
  readonly kind: GeminiEndpointKind;
  readonly baseUrl: string;
  readonly secret?: string;
  readonly vertexProject?: string;
  readonly vertexLocation?: string;
  readonly context: ErrorContext;
  readonly transport: TransportOptions;
}

interface GeminiPart {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  inlineData?: { mimeType: string; data: string };
}

/** What a Gemini answer leaves for the next turn: its parts as received, signatures included. */
export interface GeminiProviderState {
  readonly geminiParts: readonly GeminiPart[];
}

const FINISH: Readonly<Record<string, FinishReason>> = {
  STOP: 'stop',
  MAX_TOKENS: 'length',
  SAFETY: 'safety',
  PROHIBITED_CONTENT: 'safety',
  BLOCKLIST: 'safety',
  SPII: 'safety',
  IMAGE_SAFETY: 'safety',
  RECITATION: 'recitation',
};

export function geminiUrl(config: GeminiConfig, model: string, method: 'streamGenerateContent'): string {
  const base = config.baseUrl.replace(/\/+$/, '');
  const id = encodeURIComponent(model);
  switch (geminiRoute(config).path) {
    case 'vertexProject': {
      const project = encodeURIComponent(config.vertexProject ?? '');
      const location = encodeURIComponent(config.vertexLocation ?? 'global');
      return `${base}/v1/projects/${project}/locations/${location}/publishers/google/models/${id}:${method}?alt=sse`;
    }
    case 'vertexPublisher':
      return `${base}/v1/publishers/google/models/${id}:${method}?alt=sse`;
    default:
      return `${base}/v1beta/models/${id}:${method}?alt=sse`;
  }
}

/** The kind's Gemini path layout and key header; every GeminiEndpointKind has one (the type says so). */
function geminiRoute(config: GeminiConfig): NonNullable<ReturnType<typeof routeFor<'gemini'>>> {
  return routeFor(config.kind, 'gemini') ?? { wire: 'gemini', path: 'v1beta', auth: { header: 'x-goog-api-key' } };
}

function authHeaders(config: GeminiConfig): Record<string, string> {
  return authHeader(geminiRoute(config).auth, config.secret);
}

function modelParts(message: ChatMessage): GeminiPart[] {
  const text = message.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
  const state = message.providerState as Partial<GeminiProviderState> | undefined;
  // Signed parts go back exactly as received (thought parts where they were), but only if the answer parts are
  // still the whole answer.
  const parts = Array.isArray(state?.geminiParts) ? state.geminiParts : undefined;
  if (parts && parts.filter((p) => !p.thought).map((p) => p.text ?? '').join('') === text) return [...parts];
  return [{ text }];
}

export function geminiBody(request: ModelRequest): Record<string, unknown> {
  const contents = request.messages.map((message) =>
    message.role === 'assistant'
      ? { role: 'model', parts: modelParts(message) }
      : {
          role: 'user',
          parts: message.parts.map((p): GeminiPart => (p.kind === 'text' ? { text: p.text } : { inlineData: { mimeType: p.mimeType, data: p.data } })),
        },
  );
  const generationConfig: Record<string, unknown> = { maxOutputTokens: request.maxOutputTokens };
  if (request.thinkingLevel) generationConfig.thinkingConfig = { thinkingLevel: request.thinkingLevel, includeThoughts: true };
  const body: Record<string, unknown> = { contents, generationConfig };
  if (request.system) body.systemInstruction = { parts: [{ text: request.system }] };
  return body;
}

function toUsage(metadata: Record<string, unknown>): Usage {
  const n = (key: string) => (typeof metadata[key] === 'number' ? (metadata[key] as number) : 0);
  return { promptTokens: n('promptTokenCount'), outputTokens: n('candidatesTokenCount'), thoughtTokens: n('thoughtsTokenCount'), cachedTokens: n('cachedContentTokenCount') };
}

/** Adjacent unsigned answer parts are merged; signed parts (thought or answer) stay whole, where they came. */
function rememberPart(parts: GeminiPart[], part: GeminiPart): void {
  const last = parts[parts.length - 1];
  if (last && isMergeable(last) && isMergeable(part)) last.text += part.text ?? '';
  else parts.push({ ...part });
}

function isMergeable(part: GeminiPart): boolean {
  return !part.thoughtSignature && !part.thought && part.text !== undefined;
}

/** The biggest bare JSON error object worth waiting for; a longer run of stray lines is noise. */
const MAX_BARE_JSON_CHARS = 64 * 1024;

/**
 * Gemini sends a mid-stream error as a bare JSON object (no `data:`), possibly over several lines. Any other
 * line that is not an SSE field is ignored, as the SSE rules say: it must not turn a finished answer into an
 * error.
 */
class BareJsonError {
  private text = '';

  /** The error, once the stray lines add up to a JSON value that is one. */
  push(line: string): { message?: string; status?: string } | undefined {
    if (!this.text && !/^\s*[[{]/.test(line)) return undefined;
    this.text += `${line}\n`;
    let json: unknown;
    try {
      json = JSON.parse(this.text);
    } catch {
      if (this.text.length > MAX_BARE_JSON_CHARS) this.text = '';
      return undefined;
    }
    this.text = '';
    if (Array.isArray(json)) json = json[0];
    const error = (json as { error?: unknown } | null)?.error;
    return error && typeof error === 'object' ? (error as { message?: string; status?: string }) : undefined;
  }

  /** At the end of the stream: an error object cut short still says the answer failed. */
  end(): string | undefined {
    return /"error"\s*:/.test(this.text) ? this.text.trim() : undefined;
  }
}

export async function* decodeGeminiStream(batches: AsyncIterable<readonly SseItem[]>, context: ErrorContext): AsyncGenerator<Chunk> {
  let usageMetadata: Record<string, unknown> | undefined;
  let finish: FinishReason | undefined;
  let detail: string | undefined;
  const bare = new BareJsonError();
  const parts: GeminiPart[] = [];
  const out = new ChunkBatch();
  for await (const batch of batches) {
    for (const item of batch) {
      if (item.type === 'stray') {
        const error = bare.push(item.line);
        if (error) {
          out.push({ type: 'error', error: streamError(error.message, error.status, context) });
          yield* out.take();
          return;
        }
        continue;
      }
      const { data } = item.event;
      if (!data.trim()) continue;
      let json: Record<string, unknown>;
      try {
        const parsed = JSON.parse(data) as unknown;
        json = (Array.isArray(parsed) ? parsed[0] : parsed) as Record<string, unknown>;
      } catch {
        out.push({ type: 'error', error: protocolError('a stream event that is not JSON', context) });
        yield* out.take();
        return;
      }
      if (json?.error) {
        const error = json.error as { message?: string; status?: string };
        out.push({ type: 'error', error: streamError(error.message, error.status, context) });
        yield* out.take();
        return;
      }
      const blockReason = (json.promptFeedback as { blockReason?: string } | undefined)?.blockReason;
      if (blockReason) {
        finish = 'blocked';
        detail = blockReason;
      }
      const candidate = (json.candidates as Record<string, unknown>[] | undefined)?.[0];
      const content = candidate?.content as { parts?: GeminiPart[] } | undefined;
      for (const part of content?.parts ?? []) {
        if (part.thought) {
          if (part.text) out.delta('thought', part.text);
          // A signed thought is sent back; an unsigned summary is only shown.
          if (part.thoughtSignature) rememberPart(parts, part);
          continue;
        }
        if (part.text || part.thoughtSignature) rememberPart(parts, part);
        if (part.text) out.delta('text', part.text);
      }
      const reason = candidate?.finishReason;
      if (typeof reason === 'string' && reason !== 'FINISH_REASON_UNSPECIFIED') {
        finish = FINISH[reason] ?? 'other';
        detail = reason;
      }
      // Cumulative: the last one counts (read once, at the end).
      if (json.usageMetadata && typeof json.usageMetadata === 'object') usageMetadata = json.usageMetadata as Record<string, unknown>;
    }
    yield* out.take();
  }
  const cutError = bare.end();
  if (cutError) {
    yield { type: 'error', error: streamError(cutError, undefined, context) };
    return;
  }
  if (usageMetadata) yield { type: 'usage', usage: toUsage(usageMetadata) };
  const providerState: GeminiProviderState | undefined = parts.some((p) => p.thoughtSignature) ? { geminiParts: parts } : undefined;
  yield finish ? { type: 'finish', reason: finish, detail, providerState } : { type: 'finish', reason: 'truncated', detail: 'the stream ended without a finish reason' };
}

export class GeminiProvider implements ModelProvider {
  constructor(private readonly config: GeminiConfig) {}

  stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<Chunk> {
    const http: HttpRequest = {
      method: 'POST',
      url: geminiUrl(this.config, request.model, 'streamGenerateContent'),
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...authHeaders(this.config) },
      body: JSON.stringify(geminiBody(request)),
    };
    return streamRequest({ request: http, context: this.config.context, options: this.config.transport, decode: (items) => decodeGeminiStream(items, this.config.context) }, signal);
  }

  /** Gemini API models.list, or Vertex AI's publisher models; paged, up to MAX_MODEL_PAGES pages. */
  async listModels(signal: AbortSignal): Promise<ModelInfo[]> {
    const vertex = geminiRoute(this.config).path !== 'v1beta';
    const base = this.config.baseUrl.replace(/\/+$/, '');
    const models: ModelInfo[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_MODEL_PAGES; page++) {
      const next = pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : '';
      const url = vertex ? `${base}/v1beta1/publishers/google/models?pageSize=100${next}` : `${base}/v1beta/models?pageSize=1000${next}`;
      const result = await getJson({ method: 'GET', url, headers: { accept: 'application/json', ...authHeaders(this.config) } }, signal, this.config.transport, this.config.context);
      if (!result.ok) throw new Error(result.error.message);
      const parsed = vertex ? parseVertexModels(result.json) : parseGeminiModels(result.json);
      models.push(...parsed.models);
      pageToken = parsed.nextPageToken;
      if (!pageToken) break;
    }
    return models;
  }
}
