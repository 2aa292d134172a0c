import type { ModelSlot } from '../../core/providers/types';
import type { CredentialId } from './keyStore';
import type { TandemSettings } from '../settings';

/** The wire format a slot speaks; everything else about an endpoint is a URL and a credential. */
export type WireFormat = 'gemini' | 'openai';
export type EndpointKind = 'gemini' | 'vertex' | 'vertexExpress' | 'cometapi' | 'openai' | 'openaiCompatible';

export interface ResolvedEndpoint {
  readonly slot: ModelSlot;
  readonly format: WireFormat;
  readonly kind: EndpointKind;
  /** Scheme + host (+ port) + optional path prefix, no trailing slash. */
  readonly baseUrl: string;
  readonly origin: string;
  readonly credential: CredentialId;
  /** A key is optional only for a local OpenAI-compatible server. */
  readonly credentialRequired: boolean;
  readonly label: string;
  readonly model: string;
}

const DEFAULT_BASE_URL: Readonly<Record<EndpointKind, string>> = {
  gemini: 'https://generativelanguage.googleapis.com',
  vertex: 'https://aiplatform.googleapis.com',
  vertexExpress: 'https://aiplatform.googleapis.com',
  cometapi: 'https://api.cometapi.com',
  openai: 'https://api.openai.com',
  openaiCompatible: 'http://127.0.0.1:11434',
};

const KIND_LABEL: Readonly<Record<EndpointKind, string>> = {
  gemini: 'Gemini API',
  vertex: 'Vertex AI',
  vertexExpress: 'Vertex AI (express)',
  cometapi: 'CometAPI',
  openai: 'OpenAI',
  openaiCompatible: 'OpenAI-compatible server',
};

export const MODEL_LABEL: Readonly<Record<ModelSlot, string>> = { gemini: 'Gemini 3.1 Flash-Lite', gpt: 'GPT-5.3 Chat' };
/** Where space is short (the status bar). */
export const MODEL_SHORT_LABEL: Readonly<Record<ModelSlot, string>> = { gemini: 'Gemini', gpt: 'GPT' };

/** Vertex AI's multi-region locations have their own hosts; a region is a prefix of the global host. */
const VERTEX_MULTI_REGION_HOST: Readonly<Record<string, string>> = { us: 'aiplatform.us.rep.googleapis.com', eu: 'aiplatform.eu.rep.googleapis.com' };

function defaultBaseUrl(kind: EndpointKind, settings: TandemSettings): string {
  const location = settings.gemini.vertexLocation;
  if (kind !== 'vertex' || location === 'global') return DEFAULT_BASE_URL[kind];
  const multiRegion = Object.prototype.hasOwnProperty.call(VERTEX_MULTI_REGION_HOST, location) ? VERTEX_MULTI_REGION_HOST[location] : undefined;
  return `https://${multiRegion ?? `${location}-aiplatform.googleapis.com`}`;
}

function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
}

export function resolveEndpoint(slot: ModelSlot, settings: TandemSettings): ResolvedEndpoint {
  const kind: EndpointKind = slot === 'gemini' ? settings.gemini.provider : settings.gpt.provider;
  const override = slot === 'gemini' ? settings.gemini.baseUrl : settings.gpt.baseUrl;
  const baseUrl = (override || defaultBaseUrl(kind, settings)).replace(/\/+$/, '');
  return {
    slot,
    format: slot === 'gemini' ? 'gemini' : 'openai',
    kind,
    baseUrl,
    origin: originOf(baseUrl),
    credential: kind,
    credentialRequired: kind !== 'openaiCompatible',
    label: `${MODEL_LABEL[slot]} via ${KIND_LABEL[kind]}`,
    model: slot === 'gemini' ? settings.gemini.model : settings.gpt.model,
  };
}

/** Origins each credential is sent to under the current settings (both slots may share CometAPI's key). */
export function originsFor(credential: CredentialId, settings: TandemSettings): string[] {
  const origins = (['gemini', 'gpt'] as const)
    .map((slot) => resolveEndpoint(slot, settings))
    .filter((endpoint) => endpoint.credential === credential)
    .map((endpoint) => endpoint.origin);
  if (origins.length === 0) origins.push(originOf(DEFAULT_BASE_URL[credential]));
  return [...new Set(origins)];
}

/**
 * Token counts for an endpoint's model are exact (o200k for OpenAI's models) or an estimate corrected by what the
 * API reports (Gemini); a local OpenAI-compatible model (Ollama, vLLM…) has its own tokenizer, so o200k only
 * approximates it and the chips say "≈".
 */
export function approximateTokenCounts(endpoint: ResolvedEndpoint): boolean {
  return endpoint.kind === 'openaiCompatible';
}
