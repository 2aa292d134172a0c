// The one contract between model providers and everything above them. Nothing above a provider knows a
// wire format: it sends a ModelRequest and reads Chunks.

import type { ErrorAction, ErrorKind, FinishReason, ThinkingLevel } from '../vocabulary';

// The shared words are defined in core/vocabulary.ts; the provider contract speaks them, so it names them too.
export type { ErrorAction, ErrorKind, FinishReason, ModelSlot, ThinkingLevel } from '../vocabulary';

export interface ImagePart {
  readonly kind: 'image';
  readonly mimeType: string;
  /** Base64, no data: prefix. */
  readonly data: string;
}
export interface TextPart {
  readonly kind: 'text';
  readonly text: string;
}
export type MessagePart = TextPart | ImagePart;

export interface ChatMessage {
  readonly role: 'user' | 'assistant';
  readonly parts: readonly MessagePart[];
  /**
   * Opaque provider data that must be sent back unchanged in the next turn (Gemini's thoughtSignature parts).
   * Providers that do not need it ignore it.
   */
  readonly providerState?: unknown;
}

export interface ModelRequest {
  readonly model: string;
  readonly system?: string;
  readonly messages: readonly ChatMessage[];
  readonly maxOutputTokens: number;
  /** Gemini only; ignored by providers without reasoning controls. */
  readonly thinkingLevel?: ThinkingLevel;
}

export interface Usage {
  readonly promptTokens: number;
  readonly outputTokens: number;
  readonly thoughtTokens: number;
  readonly cachedTokens: number;
}

export interface ProviderErrorInfo {
  readonly kind: ErrorKind;
  /** Says what happened and what to do; already redacted of keys. */
  readonly message: string;
  readonly action: ErrorAction;
  readonly status?: number;
  /** Raw reason from the server (finishReason, blockReason, error code), for display and logs. */
  readonly reason?: string;
}

export type Chunk =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'thought'; readonly text: string }
  | { readonly type: 'usage'; readonly usage: Usage }
  /** The transport waits before trying again (nothing was shown yet): what to tell the user meanwhile. */
  | { readonly type: 'retrying'; readonly message: string; readonly kind: ErrorKind; readonly waitMs: number; readonly attempt: number; readonly attempts: number }
  | { readonly type: 'finish'; readonly reason: FinishReason; readonly detail?: string; readonly providerState?: unknown }
  | { readonly type: 'error'; readonly error: ProviderErrorInfo };

/** A model an endpoint lists, with the limits it states (see modelCatalog.ts). */
export interface ModelInfo {
  readonly id: string;
  readonly displayName?: string;
  readonly contextWindow?: number;
  readonly maxOutputTokens?: number;
}

export interface ModelProvider {
  /** Streams one answer. Never throws: failures arrive as an 'error' chunk, which is always the last. */
  stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<Chunk>;
  /** The models the endpoint offers (all pages). Rejects with the error's message. */
  listModels(signal: AbortSignal): Promise<ModelInfo[]>;
}
