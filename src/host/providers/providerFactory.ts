import { credentialLabel, endpointKind } from '../../core/providers/endpointKinds';
import { GeminiProvider, type GeminiEndpointKind } from '../../core/providers/gemini';
import type { TransportOptions } from '../../core/providers/http';
import { OpenAIChatProvider } from '../../core/providers/openaiChat';
import type { ModelProvider } from '../../core/providers/types';
import type { ProviderFactory } from './modelService';
import type { ResolvedEndpoint } from './endpoints';
import type { TandemSettings } from '../settings';

/** Builds the wire-format provider for a resolved endpoint from plain settings values. */
export const createProvider: ProviderFactory = (endpoint: ResolvedEndpoint, secret: string | undefined, settings: TandemSettings): ModelProvider => {
  const transport: TransportOptions = {
    firstByteTimeoutMs: settings.network.firstByteTimeoutMs,
    idleTimeoutMs: settings.network.idleTimeoutMs,
    maxRetries: settings.network.maxRetries,
  };
  const context = {
    providerName: endpointKind(endpoint.kind).providerName,
    keyName: credentialLabel(endpoint.credential),
    model: endpoint.model,
    modelSetting: `tandem.${endpoint.slot}.model`,
    secret,
  };
  if (endpoint.route.wire === 'gemini') {
    return new GeminiProvider({
      // The route came from this kind's row, so the kind speaks Gemini's format.
      kind: endpoint.kind as GeminiEndpointKind,
      baseUrl: endpoint.baseUrl,
      secret,
      vertexProject: settings.gemini.vertexProject,
      vertexLocation: settings.gemini.vertexLocation,
      context,
      transport,
    });
  }
  return new OpenAIChatProvider({ baseUrl: endpoint.baseUrl, secret, auth: endpoint.route.auth, context, transport, extraBody: settings.gpt.extraBodyParameters });
};
