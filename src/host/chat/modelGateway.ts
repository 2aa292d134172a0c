import type { ModelOption } from '../../shared/protocol';
import type { ChatMessage, Chunk, ModelSlot, ThinkingLevel, Usage } from '../../core/providers/types';

/** What the chat needs from the model layer: nothing here knows a wire format, a key or a URL. */
export interface ModelGateway {
  models(): ModelOption[];
  label(slot: ModelSlot): string;
  stream(request: GatewayRequest, signal: AbortSignal): AsyncIterable<Chunk>;
  costUsd(slot: ModelSlot, usage: Usage): number;
}

export interface GatewayRequest {
  readonly slot: ModelSlot;
  readonly system: string;
  readonly messages: readonly ChatMessage[];
  readonly thinkingLevel: ThinkingLevel;
  /** A smaller output limit than the slot's setting (completions ask for one line). */
  readonly maxOutputTokens?: number;
}
