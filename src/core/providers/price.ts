// What an answer costs. Both models cache prompt prefixes by themselves and bill cached input at a tenth of the
// input price; the reported prompt count includes the cached tokens. Thought tokens are billed as output.
import { MODEL_CARDS, MODEL_CARD_SLOTS } from './modelCards';
import type { ModelSlot, Usage } from './types';

/** US dollars per 1M tokens. */
export interface Price {
  readonly inputPerMillion: number;
  readonly cachedInputPerMillion: number;
  readonly outputPerMillion: number;
}

/** The defaults of the tandem.<slot>.price settings: each model card's price. */
export const DEFAULT_PRICES = Object.fromEntries(MODEL_CARD_SLOTS.map((slot) => [slot, MODEL_CARDS[slot].price])) as Readonly<Record<ModelSlot, Price>>;

export function usageCost(usage: Usage, price: Price): number {
  const cached = Math.min(usage.cachedTokens, usage.promptTokens);
  const input = (usage.promptTokens - cached) * price.inputPerMillion + cached * price.cachedInputPerMillion;
  return (input + (usage.outputTokens + usage.thoughtTokens) * price.outputPerMillion) / 1_000_000;
}

/** A price setting as typed by the user: each field a non-negative number, or its default. */
export function parsePrice(value: unknown, fallback: Price): Price {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const field = (key: keyof Price): number => {
    const n = record[key];
    return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : fallback[key];
  };
  return { inputPerMillion: field('inputPerMillion'), cachedInputPerMillion: field('cachedInputPerMillion'), outputPerMillion: field('outputPerMillion') };
}
