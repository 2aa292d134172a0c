// How many prompt tokens a request takes: the conversation it sends (see modelHistory), the system prompt and the
// wire's framing. Gemini's tokenizer is not available offline, so its counts are an estimate; every Gemini answer
// reports the real prompt size (promptTokenCount). Each answer teaches per-language factors (languageCalibration.ts)
// that correct every later estimate, in any chat; and the ratio of the latest report to the corrected estimate of
// the same request corrects what is left in the same chat, so the chips and the budget converge on the real count.
import { modelHistory } from '../chat/conversation';
import type { StoredMessage } from '../chat/types';
import { isModelSlot, modelCard } from '../providers/modelCards';
import type { Counter } from './items';
import { learnFactors, PROSE, splitContextByLanguage, type LanguageFactors, type LanguagePiece } from './languageCalibration';

/** Per image, the most either API charges for a typical screenshot. */
const IMAGE_TOKENS = 1_600;
/** Role markers and wire framing per message, and for the request as a whole. */
export const PER_MESSAGE_TOKENS = 8;
const REQUEST_OVERHEAD_TOKENS = 256;
/** One odd answer (a prompt the estimate handles badly) must not make the budget absurd. */
const MIN_RATIO = 0.5;
const MAX_RATIO = 2;

/**
 * Tokens of the messages a request sends, context and images included. `byLanguage`: each context block is counted
 * in its files' languages (for per-language corrections of an estimate); otherwise as one text.
 */
export function historyTokens(sent: readonly StoredMessage[], count: Counter, byLanguage = false): number {
  let tokens = 0;
  for (const message of sent) {
    tokens += count(message.text, `message:${message.id}`) + PER_MESSAGE_TOKENS;
    if (message.context) tokens += byLanguage ? contextTokens(message, count) : count(message.context, `context:${message.id}`);
    tokens += (message.images?.length ?? 0) * IMAGE_TOKENS;
  }
  return tokens;
}

/** A stored message's context in its languages. Every send and chip refresh counts the whole history so: each
 * context is split once (a 20-turn chat's contexts took ~4 ms to split at each count, bench/latency.ts). */
const piecesByMessage = new WeakMap<StoredMessage, readonly LanguagePiece[]>();
function contextPieces(message: StoredMessage): readonly LanguagePiece[] {
  let pieces = piecesByMessage.get(message);
  if (!pieces) piecesByMessage.set(message, (pieces = splitContextByLanguage(message.context ?? '')));
  return pieces;
}

function contextTokens(message: StoredMessage, count: Counter): number {
  let tokens = 0;
  contextPieces(message).forEach((piece, index) => (tokens += count(piece.text, `context:${message.id}:${index}`, piece.languageId)));
  return tokens;
}

export function requestTokens(sent: readonly StoredMessage[], systemPrompt: string, count: Counter, byLanguage = false): number {
  return historyTokens(sent, count, byLanguage) + count(systemPrompt) + REQUEST_OVERHEAD_TOKENS;
}

/** Indexes of the answers whose request can teach, newest first: Gemini-estimated, with their real prompt size. */
function* reportedAnswers(messages: readonly StoredMessage[]): Generator<number> {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message.role === 'assistant' && isModelSlot(message.model) && modelCard(message.model).tokens.estimated && message.usage?.promptTokens && !message.continuations) yield index;
  }
}

/** What the answer at `index` was sent, and its real size; none when it carried images (their tokens are not text). */
function requestOf(messages: readonly StoredMessage[], index: number): { readonly sent: readonly StoredMessage[]; readonly reported: number } | undefined {
  const sent = modelHistory(messages.slice(0, index));
  return sent.some((m) => m.images?.length) ? undefined : { sent, reported: messages[index].usage?.promptTokens ?? 0 };
}

/** A restored chat teaches from its newest answers only: each older request is mostly the same text again. */
const MAX_LEARNED_PER_CALL = 3;

/**
 * The per-language factors after learning from this chat's answers not yet in `learned` (ids, updated in place):
 * the newest few, oldest of them first. Called on every change of the chat (each streamed batch), so it stops at
 * the first answer already learned. `estimate` is the uncorrected estimate (keys are cached counts).
 */
export function learnLanguageFactors(factors: LanguageFactors, messages: readonly StoredMessage[], systemPrompt: string, estimate: Counter, learned: Set<string>): LanguageFactors {
  const fresh: number[] = [];
  for (const index of reportedAnswers(messages)) {
    if (learned.has(messages[index].id)) break;
    learned.add(messages[index].id);
    fresh.push(index);
  }
  let next = factors;
  for (const index of fresh.slice(0, MAX_LEARNED_PER_CALL).reverse()) {
    const request = requestOf(messages, index);
    if (!request) continue;
    const byLanguage = new Map<string, number>([[PROSE, estimate(systemPrompt)]]);
    const add = (languageId: string, tokens: number) => byLanguage.set(languageId, (byLanguage.get(languageId) ?? 0) + tokens);
    for (const message of request.sent) {
      add(PROSE, estimate(message.text, `message:${message.id}`));
      if (message.context) contextPieces(message).forEach((piece, i) => add(piece.languageId, estimate(piece.text, `context:${message.id}:${i}`)));
    }
    const framing = REQUEST_OVERHEAD_TOKENS + PER_MESSAGE_TOKENS * request.sent.length;
    next = learnFactors(next, byLanguage, request.reported - framing);
  }
  return next;
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
  const latest = reportedAnswers(messages).next();
  const request = latest.done ? undefined : requestOf(messages, latest.value);
  if (!request) return 1;
  return calibrationRatio({ estimated: requestTokens(request.sent, systemPrompt, count, true), reported: request.reported });
}
