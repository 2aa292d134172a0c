// Decides, keystroke by keystroke, whether a completion request is worth its cost, and makes sure there is never
// more than one. Each call first cancels the previous one (its debounce, or its request through the request's
// AbortController), then answers from the cache when the user is typing through a suggestion, and only after
// the debounce asks the model. The debounce follows the typist's rhythm (rhythmDebounce), with the setting as its
// floor. The host calls `complete` from its inline completion provider and `noteEdit` from its document change
// listener (which also tells pastes and accepts apart); the rest is bookkeeping for the status bar and the logs.
import { isSecretPath } from '../context/exclude';
import { CompletionCache } from './cache';
import { type Clock, systemClock } from './clock';
import { canCompleteBefore, lineSuffixOf } from './cursor';
import {
  type CompletionBlock,
  type CompletionSettings,
  DEFAULT_COMPLETION_SETTINGS,
  describeBlock,
  languageEnabled,
} from './settings';
import { DailySpend, type SpendState } from './spend';
import type { CompletionAnswer, CompletionDocument } from './types';

export interface FetchedCompletion {
  /** The post-processed suggestion; absent when the model had nothing worth showing. */
  readonly answer?: CompletionAnswer;
  /** What the request cost, estimated when it stopped before the provider reported usage. */
  readonly costUsd: number;
  /** The request failed (network, auth, quota): nothing to show, and worth a log line. */
  readonly failed?: boolean;
}

/** Asks the model for one suggestion. Must stop promptly when `signal` aborts, and never reject. */
export type CompletionFetch = (doc: CompletionDocument, signal: AbortSignal) => Promise<FetchedCompletion>;

export type NoSuggestionReason =
  | CompletionBlock
  /** A newer keystroke took over. */
  | 'superseded'
  /** The host cancelled (the editor's cancellation token). */
  | 'cancelled'
  /** The model answered nothing worth showing. */
  | 'nothing'
  | 'failed';

export type CompletionOutcome =
  | { readonly kind: 'suggestion'; readonly answer: CompletionAnswer; readonly fromCache: boolean }
  | { readonly kind: 'none'; readonly reason: NoSuggestionReason };

/** Counts for the log: never any code. */
export interface CompletionStats {
  readonly requests: number;
  /** Requests a newer keystroke (or the host) aborted. */
  readonly aborted: number;
  readonly failed: number;
  /** Suggestions served without a request: typed through, or back at a place already asked about. */
  readonly cacheHits: number;
  /** Distinct suggestions shown (typing through one counts once). */
  readonly shown: number;
  readonly accepted: number;
  readonly partiallyAccepted: number;
}

export type CompletionState = 'off' | 'on' | 'snoozed' | 'capped' | 'restricted';

export interface CompletionStatus {
  readonly state: CompletionState;
  readonly todayCostUsd: number;
  readonly capUsd: number;
  readonly snoozedUntil?: number;
  /** Why completions are not on, for the status bar tooltip. */
  readonly message?: string;
}

export interface SchedulerOptions {
  readonly fetch: CompletionFetch;
  readonly clock?: Clock;
  readonly settings?: CompletionSettings;
  /** Restricted Mode (an untrusted workspace): no completions. */
  readonly restricted?: boolean;
  /** Git-ignored and user-excluded files; secret-looking paths are refused whatever this says. */
  readonly isExcluded?: (path: string) => boolean;
  /** Today's spend as persisted by the host, so a reload keeps the cap. */
  readonly spend?: SpendState;
  readonly dayOf?: (ms: number) => string;
  /** Called when the status changes (on/off/snoozed/capped) or today's cost grows. */
  readonly onStatus?: (status: CompletionStatus) => void;
}

interface Debounce {
  readonly timer: unknown;
  readonly finish: (fired: boolean) => void;
}

interface Flight {
  readonly controller: AbortController;
  readonly settled: Promise<unknown>;
}

/** Gaps longer than this are pauses, not the rhythm of typing. */
const BURST_GAP_MS = 1_500;
/** The rhythm is read from this many recent gaps, and needs a few before it counts. */
const RHYTHM_KEYS = 24;
const MIN_RHYTHM_KEYS = 6;
/** A pause this many times the user's usual gap between keys is a pause, not a hesitation mid-word. */
const RHYTHM_FACTOR = 2.5;
const MAX_RHYTHM_DEBOUNCE_MS = 700;

/**
 * The debounce for a typist whose recent gaps between keys are `gaps`: the setting, or longer when they type in
 * bursts with hesitations longer than it. A request only pays off if its answer arrives before the next key,
 * and with a fixed 150 ms most requests of an ordinary typist are aborted by that key (see the simulation).
 */
export function rhythmDebounce(gaps: readonly number[], floorMs: number): number {
  if (gaps.length < MIN_RHYTHM_KEYS) return floorMs;
  const sorted = [...gaps].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return Math.max(floorMs, Math.min(MAX_RHYTHM_DEBOUNCE_MS, Math.round(median * RHYTHM_FACTOR)));
}

function none(reason: NoSuggestionReason): CompletionOutcome {
  return { kind: 'none', reason };
}

export class CompletionScheduler {
  private readonly clock: Clock;
  private readonly fetch: CompletionFetch;
  private readonly isExcluded: (path: string) => boolean;
  private readonly onStatus?: (status: CompletionStatus) => void;
  private readonly cache = new CompletionCache();
  private readonly spend: DailySpend;
  private settings: CompletionSettings;
  private restricted: boolean;
  private call = 0;
  private debounce?: Debounce;
  private flight?: Flight;
  private pastePaused = false;
  private snoozedUntil?: number;
  private snoozeTimer?: unknown;
  private shown?: { readonly path: string; readonly id: number; readonly text: string };
  private lastKeyAt?: number;
  private readonly gaps: number[] = [];
  private readonly counts = { requests: 0, aborted: 0, failed: 0, cacheHits: 0, shown: 0, accepted: 0, partiallyAccepted: 0 };

  constructor(options: SchedulerOptions) {
    this.clock = options.clock ?? systemClock;
    this.fetch = options.fetch;
    this.settings = options.settings ?? DEFAULT_COMPLETION_SETTINGS;
    this.restricted = options.restricted ?? false;
    this.isExcluded = options.isExcluded ?? (() => false);
    this.onStatus = options.onStatus;
    this.spend = new DailySpend(() => this.clock.now(), options.spend, options.dayOf);
  }

  /** One keystroke's completion. Cancels whatever the previous keystroke started. */
  async complete(doc: CompletionDocument, signal?: AbortSignal): Promise<CompletionOutcome> {
    const call = ++this.call;
    this.cancel();
    const block = this.blockFor(doc);
    if (block) return none(block);
    const hit = this.cache.lookup(doc);
    if (hit) {
      this.counts.cacheHits++;
      return this.show(doc.path, hit.suggestionId, hit.answer, true);
    }
    if (signal?.aborted) return none('cancelled');
    const fired = await this.wait(this.debounceMs(), signal);
    if (!fired || call !== this.call) return none(signal?.aborted ? 'cancelled' : 'superseded');
    // An aborted request must be gone before the next one leaves: never two at once, even for a moment.
    if (this.flight) await this.flight.settled;
    if (call !== this.call) return none('superseded');
    if (this.capReached()) return none('spendCap');
    return this.request(doc, call, signal);
  }

  /** From the document change listener: the text one change inserted in `path` ('' for a deletion). */
  noteEdit(path: string, inserted: string): void {
    this.noteKeystroke();
    const shown = this.shown;
    // One character matching is typing; Tab, Accept Word and Accept Line insert more at once.
    if (shown && shown.path === path && inserted.length > 1) {
      if (inserted === shown.text) {
        this.counts.accepted++;
        this.shown = undefined;
        this.pastePaused = false;
        return;
      }
      if (shown.text.startsWith(inserted)) {
        this.counts.partiallyAccepted++;
        this.pastePaused = false;
        return;
      }
    }
    this.pastePaused = inserted.length >= this.settings.pasteChars;
  }

  /** Stops the pending debounce and the request in flight (editor closed, focus lost, Escape). */
  cancel(): void {
    const debounce = this.debounce;
    this.debounce = undefined;
    if (debounce) {
      this.clock.clearTimer(debounce.timer);
      debounce.finish(false);
    }
    this.flight?.controller.abort();
  }

  snooze(ms: number): void {
    this.snoozedUntil = this.clock.now() + ms;
    this.cancel();
    if (this.snoozeTimer !== undefined) this.clock.clearTimer(this.snoozeTimer);
    this.snoozeTimer = this.clock.setTimer(() => this.resume(), ms);
    this.notify();
  }

  resume(): void {
    if (this.snoozeTimer !== undefined) this.clock.clearTimer(this.snoozeTimer);
    this.snoozeTimer = undefined;
    this.snoozedUntil = undefined;
    this.notify();
  }

  update(change: { readonly settings?: CompletionSettings; readonly restricted?: boolean }): void {
    if (change.settings) this.settings = change.settings;
    if (change.restricted !== undefined) this.restricted = change.restricted;
    if (this.blockedEverywhere()) this.cancel();
    this.notify();
  }

  status(): CompletionStatus {
    const todayCostUsd = this.spend.today();
    const capUsd = this.settings.dailySpendCapUsd;
    const base = { todayCostUsd, capUsd };
    if (!this.settings.enabled) return { ...base, state: 'off', message: describeBlock('off') };
    if (this.restricted) return { ...base, state: 'restricted', message: describeBlock('restricted') };
    if (this.isSnoozed()) return { ...base, state: 'snoozed', snoozedUntil: this.snoozedUntil, message: describeBlock('snoozed', { snoozedUntil: this.snoozedUntil }) };
    if (this.capReached()) return { ...base, state: 'capped', message: describeBlock('spendCap', { spentUsd: todayCostUsd, capUsd }) };
    return { ...base, state: 'on' };
  }

  stats(): CompletionStats {
    return { ...this.counts };
  }

  /** For the host to persist after each request. */
  spendState(): SpendState {
    return this.spend.state();
  }

  dispose(): void {
    this.cancel();
    if (this.snoozeTimer !== undefined) this.clock.clearTimer(this.snoozeTimer);
    this.snoozeTimer = undefined;
    this.cache.clear();
  }

  private async request(doc: CompletionDocument, call: number, signal?: AbortSignal): Promise<CompletionOutcome> {
    const controller = new AbortController();
    const onCancel = (): void => controller.abort();
    signal?.addEventListener('abort', onCancel, { once: true });
    this.counts.requests++;
    const settled = this.fetch(doc, controller.signal).catch((): FetchedCompletion => ({ costUsd: 0, failed: true }));
    const flight: Flight = { controller, settled };
    this.flight = flight;
    const result = await settled;
    signal?.removeEventListener('abort', onCancel);
    if (this.flight === flight) this.flight = undefined;
    if (result.costUsd > 0) {
      this.spend.add(result.costUsd);
      this.notify();
    }
    if (controller.signal.aborted) {
      this.counts.aborted++;
      return none(signal?.aborted ? 'cancelled' : 'superseded');
    }
    if (result.failed) {
      this.counts.failed++;
      return none('failed');
    }
    if (!result.answer) return none('nothing');
    const id = this.cache.store(doc, result.answer);
    if (call !== this.call) return none('superseded');
    return this.show(doc.path, id, result.answer, false);
  }

  private show(path: string, id: number, answer: CompletionAnswer, fromCache: boolean): CompletionOutcome {
    if (this.shown?.id !== id) this.counts.shown++;
    this.shown = { path, id, text: answer.text };
    return { kind: 'suggestion', answer, fromCache };
  }

  private wait(ms: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      let debounce: Debounce | undefined = undefined;
      const onCancel = (): void => {
        if (debounce && this.debounce === debounce) this.debounce = undefined;
        if (debounce) this.clock.clearTimer(debounce.timer);
        finish(false);
      };
      const finish = (fired: boolean): void => {
        signal?.removeEventListener('abort', onCancel);
        resolve(fired);
      };
      const timer = this.clock.setTimer(() => {
        if (this.debounce === debounce) this.debounce = undefined;
        finish(true);
      }, ms);
      debounce = { timer, finish };
      this.debounce = debounce;
      signal?.addEventListener('abort', onCancel, { once: true });
    });
  }

  private noteKeystroke(): void {
    const now = this.clock.now();
    if (this.lastKeyAt !== undefined && now - this.lastKeyAt < BURST_GAP_MS) {
      this.gaps.push(now - this.lastKeyAt);
      if (this.gaps.length > RHYTHM_KEYS) this.gaps.shift();
    }
    this.lastKeyAt = now;
  }

  private debounceMs(): number {
    const floor = this.settings.debounceMs;
    return this.settings.adaptiveDebounce ? rhythmDebounce(this.gaps, floor) : floor;
  }

  private blockFor(doc: CompletionDocument): CompletionBlock | undefined {
    if (!this.settings.enabled) return 'off';
    if (this.restricted) return 'restricted';
    if (!languageEnabled(this.settings.languages, doc.languageId)) return 'language';
    if (isSecretPath(doc.path) || this.isExcluded(doc.path)) return 'excluded';
    if (this.isSnoozed()) return 'snoozed';
    if (this.capReached()) return 'spendCap';
    if (this.pastePaused) return 'paste';
    if (!canCompleteBefore(lineSuffixOf(doc))) return 'position';
    return undefined;
  }

  private blockedEverywhere(): boolean {
    return !this.settings.enabled || this.restricted || this.isSnoozed() || this.capReached();
  }

  private isSnoozed(): boolean {
    return this.snoozedUntil !== undefined && this.clock.now() < this.snoozedUntil;
  }

  private capReached(): boolean {
    return this.spend.today() >= this.settings.dailySpendCapUsd;
  }

  private notify(): void {
    this.onStatus?.(this.status());
  }
}
