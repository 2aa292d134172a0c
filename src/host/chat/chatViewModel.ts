// Stored chats (core's format, written to disk) as the webview's views (the protocol's). The mapping lives in the
// host, the one layer that knows both: core never sees a view, the webview never sees what is stored (the context
// sent with a question, provider state, timestamps). Every field is copied by name, so a field added on one
// side reaches the other only when it is added here too.

import { totalCost } from '../../core/chat/conversation';
import type { Conversation, StoredError, StoredMessage, StoredUsage } from '../../core/chat/types';
import { namedFiles } from '../../core/edits/answerEdits';
import type { ChatView, ErrorView, MessageView, UsageView } from '../../shared/protocol';

export function toMessageView(message: StoredMessage): MessageView {
  // Chats saved before a Stop was a finish reason hold it as a 'cancelled' error.
  const stopped = message.error?.kind === 'cancelled';
  return {
    id: message.id,
    role: message.role,
    text: message.text,
    thoughts: message.thoughts,
    images: message.images?.map((image) => ({ mimeType: image.mimeType, data: image.data })),
    model: message.model,
    usage: message.usage && toUsageView(message.usage),
    finish: stopped ? 'stopped' : message.finish,
    error: stopped || !message.error ? undefined : toErrorView(message.error),
    continuations: message.continuations,
    editFiles: editFileCount(message),
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

function toUsageView(usage: StoredUsage): UsageView {
  return {
    promptTokens: usage.promptTokens,
    outputTokens: usage.outputTokens,
    thoughtTokens: usage.thoughtTokens,
    cachedTokens: usage.cachedTokens,
    costUsd: usage.costUsd,
  };
}

function toErrorView(error: StoredError): ErrorView {
  return { kind: error.kind, message: error.message, action: error.action };
}

/** Only a finished answer offers to apply its edits: one still streaming may name more files yet. */
function editFileCount(message: StoredMessage): number | undefined {
  if (message.role !== 'assistant' || (!message.finish && !message.error) || !message.text) return undefined;
  const count = namedFiles(message.text).length;
  return count > 0 ? count : undefined;
}
