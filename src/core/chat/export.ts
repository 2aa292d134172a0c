// A chat as a Markdown document (Tandem: Export Chat). Model output is quoted as-is: it is Markdown already.

import { formatUsd } from '../vocabulary';
import type { Conversation } from './types';

export interface ExportLabels {
  readonly modelLabel: (slot: string | undefined) => string;
}

export function conversationToMarkdown(conversation: Conversation, labels: ExportLabels, now = new Date()): string {
  // Each message is a list of blocks joined by one blank line: a part that is empty (an answer that errored before
  // its first word) leaves no blank lines behind.
  const blocks: string[] = [`# ${conversation.title}`, `_Exported from Tandem on ${now.toISOString().slice(0, 10)}._`];
  let total = 0;
  for (const message of conversation.messages) {
    const parts: string[] = [];
    if (message.role === 'user') {
      parts.push('## You', message.text.trim());
      if (message.images?.length) parts.push(`_(${message.images.length} image${message.images.length > 1 ? 's' : ''} attached)_`);
    } else {
      parts.push(`## ${labels.modelLabel(message.model)}`, message.text.trim());
      // A 'cancelled' error is a Stop in a chat saved before Stop was a finish: not an error.
      if (message.error && message.error.kind !== 'cancelled') parts.push(`> **Error:** ${message.error.message}`);
      if (message.usage) {
        total += message.usage.costUsd;
        const cached = message.usage.cachedTokens ? ` (${message.usage.cachedTokens} cached)` : '';
        parts.push(`_${message.usage.promptTokens} in${cached} / ${message.usage.outputTokens} out tokens · ${formatUsd(message.usage.costUsd)}_`);
      }
    }
    blocks.push(...parts.filter((part) => part !== ''));
  }
  blocks.push('---', `Total cost: ${formatUsd(total)}`);
  return `${blocks.join('\n\n')}\n`;
}
