// Replays a typing trace through the real scheduler, prompt builder, request and post-processing against a fake
// model that answers after a fixed time to first token, all on a virtual clock. It counts what costs money and
// what the rules forbid (requests, overlapping requests), not how fast this machine is: the same trace gives the
// same counts anywhere. A later benchmark can reuse it with a real clock and a fake server.
import { DEFAULT_PRICES } from '../providers/price';
import type { Chunk, ModelProvider } from '../providers/types';
import { VirtualClock } from './clock';
import { buildCompletionPrompt } from './prompt';
import { requestCompletion } from './request';
import { CompletionScheduler, type CompletionStats } from './scheduler';
import { type CompletionSettings, DEFAULT_COMPLETION_SETTINGS } from './settings';
import type { CompletionDocument } from './types';
import { type TypingTrace, replayEdits } from './typingTrace';

export interface FakeModel {
  readonly timeToFirstTokenMs: number;
  /** The whole reply the model streams for this document. */
  readonly reply: (doc: CompletionDocument) => string;
}

export interface SimulationOptions {
  readonly trace: TypingTrace;
  readonly model: FakeModel;
  /** On top of the defaults, with completions turned on. */
  readonly settings?: Partial<CompletionSettings>;
}

export interface SimulationReport {
  /** Keystrokes that typed a character (Enter counts once); pastes and Backspace do not. */
  readonly typedChars: number;
  readonly keystrokes: number;
  readonly requests: number;
  readonly requestsPer100Chars: number;
  /** Requests started while another was still open at the fake model. */
  readonly overlappingRequests: number;
  readonly maxOpenRequests: number;
  readonly stats: CompletionStats;
  /** Virtual milliseconds from a keystroke to its suggestion, for suggestions the model answered. */
  readonly modelSuggestionDelaysMs: readonly number[];
  readonly spentUsd: number;
}

const START = Date.UTC(2026, 0, 5, 9, 0, 0);

/** Waits `ms` on the clock; false when the signal aborts first. */
function sleep(clock: VirtualClock, ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = clock.setTimer(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clock.clearTimer(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

class OpenRequests {
  open = 0;
  max = 0;
  overlapping = 0;
  begin(): void {
    if (this.open > 0) this.overlapping++;
    this.open++;
    this.max = Math.max(this.max, this.open);
  }
  end(): void {
    this.open--;
  }
}

function fakeProvider(clock: VirtualClock, model: FakeModel, doc: CompletionDocument, open: OpenRequests): Pick<ModelProvider, 'stream'> {
  return {
    async *stream(request, signal): AsyncIterable<Chunk> {
      open.begin();
      try {
        if (!(await sleep(clock, model.timeToFirstTokenMs, signal))) return;
        const text = model.reply(doc);
        if (text) yield { type: 'text', text };
        const promptChars = (request.system?.length ?? 0) + request.messages.reduce((n, m) => n + m.parts.reduce((k, p) => k + (p.kind === 'text' ? p.text.length : 0), 0), 0);
        yield { type: 'usage', usage: { promptTokens: Math.ceil(promptChars / 4), outputTokens: Math.ceil(text.length / 4), thoughtTokens: 0, cachedTokens: 0 } };
        yield { type: 'finish', reason: 'stop' };
      } finally {
        open.end();
      }
    },
  };
}

export async function simulateTyping(options: SimulationOptions): Promise<SimulationReport> {
  const { trace, model } = options;
  const settings: CompletionSettings = { ...DEFAULT_COMPLETION_SETTINGS, enabled: true, ...options.settings };
  const clock = new VirtualClock(START);
  const open = new OpenRequests();
  const scheduler = new CompletionScheduler({
    clock,
    settings,
    fetch: (doc, signal) => {
      const prompt = buildCompletionPrompt({ document: doc }, { model: 'fake', family: 'gemini', multiline: settings.multiline });
      return requestCompletion(fakeProvider(clock, model, doc, open), prompt, DEFAULT_PRICES[settings.model], signal);
    },
  });

  const delays: number[] = [];
  const outcomes: Promise<void>[] = [];
  let typedChars = 0;
  let keystrokes = 0;
  for (const state of replayEdits(trace)) {
    await clock.advance(state.step.gapMs);
    keystrokes++;
    if (state.step.kind === 'type') typedChars++;
    scheduler.noteEdit(trace.path, state.inserted);
    const doc: CompletionDocument = { text: state.text, offset: state.cursor, languageId: trace.languageId, path: trace.path };
    const pressedAt = clock.now();
    outcomes.push(
      scheduler.complete(doc).then((outcome) => {
        if (outcome.kind === 'suggestion' && !outcome.fromCache) delays.push(clock.now() - pressedAt);
      }),
    );
  }
  await clock.advance(60_000);
  await Promise.all(outcomes);

  const stats = scheduler.stats();
  return {
    typedChars,
    keystrokes,
    requests: stats.requests,
    requestsPer100Chars: typedChars === 0 ? 0 : (stats.requests * 100) / typedChars,
    overlappingRequests: open.overlapping,
    maxOpenRequests: open.max,
    stats,
    modelSuggestionDelaysMs: delays,
    spentUsd: scheduler.spendState().spentUsd,
  };
}

/** Multiplicative hashing: a fixed, evenly spread choice per cursor offset. */
function chosen(offset: number, share: number): boolean {
  return ((Math.imul(offset + 1, 2654435761) >>> 0) / 4294967296) < share;
}

/**
 * A fake model that knows the text being typed: for a share (`accuracy`) of requests it answers the rest of
 * the cursor's line, for the others a plausible wrong guess. Requests after a typo are always wrong.
 */
export function foresightModel(target: string, accuracy: number, timeToFirstTokenMs = 150): FakeModel {
  return {
    timeToFirstTokenMs,
    reply: (doc) => {
      const prefix = doc.text.slice(0, doc.offset);
      if (!target.startsWith(prefix) || !chosen(doc.offset, accuracy)) return 'undefined;';
      const end = target.indexOf('\n', doc.offset);
      return target.slice(doc.offset, end === -1 ? undefined : end);
    },
  };
}
