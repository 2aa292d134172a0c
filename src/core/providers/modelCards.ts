// What Tandem knows of each model it is built for, in ONE record per model slot: names, what it can do (think,
// read images), its limits and prices. Capability questions ("does this model think?") ask the card, never the
// slot's name; the settings' defaults, the price table, the known-model limits and the status bar's short label
// are read from here. The package.json defaults of tandem.<slot>.* say the same (a unit test keeps them in step).
import type { TokenFamily } from '../context/types';
import type { Price } from './price';
import { THINKING_LEVELS, type ModelSlot, type ThinkingLevel } from '../vocabulary';

export interface ModelCard {
  readonly slot: ModelSlot;
  /** The model id used unless `tandem.<slot>.model` names another. */
  readonly id: string;
  readonly displayName: string;
  /** Where space is short (the status bar). */
  readonly shortLabel: string;
  /** The thinking levels it accepts, or undefined when it has no reasoning control. */
  readonly thinking?: readonly ThinkingLevel[];
  readonly images: boolean;
  /** Tokens, the defaults of `tandem.<slot>.contextWindow` and `tandem.<slot>.maxOutputTokens`. */
  readonly contextWindow: number;
  readonly maxOutputTokens: number;
  /** US dollars per 1M tokens, the default of `tandem.<slot>.price`; cached input is billed at a tenth of input. */
  readonly price: Price;
  /**
   * How its tokens are counted: the tokenizer family, and whether that count is an estimate (Gemini's tokenizer is
   * not public), which a chat corrects from the prompt counts its answers report.
   */
  readonly tokens: { readonly family: TokenFamily; readonly estimated: boolean };
}

export const MODEL_CARDS: Readonly<Record<ModelSlot, ModelCard>> = {
  gemini: {
    slot: 'gemini',
    id: 'gemini-3.1-flash-lite',
    displayName: 'Gemini 3.1 Flash-Lite',
    shortLabel: 'Gemini',
    thinking: THINKING_LEVELS,
    images: true,
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    price: { inputPerMillion: 0.25, cachedInputPerMillion: 0.025, outputPerMillion: 1.5 },
    tokens: { family: 'gemini', estimated: true },
  },
  gpt: {
    slot: 'gpt',
    id: 'gpt-5.3-chat-latest',
    displayName: 'GPT-5.3 Chat',
    shortLabel: 'GPT',
    images: true,
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    price: { inputPerMillion: 1.75, cachedInputPerMillion: 0.175, outputPerMillion: 14 },
    tokens: { family: 'gpt', estimated: false },
  },
};

export const MODEL_CARD_SLOTS = Object.keys(MODEL_CARDS) as ModelSlot[];

export function isModelSlot(value: unknown): value is ModelSlot {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(MODEL_CARDS, value);
}

export function modelCard(slot: ModelSlot): ModelCard {
  return MODEL_CARDS[slot];
}

/**
 * What to call the model a slot uses: the card's name for the card's model, else the id the user picked
 * ("gemini-2.5-flash" is not "Gemini 3.1 Flash-Lite", whatever slot it runs in).
 */
export function modelLabel(slot: ModelSlot, modelId: string): string {
  const card = MODEL_CARDS[slot];
  return !modelId || modelId === card.id ? card.displayName : modelId;
}
