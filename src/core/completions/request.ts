// One completion request through a provider: stream, stop early, post-process, and price it. A one-line
// suggestion is complete at its first line break, so the stream is closed there (through its signal, which closes
// the socket) instead of paying for and waiting on lines that would be cut anyway. Providers report usage only at
// the end, so a request stopped early or aborted is priced from the prompt's token count: high, never low.
import type { ModelProvider, ProviderErrorInfo, Usage } from '../providers/types';
import { type Price, usageCost } from '../providers/price';
import { cleanAnswer } from './clean';
import { type CompletionRejection, postprocessCompletion } from './postprocess';
import type { CompletionPrompt } from './prompt';
import type { FetchedCompletion } from './scheduler';

export interface CompletionRequestResult extends FetchedCompletion {
  /** Why a reply was not shown. */
  readonly rejection?: CompletionRejection;
  readonly error?: ProviderErrorInfo;
  /** True when the cost is the estimate (no usage reported). */
  readonly costEstimated: boolean;
}

/** Characters per output token assumed when the provider reported none: few, so the estimate errs high. */
const CHARS_PER_OUTPUT_TOKEN = 3;

export function estimateCost(promptTokens: number, outputChars: number, price: Price): number {
  return (promptTokens * price.inputPerMillion + Math.ceil(outputChars / CHARS_PER_OUTPUT_TOKEN) * price.outputPerMillion) / 1_000_000;
}

/** True once the reply, cleaned, holds a whole first line: all a one-line suggestion can use. */
function firstLineDone(reply: string, prompt: CompletionPrompt): boolean {
  let cleaned = cleanAnswer(reply, prompt.context, prompt.holeMarker);
  if (prompt.context.linePrefix.trim() === '') cleaned = cleaned.replace(/^(?:[ \t]*\n)+/, '');
  return /^[^\n]*\S[^\n]*\n/.test(cleaned) || (cleaned.startsWith('\n') && prompt.context.linePrefix.trim() !== '');
}

export async function requestCompletion(
  provider: Pick<ModelProvider, 'stream'>,
  prompt: CompletionPrompt,
  price: Price,
  signal: AbortSignal,
): Promise<CompletionRequestResult> {
  const stream = new AbortController();
  const forward = (): void => stream.abort();
  if (signal.aborted) stream.abort();
  else signal.addEventListener('abort', forward, { once: true });
  let reply = '';
  let usage: Usage | undefined;
  let error: ProviderErrorInfo | undefined;
  try {
    for await (const chunk of provider.stream(prompt.request, stream.signal)) {
      if (chunk.type === 'text') {
        reply += chunk.text;
        if (!prompt.multiline && firstLineDone(reply, prompt)) break;
      } else if (chunk.type === 'usage') {
        usage = chunk.usage;
      } else if (chunk.type === 'error') {
        error = chunk.error;
        break;
      }
    }
  } catch (thrown) {
    // Providers never throw by contract; one that does must cost a suggestion, not the user's typing.
    error = { kind: 'protocol', message: thrown instanceof Error ? thrown.message : String(thrown), action: 'none' };
  } finally {
    stream.abort();
    signal.removeEventListener('abort', forward);
  }
  const costEstimated = usage === undefined;
  // A request refused before any text (bad key, quota, rate limit) is not billed; counting it would let a wrong
  // key use up the daily cap.
  const refused = error !== undefined && reply === '' && !signal.aborted;
  const costUsd = usage ? usageCost(usage, price) : refused ? 0 : estimateCost(prompt.promptTokens, reply.length, price);
  if (signal.aborted) return { costUsd, costEstimated };
  if (error && error.kind !== 'cancelled') return { costUsd, costEstimated, failed: true, error };
  const processed = postprocessCompletion(reply, prompt.context, { multiline: prompt.multiline, holeMarker: prompt.holeMarker });
  return processed.ok ? { answer: processed.answer, costUsd, costEstimated } : { costUsd, costEstimated, rejection: processed.reason };
}
