// The restored chat the memory bench measures, the same on both sides: 200 messages, questions and answers in
// turn; ten answers are 64K-token answers (~256 KB of markdown, like render.ts's), the rest a few hundred tokens.
// Deterministic (a seeded writer), so the webview and the extension-host process build the same chat.
import type { Conversation, StoredMessage } from '../../src/core/chat/types';
import type { MessageView } from '../../src/shared/protocol';
import { MarkdownWriter } from '../../test/support/markdownWriter';
import { answer, user } from '../../test/webview/fixtures';

export const PAIRS = 100;
export const HUGE_ANSWERS = 10;
const HUGE_CHARS = 256 * 1024;
export const CHAT_ID = 'chat-1';
export const CHAT_TITLE = 'Fix the cart total';

/** Questions and answers as the webview gets them in `init`. */
export function restoredMessages(): MessageView[] {
  const writer = new MarkdownWriter(19);
  const messages: MessageView[] = [];
  for (let i = 0; i < PAIRS; i++) {
    const huge = i % (PAIRS / HUGE_ANSWERS) === PAIRS / HUGE_ANSWERS / 2;
    messages.push(user(`u${i + 1}`, `Question ${i + 1}: what does the checkout module do with discounts, and what should change?`));
    // A few hundred tokens (1.2-2.8K chars) with the writer's usual share of code blocks, or a 64K-token answer.
    const text = huge ? writer.answer(HUGE_CHARS, 3) : writer.answer(1200 + ((i * 373) % 1600));
    const outputTokens = Math.round(text.length / 4);
    messages.push(answer(`a${i + 1}`, text, { usage: { promptTokens: 1200, outputTokens, thoughtTokens: 0, cachedTokens: 0, costUsd: outputTokens * 4e-7 } }));
  }
  return messages;
}

/** The same chat in the stored format (core/chat/types.ts), as the host's ConversationStore reads it from disk. */
export function storedConversation(messages: readonly MessageView[]): Conversation {
  const started = Date.UTC(2026, 10, 1);
  const stored: StoredMessage[] = messages.map((m, i) => ({
    id: m.id,
    role: m.role,
    text: m.text,
    model: m.model,
    usage: m.usage,
    finish: m.finish,
    createdAt: started + i * 60_000,
  }));
  return { id: CHAT_ID, title: CHAT_TITLE, createdAt: started, updatedAt: started + messages.length * 60_000, messages: stored };
}
