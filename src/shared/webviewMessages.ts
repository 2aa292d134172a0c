// What the webview may send the host, as one schema per message type: the WebviewMessage type is derived from
// these schemas and parseFromWebview() checks against the same ones, so the two cannot drift. The webview is
// untrusted input to the host: every object is exact (no field beyond its schema, none from a prototype), every
// string, id and list has a cap. Only the host imports this file at runtime (the webview imports its types), so
// the webview bundle carries no validator.

import * as v from 'valibot';
import { IMAGE_MIME_TYPES, MODEL_SLOTS, THINKING_LEVELS } from '../core/vocabulary';
import { CODE_ACTION_KINDS, HOST_ACTIONS, LIMITS } from './protocol';
import { SHELL_LANGUAGE_LIST } from '../core/vocabulary';

/** Every field a schema reads is the object's own: a value a prototype supplies is never part of a message. */
function hasOnlyOwnFields(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) if (!Object.prototype.hasOwnProperty.call(value, key)) return false;
  return true;
}

/** A plain object with exactly these fields, all its own. */
function exactObject<TEntries extends v.ObjectEntries>(entries: TEntries) {
  return v.pipe(v.custom<object>(hasOnlyOwnFields, 'not a plain object with fields of its own'), v.strictObject(entries), v.readonly());
}

const text = (maxChars: number) => v.pipe(v.string(), v.maxLength(maxChars));
/** Ids name chats and messages (and so files): word characters and dashes only. */
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.idChars), v.regex(/^[\w-]+$/));
/** Padded, non-empty base64 (what the composer's btoa produces); nothing else is an image. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;
const imageAttachment = exactObject({
  mimeType: v.picklist(IMAGE_MIME_TYPES),
  data: v.pipe(v.string(), v.maxLength(LIMITS.imageBase64Chars), v.regex(BASE64)),
});
/** The count is checked before any image is read, so a forged list of many huge images costs nothing. */
const imageList = v.pipe(v.array(v.unknown()), v.maxLength(LIMITS.images), v.array(imageAttachment), v.readonly());

/** The fields of each message type besides `type`; the key is the type, so a schema cannot name another. */
const FIELDS = {
  ready: {},
  send: { text: text(LIMITS.promptChars), images: imageList },
  stop: {},
  regenerate: { messageId: id },
  editResend: { messageId: id, text: text(LIMITS.promptChars) },
  retry: {},
  newChat: {},
  showHistory: {},
  openChat: { chatId: id },
  deleteChat: { chatId: id },
  exportChat: {},
  setModel: { model: v.picklist(MODEL_SLOTS) },
  setThinkingLevel: { level: v.picklist(THINKING_LEVELS) },
  codeAction: { action: v.picklist(CODE_ACTION_KINDS), code: text(LIMITS.codeChars), language: text(LIMITS.languageChars) },
  /** Review every file an answer edits (the host reads the answer by id: the webview never supplies edit text). */
  applyAnswerEdits: { messageId: id },
  copy: { text: text(LIMITS.codeChars) },
  openLink: { href: text(LIMITS.urlChars), text: text(LIMITS.urlChars) },
  hostAction: { action: v.picklist(HOST_ACTIONS) },
  removeContext: { chipId: id },
  setIncludeOpenEditors: { include: v.boolean() },
  pickContextFile: {},
  /** Opens an instruction file the rules chip lists (the host only opens paths it listed itself). */
  openInstructionFile: { path: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.pathChars)) },
  /** Turns the project's instruction files on or off for the current chat. */
  setRulesEnabled: { enabled: v.boolean() },
  /** Paste a shell block's commands into the terminal without running them (only blocks of a shell language). */
  runInTerminal: { code: text(LIMITS.codeChars), language: v.picklist(SHELL_LANGUAGE_LIST) },
} satisfies Readonly<Record<string, v.ObjectEntries>>;

type Fields = typeof FIELDS;
export type WebviewMessageType = keyof Fields;

type MessageEntries<TType extends WebviewMessageType> =
  { readonly type: v.LiteralSchema<TType, undefined> } & Fields[TType] extends infer TEntries extends v.ObjectEntries ? TEntries : never;

function messageSchema<TType extends WebviewMessageType>(type: TType, fields: Fields[TType]) {
  return exactObject({ type: v.literal(type), ...fields } as unknown as MessageEntries<TType>);
}
type MessageSchemas = { readonly [K in WebviewMessageType]: ReturnType<typeof messageSchema<K>> };

export const WEBVIEW_MESSAGE_TYPES = Object.keys(FIELDS) as WebviewMessageType[];

/** One schema per message type, keyed by that type. */
export const WEBVIEW_MESSAGE_SCHEMAS = Object.fromEntries(
  WEBVIEW_MESSAGE_TYPES.map((type) => [type, messageSchema(type, FIELDS[type])]),
) as unknown as MessageSchemas;

export type WebviewMessage = { [K in WebviewMessageType]: v.InferOutput<MessageSchemas[K]> }[WebviewMessageType];
export type KnowledgeWebviewMessage = Extract<WebviewMessage, { type: 'openInstructionFile' | 'setRulesEnabled' }>;

/** Returns the message if it matches the protocol exactly, else a reason it was refused. */
export function parseFromWebview(raw: unknown): { ok: true; message: WebviewMessage } | { ok: false; reason: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'not an object' };
  // Own properties only: a type that only the prototype chain provides is not a message type.
  const type: unknown = Object.prototype.hasOwnProperty.call(raw, 'type') ? (raw as Record<string, unknown>).type : undefined;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(WEBVIEW_MESSAGE_SCHEMAS, type)) {
    return { ok: false, reason: `unknown message type ${JSON.stringify(String(type).slice(0, 40))}` };
  }
  const result = v.safeParse(WEBVIEW_MESSAGE_SCHEMAS[type as WebviewMessageType], raw, { abortEarly: true });
  if (!result.success) return { ok: false, reason: `${type}: ${describeIssue(result.issues[0])}` };
  return { ok: true, message: result.output as WebviewMessage };
}

/** The first problem, named by the message's field it is in: "unexpected field x" or "invalid field x". */
function describeIssue(issue: v.BaseIssue<unknown>): string {
  const where = issue.path?.[0];
  if (!where || typeof where.key !== 'string') return issue.message;
  const unexpected = issue.path!.length === 1 && where.origin === 'key' && issue.expected === 'never';
  return unexpected ? `unexpected field ${where.key.slice(0, 40)}` : `invalid field ${where.key}`;
}
