// The models an endpoint lists, and what Tandem knows of their limits and prices. Model ids change (gpt-5.3-chat-
// latest is deprecated), so the user may pick any listed model; limits come from the table of known models, else
// from what the endpoint says (Gemini's models.list gives token limits, some compatible servers a context length),
// else the current settings stay and the picker says they are unverified.
import { formatTokens } from '../vocabulary';
import { MODEL_CARDS } from './modelCards';
import type { Price } from './price';
import type { ModelInfo } from './types';

export interface KnownModel {
  readonly contextWindow: number;
  readonly maxOutputTokens: number;
  readonly price: Price;
}

/** The two models Tandem is built for (docs/protocols.md); other ids are looked up on the endpoint. */
export const KNOWN_MODELS: Readonly<Record<string, KnownModel>> = Object.fromEntries(
  Object.values(MODEL_CARDS).map((card) => [card.id, { contextWindow: card.contextWindow, maxOutputTokens: card.maxOutputTokens, price: card.price }]),
);

export interface ModelLimits {
  readonly contextWindow?: number;
  readonly maxOutputTokens?: number;
  readonly price?: Price;
  /** Where the numbers come from: Tandem's table, the endpoint's list, or nowhere (the settings stay as they are). */
  readonly source: 'known' | 'endpoint' | 'unknown';
}

export function limitsFor(model: ModelInfo): ModelLimits {
  const known = Object.prototype.hasOwnProperty.call(KNOWN_MODELS, model.id) ? KNOWN_MODELS[model.id] : undefined;
  if (known) return { ...known, source: 'known' };
  if (model.contextWindow) return { contextWindow: model.contextWindow, maxOutputTokens: model.maxOutputTokens, source: 'endpoint' };
  return { source: 'unknown' };
}

const positive = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined);
const records = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null) : []);

/** One page of Gemini's models.list: only models that can stream an answer. */
export function parseGeminiModels(json: unknown): { models: ModelInfo[]; nextPageToken?: string } {
  const body = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const models = records(body.models)
    .filter((m) => {
      const methods = m.supportedGenerationMethods;
      return !Array.isArray(methods) || methods.includes('streamGenerateContent') || methods.includes('generateContent');
    })
    .flatMap((m): ModelInfo[] => {
      const id = typeof m.name === 'string' ? m.name.replace(/^models\//, '') : '';
      if (!id) return [];
      return [{ id, displayName: typeof m.displayName === 'string' ? m.displayName : undefined, contextWindow: positive(m.inputTokenLimit), maxOutputTokens: positive(m.outputTokenLimit) }];
    });
  return { models, nextPageToken: typeof body.nextPageToken === 'string' && body.nextPageToken ? body.nextPageToken : undefined };
}

/** Vertex AI's publishers/google/models list. */
export function parseVertexModels(json: unknown): { models: ModelInfo[]; nextPageToken?: string } {
  const body = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const models = records(body.publisherModels).flatMap((m): ModelInfo[] => {
    const id = typeof m.name === 'string' ? m.name.replace(/^publishers\/[^/]+\/models\//, '') : '';
    return id ? [{ id }] : [];
  });
  return { models, nextPageToken: typeof body.nextPageToken === 'string' && body.nextPageToken ? body.nextPageToken : undefined };
}

/** GET /v1/models of the OpenAI-format endpoints (some compatible servers say their context length). */
export function parseOpenAIModels(json: unknown): ModelInfo[] {
  const body = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  return records(body.data).flatMap((m): ModelInfo[] => {
    const id = typeof m.id === 'string' ? m.id : '';
    if (!id) return [];
    const contextWindow = positive(m.context_length) ?? positive(m.context_window) ?? positive(m.max_model_len);
    return [{ id, contextWindow, maxOutputTokens: positive(m.max_completion_tokens) ?? positive(m.max_output_tokens) }];
  });
}

export interface SlotLimits {
  readonly contextWindow: number;
  readonly maxOutputTokens: number;
  readonly price: Price;
}

export interface ModelChoice {
  readonly model: string;
  readonly contextWindow: number;
  readonly maxOutputTokens: number;
  readonly price: Price;
  /** What the user is told about numbers Tandem could not verify; undefined when all of them are known. */
  readonly unverified?: string;
}

/** The settings a picked model implies: its known or stated limits and prices, else the current ones, said so. */
export function chooseModel(model: ModelInfo, current: SlotLimits): ModelChoice {
  const limits = limitsFor(model);
  const contextWindow = limits.contextWindow ?? current.contextWindow;
  const maxOutputTokens = Math.min(limits.maxOutputTokens ?? current.maxOutputTokens, contextWindow);
  const price = limits.price ?? current.price;
  const unknown: string[] = [];
  if (!limits.contextWindow) unknown.push(`a context window of ${contextWindow.toLocaleString('en-US')} tokens`);
  if (!limits.maxOutputTokens) unknown.push(`an output limit of ${maxOutputTokens.toLocaleString('en-US')} tokens`);
  if (!limits.price) unknown.push(`prices of $${price.inputPerMillion} / $${price.cachedInputPerMillion} / $${price.outputPerMillion} per 1M tokens (input / cached / output)`);
  const unverified = unknown.length ? `Tandem does not know ${model.id}'s ${limits.contextWindow ? '' : 'limits or '}prices, so it keeps ${joinList(unknown)}. Change them in Settings if they differ.` : undefined;
  return { model: model.id, contextWindow, maxOutputTokens, price, unverified };
}

/** For the picker: "1.0M context · 65K output · known" and the like. */
export function describeLimits(model: ModelInfo): string {
  const limits = limitsFor(model);
  if (limits.source === 'unknown') return 'limits and prices unknown: your current settings stay';
  const parts = [`${formatTokens(limits.contextWindow!)} context`];
  if (limits.maxOutputTokens) parts.push(`${formatTokens(limits.maxOutputTokens)} output`);
  parts.push(limits.price ? `$${limits.price.inputPerMillion} / $${limits.price.outputPerMillion} per 1M` : 'prices unknown');
  return parts.join(' · ');
}

function joinList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
