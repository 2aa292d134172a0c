// One answer from the first request to the last chunk: automatic continuation of an answer cut at the output limit
// (joined without a seam), usage added up over the rounds, a user's Stop turned into a way of ending rather than an
// error. The caller decides where deltas and notices go; nothing here knows a wire format or a UI.

import type { ChatMessage, Chunk, Usage } from '../providers/types';
import type { FinishReason } from '../vocabulary';
import { CONTINUE_INSTRUCTION, ContinuationJoiner } from './continuation';
import type { StoredError } from './types';

export interface AnswerOptions {
  /** How many times an answer cut at the output limit is continued automatically. */
  readonly autoContinueLimit: number;
  readonly signal: AbortSignal;
  /** Text and thought deltas as they should be shown (a continuation's repeated start already removed). */
  readonly onDelta: (kind: 'text' | 'thought', text: string) => void;
  /** A transient line about the request (a retry after a rate limit); '' clears it. */
  readonly onStatus: (text: string) => void;
  readonly onContinue?: (round: number) => void;
}

export interface AnswerResult {
  readonly text: string;
  readonly thoughts: string;
  readonly usage?: Usage;
  readonly finish?: FinishReason;
  readonly error?: StoredError;
  readonly providerState?: unknown;
  readonly continuations: number;
}

/** `stream` makes one request with the given messages; it is called again for each continuation. */
export async function runAnswer(history: readonly ChatMessage[], stream: (messages: readonly ChatMessage[]) => AsyncIterable<Chunk>, options: AnswerOptions): Promise<AnswerResult> {
  const { signal } = options;
  let text = '';
  let thoughts = '';
  let usage: Usage | undefined;
  let finish: FinishReason | undefined;
  let error: StoredError | undefined;
  let providerState: unknown;
  let continuations = 0;
  let status = '';
  const setStatus = (next: string) => {
    if (next === status) return;
    status = next;
    options.onStatus(next);
  };

  // A Stop before the request (while context was gathered) sends nothing.
  if (signal.aborted) return { text, thoughts, finish: 'stopped', continuations };

  for (;;) {
    const messages: ChatMessage[] =
      continuations === 0
        ? [...history]
        : [...history, { role: 'assistant', parts: [{ kind: 'text', text }] }, { role: 'user', parts: [{ kind: 'text', text: CONTINUE_INSTRUCTION }] }];
    const joiner = continuations > 0 ? new ContinuationJoiner(text) : undefined;
    let roundUsage: Usage | undefined;
    finish = undefined;
    for await (const chunk of stream(messages)) {
      if (chunk.type !== 'retrying') setStatus('');
      switch (chunk.type) {
        case 'text': {
          const shown = joiner ? joiner.push(chunk.text) : chunk.text;
          text += shown;
          options.onDelta('text', shown);
          break;
        }
        case 'thought':
          thoughts += chunk.text;
          options.onDelta('thought', chunk.text);
          break;
        case 'retrying':
          setStatus(chunk.message);
          break;
        case 'usage':
          roundUsage = chunk.usage;
          break;
        case 'finish':
          finish = chunk.reason;
          providerState = chunk.providerState;
          break;
        case 'error':
          if (chunk.error.kind === 'cancelled') finish = 'stopped';
          else error = { kind: chunk.error.kind, message: chunk.error.message, action: chunk.error.action };
          break;
      }
    }
    setStatus('');
    if (joiner) {
      const rest = joiner.flush();
      text += rest;
      options.onDelta('text', rest);
    }
    if (roundUsage) usage = addUsage(usage, roundUsage);
    if (signal.aborted && !error) finish = 'stopped';
    if (finish === 'length' && !error && !signal.aborted && continuations < options.autoContinueLimit) {
      continuations++;
      options.onContinue?.(continuations);
      continue;
    }
    return { text, thoughts, usage, finish, error, providerState, continuations };
  }
}

function addUsage(a: Usage | undefined, b: Usage): Usage {
  if (!a) return b;
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    thoughtTokens: a.thoughtTokens + b.thoughtTokens,
    cachedTokens: a.cachedTokens + b.cachedTokens,
  };
}
