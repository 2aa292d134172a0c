// What the host sends the webview, as schemas: HostMessage and the views in it are derived from them. The host is
// trusted, so no bundle checks these at runtime (both import only the types, and carry no validator for them);
// the tests check every message the chat controller posts, so a view that gains a field its schema lacks (say
// the context stored with a question) fails there. Objects are exact, lists read-only, as the views were.

import * as v from 'valibot';
import { ERROR_ACTIONS, ERROR_KINDS, FINISH_REASONS, IMAGE_MIME_TYPES, MODEL_SLOTS, THINKING_LEVELS } from '../core/vocabulary';

const exact = <TEntries extends v.ObjectEntries>(entries: TEntries) => v.pipe(v.strictObject(entries), v.readonly());
const list = <TItem extends v.GenericSchema>(item: TItem) => v.pipe(v.array(item), v.readonly());

export const modelOptionSchema = exact({ slot: v.picklist(MODEL_SLOTS), label: v.string(), modelId: v.string(), supportsThinking: v.boolean() });

const usageViewSchema = exact({ promptTokens: v.number(), outputTokens: v.number(), thoughtTokens: v.number(), cachedTokens: v.number(), costUsd: v.number() });

const errorViewSchema = exact({ kind: v.picklist(ERROR_KINDS), message: v.string(), action: v.picklist(ERROR_ACTIONS) });

const imageViewSchema = exact({ mimeType: v.picklist(IMAGE_MIME_TYPES), data: v.string() });

export const messageViewSchema = exact({
  id: v.string(),
  role: v.picklist(['user', 'assistant']),
  text: v.string(),
  thoughts: v.optional(v.string()),
  images: v.optional(list(imageViewSchema)),
  model: v.optional(v.picklist(MODEL_SLOTS)),
  usage: v.optional(usageViewSchema),
  finish: v.optional(v.picklist(FINISH_REASONS)),
  error: v.optional(errorViewSchema),
  /** Number of automatic continuations joined into this answer. */
  continuations: v.optional(v.number()),
  /** How many files the answer's edits name: the answer offers "Apply edits to N files". */
  editFiles: v.optional(v.number()),
});

const chatViewSchema = exact({ id: v.string(), title: v.string(), messages: list(messageViewSchema), totalCostUsd: v.number() });

const chatSummarySchema = exact({ id: v.string(), title: v.string(), updatedAt: v.number(), messageCount: v.number() });

const contextChipViewSchema = exact({
  id: v.string(),
  label: v.string(),
  detail: v.string(),
  tokens: v.number(),
  status: v.picklist(['included', 'trimmed', 'dropped', 'excluded']),
  note: v.optional(v.string()),
});

// Project knowledge (host/knowledge): the instruction files the next request sends, and the `/commands`.
const rulesChipFileViewSchema = exact({ path: v.string(), label: v.string(), tokens: v.number(), state: v.picklist(['applied', 'dropped']), note: v.string() });

/** "Rules: AGENTS.md, 2 more · 430 tokens"; `state` off = turned off for this chat, restricted = not read. */
const rulesChipViewSchema = exact({
  state: v.picklist(['on', 'off', 'restricted']),
  title: v.string(),
  tokens: v.number(),
  files: list(rulesChipFileViewSchema),
  notes: list(v.string()),
});

const slashCommandViewSchema = exact({ name: v.string(), description: v.string(), source: v.picklist(['builtin', 'promptFile']) });

const knowledgeMessageSchemas = [
  /** The instruction files the next request sends; no chip: none. */
  exact({ type: v.literal('rules'), chip: v.optional(rulesChipViewSchema) }),
  /** Every `/command` the composer completes, sorted by name. */
  exact({ type: v.literal('slashCommands'), commands: list(slashCommandViewSchema) }),
] as const;

export const hostMessageSchema = v.variant('type', [
  ...knowledgeMessageSchemas,
  exact({
    type: v.literal('init'),
    chat: chatViewSchema,
    models: list(modelOptionSchema),
    model: v.picklist(MODEL_SLOTS),
    thinkingLevel: v.picklist(THINKING_LEVELS),
    busy: v.boolean(),
  }),
  exact({ type: v.literal('chat'), chat: chatViewSchema, busy: v.boolean() }),
  exact({ type: v.literal('messageAdded'), message: messageViewSchema }),
  exact({ type: v.literal('delta'), messageId: v.string(), kind: v.picklist(['text', 'thought']), text: v.string() }),
  exact({ type: v.literal('messageDone'), message: messageViewSchema, totalCostUsd: v.number() }),
  /** A transient line shown in an answer that has no text yet (a retry after a rate limit); '' removes it. */
  exact({ type: v.literal('status'), messageId: v.string(), text: v.string() }),
  exact({ type: v.literal('busy'), busy: v.boolean() }),
  exact({ type: v.literal('history'), chats: list(chatSummarySchema), currentId: v.string() }),
  exact({ type: v.literal('models'), models: list(modelOptionSchema), model: v.picklist(MODEL_SLOTS), thinkingLevel: v.picklist(THINKING_LEVELS) }),
  /** `approximate`: the counts come from another tokenizer than the model's (a local OpenAI-compatible model). */
  exact({ type: v.literal('context'), chips: list(contextChipViewSchema), includeOpenEditors: v.boolean(), approximate: v.optional(v.boolean()) }),
  exact({ type: v.literal('prefill'), text: v.string(), send: v.boolean() }),
  exact({ type: v.literal('notice'), level: v.picklist(['info', 'warning', 'error']), text: v.string() }),
  exact({ type: v.literal('focusInput') }),
]);

export type HostMessage = v.InferOutput<typeof hostMessageSchema>;
export type ModelOption = v.InferOutput<typeof modelOptionSchema>;
export type UsageView = v.InferOutput<typeof usageViewSchema>;
export type ErrorView = v.InferOutput<typeof errorViewSchema>;
export type MessageView = v.InferOutput<typeof messageViewSchema>;
export type ChatView = v.InferOutput<typeof chatViewSchema>;
export type ChatSummary = v.InferOutput<typeof chatSummarySchema>;
export type ContextChipView = v.InferOutput<typeof contextChipViewSchema>;
export type KnowledgeHostMessage = v.InferOutput<(typeof knowledgeMessageSchemas)[number]>;
export type RulesChipView = v.InferOutput<typeof rulesChipViewSchema>;
export type RulesChipFileView = v.InferOutput<typeof rulesChipFileViewSchema>;
export type SlashCommandView = v.InferOutput<typeof slashCommandViewSchema>;
