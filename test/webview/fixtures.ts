// Host messages the webview tests replay.
import type { ChatView, HostMessage, MessageView, ModelOption } from '../../src/shared/protocol';

export const MODELS: ModelOption[] = [
  { slot: 'gemini', label: 'Gemini 3.1 Flash-Lite', modelId: 'gemini-3.1-flash-lite', supportsThinking: true },
  { slot: 'gpt', label: 'GPT-5.3 Chat', modelId: 'gpt-5.3-chat-latest', supportsThinking: false },
];

export const usage = { promptTokens: 1200, outputTokens: 340, thoughtTokens: 0, cachedTokens: 0, costUsd: 0.00081 };

export function chat(messages: MessageView[], title = 'Fix the cart total'): ChatView {
  return { id: 'chat-1', title, messages, totalCostUsd: messages.reduce((sum, m) => sum + (m.usage?.costUsd ?? 0), 0) };
}

export function init(messages: MessageView[] = [], busy = false): HostMessage {
  return { type: 'init', chat: chat(messages), models: MODELS, model: 'gemini', thinkingLevel: 'low', busy };
}

export const user = (id: string, text: string): MessageView => ({ id, role: 'user', text });
export const answer = (id: string, text: string, extra: Partial<MessageView> = {}): MessageView => ({ id, role: 'assistant', text, model: 'gemini', finish: 'stop', usage, ...extra });

export const RICH_MARKDOWN = `## Why the total is wrong

The loop adds **unit price** but forgets the *quantity*:

1. \`total\` starts at zero.
2. Each item adds \`item.price\`.
   - nested point with [a link](https://example.com/docs)
3. Discounts are applied twice.

| Item | Price | Qty |
|------|------:|----:|
| Pen  | 1.50  | 2   |
| Book | 12.00 | 1   |

> Note: prices are in dollars.

\`\`\`typescript
export function total(items: Item[]): number {
  let sum = 0;
  for (const item of items) sum += item.price * item.quantity;
  return sum;
}
\`\`\`

- [x] fixed the loop
- [ ] add a test

Then run \`npm test\`.
`;
