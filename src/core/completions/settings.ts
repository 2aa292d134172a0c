// Completion settings as read from untrusted configuration, and the rules that decide whether a document gets
// completions at all. Off until the user turns it on: every request costs money. The cap and the model decide
// how much is spent, so the host reads them from user settings only (see style.md).
import { isModelSlot } from '../providers/modelCards';
import type { ModelSlot } from '../providers/types';
import type { MultilineMode } from './types';

export const COMPLETION_SETTING = {
  enable: 'tandem.completions.enable',
  languages: 'tandem.completions.languages',
  debounceMs: 'tandem.completions.debounceMs',
  adaptiveDebounce: 'tandem.completions.adaptiveDebounce',
  dailySpendCapUsd: 'tandem.completions.dailySpendCapUsd',
  multiline: 'tandem.completions.multiline',
  model: 'tandem.completions.model',
} as const;

export interface CompletionSettings {
  readonly enabled: boolean;
  /** Like Copilot's `enable` map: a language id, or `*` for the rest, to true/false. */
  readonly languages: Readonly<Record<string, boolean>>;
  /** The least wait after a keystroke before asking the model. */
  readonly debounceMs: number;
  /** Waits longer while the user types in bursts (see rhythmDebounce in scheduler.ts). */
  readonly adaptiveDebounce: boolean;
  /** US dollars of completion requests per local day, after which completions stop until tomorrow. */
  readonly dailySpendCapUsd: number;
  readonly multiline: MultilineMode;
  /** Gemini by default; GPT-5.3 Chat costs about ten times more per answer and must be chosen. */
  readonly model: ModelSlot;
  /** An edit inserting at least this many characters at once is a paste: completions wait for the next keystroke. */
  readonly pasteChars: number;
}

export const DEFAULT_LANGUAGES: Readonly<Record<string, boolean>> = { '*': true, plaintext: false, markdown: false, scminput: false };

export const DEFAULT_COMPLETION_SETTINGS: CompletionSettings = {
  enabled: false,
  languages: DEFAULT_LANGUAGES,
  debounceMs: 150,
  adaptiveDebounce: true,
  dailySpendCapUsd: 0.5,
  multiline: 'auto',
  model: 'gemini',
  pasteChars: 50,
};

const LIMITS = {
  debounceMs: { min: 0, max: 2_000 },
  dailySpendCapUsd: { min: 0, max: 1_000 },
  pasteChars: { min: 2, max: 100_000 },
} as const;

function numberIn(value: unknown, limits: { min: number; max: number }, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= limits.min && value <= limits.max ? value : fallback;
}

function languageMap(value: unknown): Readonly<Record<string, boolean>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return DEFAULT_LANGUAGES;
  const map: Record<string, boolean> = {};
  for (const [language, on] of Object.entries(value)) if (typeof on === 'boolean') map[language] = on;
  return map;
}

/** Settings from raw configuration values: anything of the wrong type or out of range falls back to its default. */
export function parseCompletionSettings(raw: Readonly<Record<string, unknown>>): CompletionSettings {
  const d = DEFAULT_COMPLETION_SETTINGS;
  return {
    enabled: typeof raw.enabled === 'boolean' ? raw.enabled : d.enabled,
    languages: raw.languages === undefined ? d.languages : languageMap(raw.languages),
    debounceMs: numberIn(raw.debounceMs, LIMITS.debounceMs, d.debounceMs),
    adaptiveDebounce: typeof raw.adaptiveDebounce === 'boolean' ? raw.adaptiveDebounce : d.adaptiveDebounce,
    dailySpendCapUsd: numberIn(raw.dailySpendCapUsd, LIMITS.dailySpendCapUsd, d.dailySpendCapUsd),
    multiline: raw.multiline === 'always' || raw.multiline === 'never' || raw.multiline === 'auto' ? raw.multiline : d.multiline,
    model: isModelSlot(raw.model) ? raw.model : d.model,
    pasteChars: numberIn(raw.pasteChars, LIMITS.pasteChars, d.pasteChars),
  };
}

/** The language's own entry, else `*`, else on. */
export function languageEnabled(languages: Readonly<Record<string, boolean>>, languageId: string): boolean {
  if (Object.prototype.hasOwnProperty.call(languages, languageId)) return languages[languageId];
  if (Object.prototype.hasOwnProperty.call(languages, '*')) return languages['*'];
  return true;
}

/** Why a document gets no completion right now. */
export type CompletionBlock = 'off' | 'restricted' | 'language' | 'excluded' | 'snoozed' | 'spendCap' | 'paste' | 'position';

function dollars(usd: number): string {
  return `$${usd.toFixed(2)}`;
}

export interface BlockDetails {
  readonly languageId?: string;
  readonly spentUsd?: number;
  readonly capUsd?: number;
  readonly snoozedUntil?: number;
}

/** What the status bar says for a block (the position and paste blocks are per keystroke and say nothing). */
export function describeBlock(block: CompletionBlock, details: BlockDetails = {}): string {
  switch (block) {
    case 'off':
      return `Completions are off. Turn them on with ${COMPLETION_SETTING.enable}; each suggestion is a paid model request.`;
    case 'restricted':
      return 'Completions are off in Restricted Mode: trust this workspace to use them.';
    case 'language':
      return `Completions are off for ${details.languageId ?? 'this language'} (${COMPLETION_SETTING.languages}).`;
    case 'excluded':
      return 'No completions for this file: it looks like a secret, is git-ignored or is excluded (tandem.context.exclude), so it is never sent.';
    case 'snoozed':
      return details.snoozedUntil !== undefined ? `Completions are snoozed until ${new Date(details.snoozedUntil).toLocaleTimeString()}.` : 'Completions are snoozed.';
    case 'spendCap':
      return `Completions stopped for today: they cost ${dollars(details.spentUsd ?? 0)}, reaching the daily cap of ${dollars(details.capUsd ?? 0)} (${COMPLETION_SETTING.dailySpendCapUsd}). They resume tomorrow.`;
    case 'paste':
      return 'Completions wait for the next keystroke after a large paste.';
    case 'position':
      return 'No completion in the middle of a word or in front of code.';
  }
}
