// Pure operations on a conversation: building the model's message list, regenerate / edit truncation,
// titles, totals. A Conversation is immutable: every operation returns a new one.

import type { ChatMessage, MessagePart } from '../providers/types';
import type { Conversation, StoredMessage } from './types';

const TITLE_CHARS = 60;

export function titleFrom(text: string): string {
  const firstLine = text.trim().split(/\r?\n/, 1)[0] ?? '';
  const collapsed = firstLine.replace(/\s+/g, ' ').trim();
  if (!collapsed) return 'New chat';
  return collapsed.length > TITLE_CHARS ? `${collapsed.slice(0, TITLE_CHARS - 1)}…` : collapsed;
}

export function emptyConversation(id: string, now: number): Conversation {
  return { id, title: 'New chat', createdAt: now, updatedAt: now, messages: [] };
}

export function appendMessage(conversation: Conversation, message: StoredMessage): Conversation {
  const isFirstUser = message.role === 'user' && !conversation.messages.some((m) => m.role === 'user');
  return {
    ...conversation,
    title: isFirstUser ? titleFrom(message.text) : conversation.title,
    updatedAt: message.createdAt,
    messages: [...conversation.messages, message],
  };
}

export function replaceMessage(conversation: Conversation, message: StoredMessage): Conversation {
  return { ...conversation, messages: conversation.messages.map((m) => (m.id === message.id ? message : m)) };
}

/**
 * Keeps the messages before `messageId` (exclusive). Used by regenerate (drop an answer and what follows)
 * and edit-and-resend (drop a user turn and what follows, then append the edited one).
 */
export function truncateBefore(conversation: Conversation, messageId: string): Conversation | undefined {
  const index = conversation.messages.findIndex((m) => m.id === messageId);
  if (index < 0) return undefined;
  return { ...conversation, messages: conversation.messages.slice(0, index) };
}

/**
 * The messages the model sees, in order. An exchange whose answer has no text (an error before the first token,
 * such as a missing key or an HTML page instead of a stream; a blocked prompt; a Stop before anything arrived; an
 * answer that ended empty) is left out, question and all: nothing in it is conversation the model could build
 * on, and merging the question into the next one would send a message the user never wrote. So is a question
 * that never got an answer. A partial answer with an error stays, as the chat shows it. The last message, the
 * question being asked, always goes. Roles therefore alternate, as both APIs require. The context budget
 * counts exactly these messages.
 */
export function modelHistory(messages: readonly StoredMessage[]): StoredMessage[] {
  const kept: StoredMessage[] = [];
  messages.forEach((message, index) => {
    const next = messages[index + 1];
    const isLast = index === messages.length - 1;
    if (message.role === 'assistant' && message.text) kept.push(message);
    else if (message.role === 'user' && (isLast || (next?.role === 'assistant' && next.text))) kept.push(message);
  });
  return kept;
}

/** The model-facing history (see modelHistory): user turns carry the context they were sent with. */
export function toModelMessages(messages: readonly StoredMessage[]): ChatMessage[] {
  return modelHistory(messages).map((message) => {
    const text = message.role === 'user' && message.context ? `${message.context}\n\n${message.text}` : message.text;
    const parts: MessagePart[] = [{ kind: 'text', text }];
    for (const image of message.images ?? []) parts.push({ kind: 'image', mimeType: image.mimeType, data: image.data });
    return { role: message.role, parts, providerState: message.providerState };
  });
}

export function totalCost(conversation: Conversation): number {
  return conversation.messages.reduce((sum, m) => sum + (m.usage?.costUsd ?? 0), 0);
}
