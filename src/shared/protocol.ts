// The one typed contract between the extension host and the chat webview. Both bundles import this file.
// Both directions are valibot schemas, the types derived from them and re-exported here: what the webview sends
// is in webviewMessages.ts (untrusted input: the host checks every such message with parseFromWebview()), what
// the host sends is in hostMessages.ts (checked in tests). Shared words (model slot, thinking level, finish
// reason, error kind and action, images) are core/vocabulary's.

export type { ChatSummary, ChatView, ContextChipView, ErrorView, HostMessage, KnowledgeHostMessage, MessageView, ModelOption, RulesChipFileView, RulesChipView, SlashCommandView, UsageView } from './hostMessages';
export type { KnowledgeWebviewMessage, WebviewMessage, WebviewMessageType } from './webviewMessages';

/** Caps that keep a forged or runaway message from exhausting the host. */
export const LIMITS = {
  promptChars: 200_000,
  images: 8,
  imageBase64Chars: 15_000_000,
  codeChars: 2_000_000,
  idChars: 100,
  urlChars: 8_192,
  languageChars: 64,
  /** A workspace-relative path (an instruction file the rules chip listed). */
  pathChars: 1_024,
} as const;

export const CODE_ACTION_KINDS = ['insert', 'apply', 'save'] as const;
export type CodeActionKind = (typeof CODE_ACTION_KINDS)[number];
export const HOST_ACTIONS = ['setKey', 'openSettings', 'testConnection'] as const;
export type HostAction = (typeof HOST_ACTIONS)[number];
