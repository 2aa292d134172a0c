// Pure operations on a conversation: building the model's message list, regenerate / edit truncation,
// titles, totals. A Conversation is immutable: every operation returns a new one.

import type { ChatView, MessageView } from '../../shared/protocol';
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

/** The model-facing history: user turns carry their context; failed answers with no text are left out. */
export function toModelMessages(messages: readonly StoredMessage[]): ChatMessage[] {
  const result: ChatMessage[] = [];
  for (const message of messages) {
    if (message.role === 'assistant' && !message.text) continue;
    const parts: MessagePart[] = [];
    const text = message.role === 'user' && message.context ? `${message.context}\n\n${message.text}` : message.text;
    parts.push({ kind: 'text', text });
    for (const image of message.images ?? []) parts.push({ kind: 'image', mimeType: image.mimeType, data: image.data });
    result.push({ role: message.role, parts, providerState: message.providerState });
  }
  // Two user turns in a row (an answer failed before any text) are merged: both APIs want alternation.
  return mergeConsecutiveRoles(result);
}

function mergeConsecutiveRoles(messages: ChatMessage[]): ChatMessage[] {
  const merged: ChatMessage[] = [];
  for (const message of messages) {
    const previous = merged[merged.length - 1];
    if (previous && previous.role === message.role) {
      merged[merged.length - 1] = { role: message.role, parts: [...previous.parts, ...message.parts], providerState: message.providerState };
    } else {
      merged.push(message);
    }
  }
  return merged;
}

export function totalCost(conversation: Conversation): number {
  return conversation.messages.reduce((sum, m) => sum + (m.usage?.costUsd ?? 0), 0);
}

export function toMessageView(message: StoredMessage): MessageView {
  return {
    id: message.id,
    role: message.role,
    text: message.text,
    thoughts: message.thoughts,
    images: message.images,
    model: message.model,
    usage: message.usage,
    finish: message.finish,
    error: message.error,
    continuations: message.continuations,
  };
}

export function toChatView(conversation: Conversation): ChatView {
  return {
    id: conversation.id,
    title: conversation.title,
    messages: conversation.messages.map(toMessageView),
    totalCostUsd: totalCost(conversation),
  };
}
