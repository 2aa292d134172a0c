import { defaultBaseUrl, ENDPOINT_KIND_IDS, endpointKind, type CredentialId, type EndpointKind, type WireRoute } from '../../core/providers/endpointKinds';
import { MODEL_CARD_SLOTS, modelCard, modelLabel } from '../../core/providers/modelCards';
import type { ModelSlot } from '../../core/providers/types';
import type { TandemSettings } from '../settings';

/** A slot's requests under the current settings: the kind's table row (endpointKinds.ts) with the settings applied. */
export interface ResolvedEndpoint {
  readonly slot: ModelSlot;
  /** The wire format the kind speaks for this slot, and how its key travels. */
  readonly route: WireRoute;
  readonly kind: EndpointKind;
  /** Scheme + host (+ port) + optional path prefix, no trailing slash. */
  readonly baseUrl: string;
  readonly origin: string;
  readonly credential: CredentialId;
  /** A key is optional only for a local OpenAI-compatible server. */
  readonly credentialRequired: boolean;
  /** "Gemini 3.1 Flash-Lite via Vertex AI". */
  readonly label: string;
  /** "Vertex AI": the route alone, for the status bar. */
  readonly kindLabel: string;
  readonly model: string;
}

function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
}

export function resolveEndpoint(slot: ModelSlot, settings: TandemSettings): ResolvedEndpoint {
  const slotSettings = settings[slot];
  const kind: EndpointKind = slotSettings.provider;
  const info = endpointKind(kind);
  const route = info.serves[slot];
  // readSettings() keeps only kinds that serve the slot, so this is a programming error, not a user's.
  if (!route) throw new Error(`tandem.${slot}.provider '${kind}' does not serve ${modelCard(slot).displayName}.`);
  const baseUrl = (slotSettings.baseUrl || defaultBaseUrl(kind, settings.gemini.vertexLocation)).replace(/\/+$/, '');
  return {
    slot,
    route,
    kind,
    baseUrl,
    origin: originOf(baseUrl),
    credential: info.credential.id,
    credentialRequired: info.credential.required,
    label: `${modelLabel(slot, slotSettings.model)} via ${info.label}`,
    kindLabel: info.label,
    model: slotSettings.model,
  };
}

/** Origins each credential is sent to under the current settings (one aggregator key may serve both slots). */
export function originsFor(credential: CredentialId, settings: TandemSettings): string[] {
  const origins = MODEL_CARD_SLOTS.map((slot) => resolveEndpoint(slot, settings))
    .filter((endpoint) => endpoint.credential === credential)
    .map((endpoint) => endpoint.origin);
  if (origins.length === 0) {
    const owner = ENDPOINT_KIND_IDS.find((kind) => endpointKind(kind).credential.id === credential);
    if (owner) origins.push(originOf(defaultBaseUrl(owner, 'global')));
  }
  return [...new Set(origins)];
}

/** See EndpointKindInfo.approximateTokenCounts. */
export function approximateTokenCounts(endpoint: ResolvedEndpoint): boolean {
  return endpointKind(endpoint.kind).approximateTokenCounts;
}
