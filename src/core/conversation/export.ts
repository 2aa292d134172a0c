// A chat as a Markdown document (Tandem: Export Chat). Model output is quoted as-is: it is Markdown already.

import { formatUsd } from '../../shared/format';
import type { Conversation } from './types';

export interface ExportLabels {
  readonly modelLabel: (slot: string | undefined) => string;
}

export function conversationToMarkdown(conversation: Conversation, labels: ExportLabels, now = new Date()): string {
  const lines: string[] = [`# ${conversation.title}`, '', `_Exported from Tandem on ${now.toISOString().slice(0, 10)}._`, ''];
  let total = 0;
  for (const message of conversation.messages) {
    if (message.role === 'user') {
      lines.push('## You', '', message.text);
      if (message.images?.length) lines.push('', `_(${message.images.length} image${message.images.length > 1 ? 's' : ''} attached)_`);
    } else {
      lines.push(`## ${labels.modelLabel(message.model)}`, '', message.text);
      // A 'cancelled' error is a Stop in a chat saved before Stop was a finish: not an error.
      if (message.error && message.error.kind !== 'cancelled') lines.push('', `> **Error:** ${message.error.message}`);
      if (message.usage) {
        total += message.usage.costUsd;
        const cached = message.usage.cachedTokens ? ` (${message.usage.cachedTokens} cached)` : '';
        lines.push('', `_${message.usage.promptTokens} in${cached} / ${message.usage.outputTokens} out tokens · ${formatUsd(message.usage.costUsd)}_`);
      }
    }
    lines.push('');
  }
  lines.push('---', '', `Total cost: ${formatUsd(total)}`, '');
  return lines.join('\n');
}
