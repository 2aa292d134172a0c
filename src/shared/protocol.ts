// The one typed contract between the extension host and the chat webview. Both bundles import this file.
// What the webview sends is defined by the schemas in webviewMessages.ts (its type is re-exported here); the
// webview is untrusted input to the host, so the host checks every such message with parseFromWebview().
// Shared words (model slot, thinking level, finish reason, error kind and action, images) are core/vocabulary's.

import type { ErrorAction, ErrorKind, FinishReason, ImageAttachment, ModelSlot, ThinkingLevel } from '../core/vocabulary';

export type { WebviewMessage, WebviewMessageType } from './webviewMessages';

/** Caps that keep a forged or runaway message from exhausting the host. */
export const LIMITS = {
  promptChars: 200_000,
  images: 8,
  imageBase64Chars: 15_000_000,
  codeChars: 2_000_000,
  idChars: 100,
  urlChars: 8_192,
  languageChars: 64,
} as const;

export interface ModelOption {
  readonly slot: ModelSlot;
  readonly label: string;
  readonly modelId: string;
  readonly supportsThinking: boolean;
}

export interface UsageView {
  readonly promptTokens: number;
  readonly outputTokens: number;
  readonly thoughtTokens: number;
  readonly cachedTokens: number;
  readonly costUsd: number;
}

export interface ErrorView {
  readonly kind: ErrorKind;
  readonly message: string;
  readonly action: ErrorAction;
}

export interface MessageView {
  readonly id: string;
  readonly role: 'user' | 'assistant';
  readonly text: string;
  readonly thoughts?: string;
  readonly images?: readonly ImageAttachment[];
  readonly model?: ModelSlot;
  readonly usage?: UsageView;
  readonly finish?: FinishReason;
  readonly error?: ErrorView;
  /** Number of automatic continuations joined into this answer. */
  readonly continuations?: number;
  /** How many files the answer's edits name: the answer offers "Apply edits to N files". */
  readonly editFiles?: number;
}

export interface ChatView {
  readonly id: string;
  readonly title: string;
  readonly messages: readonly MessageView[];
  readonly totalCostUsd: number;
}

export interface ChatSummary {
  readonly id: string;
  readonly title: string;
  readonly updatedAt: number;
  readonly messageCount: number;
}

export interface ContextChipView {
  readonly id: string;
  readonly label: string;
  readonly detail: string;
  readonly tokens: number;
  readonly status: 'included' | 'trimmed' | 'dropped' | 'excluded';
  readonly note?: string;
}

export const CODE_ACTION_KINDS = ['insert', 'apply', 'save'] as const;
export type CodeActionKind = (typeof CODE_ACTION_KINDS)[number];
export const HOST_ACTIONS = ['setKey', 'openSettings', 'testConnection'] as const;
export type HostAction = (typeof HOST_ACTIONS)[number];

// ---------------------------------------------------------------------------------------------- host → webview
export type HostMessage =
  | {
      readonly type: 'init';
      readonly chat: ChatView;
      readonly models: readonly ModelOption[];
      readonly model: ModelSlot;
      readonly thinkingLevel: ThinkingLevel;
      readonly busy: boolean;
    }
  | { readonly type: 'chat'; readonly chat: ChatView; readonly busy: boolean }
  | { readonly type: 'messageAdded'; readonly message: MessageView }
  | { readonly type: 'delta'; readonly messageId: string; readonly kind: 'text' | 'thought'; readonly text: string }
  | { readonly type: 'messageDone'; readonly message: MessageView; readonly totalCostUsd: number }
  /** A transient line shown in an answer that has no text yet (a retry after a rate limit); '' removes it. */
  | { readonly type: 'status'; readonly messageId: string; readonly text: string }
  | { readonly type: 'busy'; readonly busy: boolean }
  | { readonly type: 'history'; readonly chats: readonly ChatSummary[]; readonly currentId: string }
  | { readonly type: 'models'; readonly models: readonly ModelOption[]; readonly model: ModelSlot; readonly thinkingLevel: ThinkingLevel }
  /** `approximate`: the counts come from another tokenizer than the model's (a local OpenAI-compatible model). */
  | { readonly type: 'context'; readonly chips: readonly ContextChipView[]; readonly includeOpenEditors: boolean; readonly approximate?: boolean }
  | { readonly type: 'prefill'; readonly text: string; readonly send: boolean }
  | { readonly type: 'notice'; readonly level: 'info' | 'warning' | 'error'; readonly text: string }
  | { readonly type: 'focusInput' };
