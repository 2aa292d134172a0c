// The one typed contract between the extension host and the chat webview. Both bundles import this file.
// The webview is untrusted input to the host: every message from it goes through parseFromWebview().

import type { ErrorAction, ErrorKind, FinishReason, ModelSlot, ThinkingLevel } from '../core/providers/types';
import { SHELL_LANGUAGES } from './shellLanguages';

export const THINKING_LEVELS: readonly ThinkingLevel[] = ['minimal', 'low', 'medium', 'high'];
export const MODEL_SLOTS: readonly ModelSlot[] = ['gemini', 'gpt'];

/** Caps that keep a forged or runaway message from exhausting the host. */
export const LIMITS = {
  promptChars: 200_000,
  images: 8,
  imageBase64Chars: 15_000_000,
  codeChars: 2_000_000,
  idChars: 100,
  urlChars: 8_192,
} as const;

export const IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type ImageMimeType = (typeof IMAGE_MIME_TYPES)[number];

export interface ImageAttachment {
  readonly mimeType: ImageMimeType;
  readonly data: string;
}

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

export type CodeActionKind = 'insert' | 'apply' | 'save';
export type HostAction = 'setKey' | 'openSettings' | 'testConnection';

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

// ---------------------------------------------------------------------------------------------- webview → host
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'send'; readonly text: string; readonly images: readonly ImageAttachment[] }
  | { readonly type: 'stop' }
  | { readonly type: 'regenerate'; readonly messageId: string }
  | { readonly type: 'editResend'; readonly messageId: string; readonly text: string }
  | { readonly type: 'retry' }
  | { readonly type: 'newChat' }
  | { readonly type: 'showHistory' }
  | { readonly type: 'openChat'; readonly chatId: string }
  | { readonly type: 'deleteChat'; readonly chatId: string }
  | { readonly type: 'exportChat' }
  | { readonly type: 'setModel'; readonly model: ModelSlot }
  | { readonly type: 'setThinkingLevel'; readonly level: ThinkingLevel }
  | { readonly type: 'codeAction'; readonly action: CodeActionKind; readonly code: string; readonly language: string }
  /** Paste a shell block's commands into the terminal without running them (only blocks of a SHELL_LANGUAGES language). */
  | { readonly type: 'runInTerminal'; readonly code: string; readonly language: string }
  /** Review every file an answer edits (the host reads the answer by id: the webview never supplies edit text). */
  | { readonly type: 'applyAnswerEdits'; readonly messageId: string }
  | { readonly type: 'copy'; readonly text: string }
  | { readonly type: 'openLink'; readonly href: string; readonly text: string }
  | { readonly type: 'hostAction'; readonly action: HostAction }
  | { readonly type: 'removeContext'; readonly chipId: string }
  | { readonly type: 'setIncludeOpenEditors'; readonly include: boolean }
  | { readonly type: 'pickContextFile' };

export type WebviewMessageType = WebviewMessage['type'];

// ---------------------------------------------------------------------------------------------- validation
type Check = (value: unknown) => boolean;
const isString = (max: number): Check => (v) => typeof v === 'string' && v.length <= max;
const isId: Check = (v) => typeof v === 'string' && v.length > 0 && v.length <= LIMITS.idChars && /^[\w-]+$/.test(v);
const isOneOf = (values: readonly string[]): Check => (v) => typeof v === 'string' && values.includes(v);
const isBoolean: Check = (v) => typeof v === 'boolean';
/** Padded, non-empty base64 (what the composer's btoa produces); nothing else is an image. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;
const isImage: Check = (v) => {
  if (typeof v !== 'object' || v === null) return false;
  const image = v as Record<string, unknown>;
  return (
    Object.keys(image).sort().join() === 'data,mimeType' &&
    isOneOf(IMAGE_MIME_TYPES)(image.mimeType) &&
    typeof image.data === 'string' &&
    image.data.length <= LIMITS.imageBase64Chars &&
    BASE64.test(image.data)
  );
};
const isImageList: Check = (v) => Array.isArray(v) && v.length <= LIMITS.images && v.every(isImage);

/** Field checks per message type: a message must have exactly these fields besides `type`. */
const SCHEMA: { readonly [K in WebviewMessageType]: Readonly<Record<string, Check>> } = {
  ready: {},
  send: { text: isString(LIMITS.promptChars), images: isImageList },
  stop: {},
  regenerate: { messageId: isId },
  editResend: { messageId: isId, text: isString(LIMITS.promptChars) },
  retry: {},
  newChat: {},
  showHistory: {},
  openChat: { chatId: isId },
  deleteChat: { chatId: isId },
  exportChat: {},
  setModel: { model: isOneOf(MODEL_SLOTS) },
  setThinkingLevel: { level: isOneOf(THINKING_LEVELS) },
  codeAction: { action: isOneOf(['insert', 'apply', 'save']), code: isString(LIMITS.codeChars), language: isString(64) },
  runInTerminal: { code: isString(LIMITS.codeChars), language: isOneOf([...SHELL_LANGUAGES]) },
  applyAnswerEdits: { messageId: isId },
  copy: { text: isString(LIMITS.codeChars) },
  openLink: { href: isString(LIMITS.urlChars), text: isString(LIMITS.urlChars) },
  hostAction: { action: isOneOf(['setKey', 'openSettings', 'testConnection']) },
  removeContext: { chipId: isId },
  setIncludeOpenEditors: { include: isBoolean },
  pickContextFile: {},
};

/** Returns the message if it matches the protocol exactly, else a reason it was refused. */
export function parseFromWebview(raw: unknown): { ok: true; message: WebviewMessage } | { ok: false; reason: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'not an object' };
  const record = raw as Record<string, unknown>;
  // Own properties only: nothing a prototype supplies counts as part of a message.
  const own = (key: string): unknown => (Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined);
  const type = own('type');
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(SCHEMA, type)) {
    return { ok: false, reason: `unknown message type ${JSON.stringify(String(type).slice(0, 40))}` };
  }
  const fields = SCHEMA[type as WebviewMessageType];
  for (const key of Object.keys(record)) {
    if (key !== 'type' && !Object.prototype.hasOwnProperty.call(fields, key)) return { ok: false, reason: `${type}: unexpected field ${key.slice(0, 40)}` };
  }
  for (const [key, check] of Object.entries(fields)) {
    if (!check(own(key))) return { ok: false, reason: `${type}: invalid field ${key}` };
  }
  return { ok: true, message: raw as WebviewMessage };
}
