// How many prompt tokens a request takes: the conversation it sends (see modelHistory), the system prompt and the
// wire's framing. Gemini's tokenizer is not available offline, so its counts are an estimate; every Gemini answer
// reports the real prompt size (promptTokenCount), and the ratio of that to the estimate of the same request
// corrects later estimates in the same chat, so the chips and the budget converge on the real count.
import { modelHistory } from '../chat/conversation';
import type { StoredMessage } from '../chat/types';
import { isModelSlot, modelCard } from '../providers/modelCards';
import type { Counter } from './items';

/** Per image, the most either API charges for a typical screenshot. */
const IMAGE_TOKENS = 1_600;
/** Role markers and wire framing per message, and for the request as a whole. */
export const PER_MESSAGE_TOKENS = 8;
const REQUEST_OVERHEAD_TOKENS = 256;
/** One odd answer (a prompt the estimate handles badly) must not make the budget absurd. */
const MIN_RATIO = 0.5;
const MAX_RATIO = 2;

/** Tokens of the messages a request sends, context and images included. */
export function historyTokens(sent: readonly StoredMessage[], count: Counter): number {
  let tokens = 0;
  for (const message of sent) {
    tokens += count(message.text, `message:${message.id}`) + PER_MESSAGE_TOKENS;
    if (message.context) tokens += count(message.context, `context:${message.id}`);
    tokens += (message.images?.length ?? 0) * IMAGE_TOKENS;
  }
  return tokens;
}

export function requestTokens(sent: readonly StoredMessage[], systemPrompt: string, count: Counter): number {
  return historyTokens(sent, count) + count(systemPrompt) + REQUEST_OVERHEAD_TOKENS;
}

export interface PromptSample {
  readonly estimated: number;
  readonly reported: number;
}

export function calibrationRatio(sample: PromptSample | undefined): number {
  if (!sample || sample.estimated <= 0 || sample.reported <= 0) return 1;
  return Math.min(MAX_RATIO, Math.max(MIN_RATIO, sample.reported / sample.estimated));
}

/**
 * The correction for Gemini estimates in this chat: from its latest Gemini answer whose request the estimate can be
 * compared with (one round, so one prompt; no images, whose tokens are not text). 1 when there is none.
 */
export function geminiCalibration(messages: readonly StoredMessage[], systemPrompt: string, count: Counter): number {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message.role !== 'assistant' || !(isModelSlot(message.model) && modelCard(message.model).tokens.estimated) || !message.usage?.promptTokens || message.continuations) continue;
    const sent = modelHistory(messages.slice(0, index));
    if (sent.some((m) => m.images?.length)) return 1;
    return calibrationRatio({ estimated: requestTokens(sent, systemPrompt, count), reported: message.usage.promptTokens });
  }
  return 1;
}
