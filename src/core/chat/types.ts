import type { ErrorView, ImageAttachment, UsageView } from '../../shared/protocol';
import type { FinishReason, ModelSlot } from '../providers/types';

export interface StoredMessage {
  readonly id: string;
  readonly role: 'user' | 'assistant';
  readonly text: string;
  readonly thoughts?: string;
  readonly images?: readonly ImageAttachment[];
  /** Context text sent with a user turn (files, selection); kept so a regenerate sends the same thing. */
  readonly context?: string;
  readonly model?: ModelSlot;
  readonly usage?: UsageView;
  readonly finish?: FinishReason;
  readonly error?: ErrorView;
  readonly continuations?: number;
  /** Opaque provider data sent back on the next turn (Gemini thought signatures). */
  readonly providerState?: unknown;
  readonly createdAt: number;
}

export interface Conversation {
  readonly id: string;
  readonly title: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly messages: readonly StoredMessage[];
}
