// A chat as it is stored on disk, one JSON file each (store.ts). Core owns this format: the types are derived from
// these schemas and store.ts checks every file it reads against them, so what is written and what is accepted
// back cannot drift. The webview's views are the host's business (host/chat/chatViewModel.ts maps to them): a
// change to the protocol cannot change the file format. Objects are not exact here, unlike the protocol's: a field
// this version does not know is ignored rather than costing the user a whole chat.

import * as v from 'valibot';
import { ERROR_ACTIONS, ERROR_KINDS, FINISH_REASONS, IMAGE_MIME_TYPES, MODEL_SLOTS } from '../vocabulary';

/** Chat and message ids: a chat's id is its file name, so word characters and dashes only. */
export const SAFE_ID = /^[\w-]{1,100}$/;
const storedId = v.pipe(v.string(), v.regex(SAFE_ID));

const storedImage = v.pipe(v.object({ mimeType: v.picklist(IMAGE_MIME_TYPES), data: v.string() }), v.readonly());

const storedUsage = v.pipe(
  v.object({ promptTokens: v.number(), outputTokens: v.number(), thoughtTokens: v.number(), cachedTokens: v.number(), costUsd: v.number() }),
  v.readonly(),
);

const storedError = v.pipe(v.object({ kind: v.picklist(ERROR_KINDS), message: v.string(), action: v.picklist(ERROR_ACTIONS) }), v.readonly());

export const storedMessageSchema = v.pipe(
  v.object({
    id: storedId,
    role: v.picklist(['user', 'assistant']),
    text: v.string(),
    thoughts: v.optional(v.string()),
    images: v.optional(v.pipe(v.array(storedImage), v.readonly())),
    /** Context text sent with a user turn (files, selection); kept so a regenerate sends the same thing. */
    context: v.optional(v.string()),
    model: v.optional(v.picklist(MODEL_SLOTS)),
    usage: v.optional(storedUsage),
    finish: v.optional(v.picklist(FINISH_REASONS)),
    error: v.optional(storedError),
    /** Number of automatic continuations joined into this answer. */
    continuations: v.optional(v.number()),
    /** Opaque provider data sent back on the next turn (Gemini thought signatures). */
    providerState: v.optional(v.unknown()),
    createdAt: v.number(),
  }),
  v.readonly(),
);

export const conversationSchema = v.pipe(
  v.object({
    id: storedId,
    title: v.string(),
    createdAt: v.number(),
    updatedAt: v.number(),
    messages: v.pipe(v.array(storedMessageSchema), v.readonly()),
  }),
  v.readonly(),
);

export type StoredMessage = v.InferOutput<typeof storedMessageSchema>;
export type Conversation = v.InferOutput<typeof conversationSchema>;
/** Tokens and what they cost, as billed when the answer ended. */
export type StoredUsage = v.InferOutput<typeof storedUsage>;
/** How an answer failed, with the next step the UI offers. */
export type StoredError = v.InferOutput<typeof storedError>;

/** One line of the history list. */
export interface ConversationSummary {
  readonly id: string;
  readonly title: string;
  readonly updatedAt: number;
  readonly messageCount: number;
}
