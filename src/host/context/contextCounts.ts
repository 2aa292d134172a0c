// The token counters of the chat's context: exact for GPT (o200k, loaded soon after a GPT chat is first shown, so
// its first send does not wait ~300 ms for it), estimated for Gemini and corrected by what
// answers reported: per language across the workspace's chats, then by the chat's own latest report.
import type * as vscode from 'vscode';
import type { StoredMessage } from '../../core/chat/types';
import type { Counter } from '../../core/context/items';
import { factorOf, parseFactors, type LanguageFactors } from '../../core/context/languageCalibration';
import { geminiCalibration, learnLanguageFactors } from '../../core/context/promptTokens';
import { preloadTokenizer, TokenCounter } from '../../core/context/tokens';
import type { ModelSlot } from '../../core/providers/types';
import { modelCard } from '../../core/providers/modelCards';

const TOKENIZER_PRELOAD_DELAY_MS = 1500;
/** Kept per workspace: its instruction files ride in every request, so they are part of what the factors learn. */
const LANGUAGE_FACTORS_KEY = 'tandem.context.geminiLanguageFactors';

export class ContextCounts implements vscode.Disposable {
  private readonly counters = { gpt: new TokenCounter('gpt'), gemini: new TokenCounter('gemini') };
  private factors: LanguageFactors | undefined;
  /** Answers the factors have learned from in this window. */
  private readonly learned = new Set<string>();
  private tokenizerTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly systemPrompt: string,
  ) {}

  /** Plain counts for the slot's tokenizer (cached by key), with no correction. */
  plain(slot: ModelSlot): Counter {
    const counter = this.counters[modelCard(slot).tokens.family];
    return (text, key) => counter.count(text, key);
  }

  /** Counts for a request of this chat: exact, or the estimate corrected per language and by the chat's latest report. */
  forChat(slot: ModelSlot, history: readonly StoredMessage[]): Counter {
    const { family, estimated } = modelCard(slot).tokens;
    if (!estimated) return this.plain(slot);
    const counter = this.counters[family];
    const factors = this.languageFactors;
    const corrected: Counter = (text, key, languageId) => counter.count(text, key) * factorOf(factors, languageId);
    const ratio = geminiCalibration(history, this.systemPrompt, corrected);
    return (text, key, languageId) => Math.ceil(corrected(text, key, languageId) * ratio);
  }

  /** Learns from the chat's new Gemini answers; the factors are saved for the next window. */
  learnFrom(history: readonly StoredMessage[]): void {
    const before = this.languageFactors;
    const gemini = this.counters.gemini;
    this.factors = learnLanguageFactors(before, history, this.systemPrompt, (text, key) => gemini.count(text, key), this.learned);
    if (this.factors !== before) void this.memento.update(LANGUAGE_FACTORS_KEY, this.factors);
  }

  /** Loads o200k soon when the chat's model counts with it. Loading it blocks the extension host for ~300 ms (and
   * keeps ~24 MB): for a Gemini chat that was pure cost, and 1.5 s after the view opened it could delay the first
   * question (bench/latency.ts). A later switch to GPT loads it with that switch's chips. */
  preloadSoon(slot: ModelSlot): void {
    if (this.tokenizerTimer || this.disposed || modelCard(slot).tokens.family !== 'gpt') return;
    this.tokenizerTimer = setTimeout(() => {
      if (!this.disposed) preloadTokenizer();
    }, TOKENIZER_PRELOAD_DELAY_MS);
    this.tokenizerTimer.unref?.();
  }

  private get languageFactors(): LanguageFactors {
    return (this.factors ??= parseFactors(this.memento.get(LANGUAGE_FACTORS_KEY)));
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.tokenizerTimer);
  }
}
