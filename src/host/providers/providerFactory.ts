import { GeminiProvider } from '../../core/providers/gemini';
import type { TransportOptions } from '../../core/providers/http';
import { OpenAIChatProvider } from '../../core/providers/openaiChat';
import type { ModelProvider } from '../../core/providers/types';
import { credentialLabel } from './keyStore';
import type { ProviderFactory } from './modelService';
import type { ResolvedEndpoint } from './endpoints';
import type { TandemSettings } from '../settings';

const PROVIDER_NAME: Readonly<Record<ResolvedEndpoint['kind'], string>> = {
  gemini: 'the Gemini API',
  vertex: 'Vertex AI',
  vertexExpress: 'Vertex AI',
  cometapi: 'CometAPI',
  openai: 'OpenAI',
  openaiCompatible: 'the OpenAI-compatible server',
};

/** Builds the wire-format provider for a resolved endpoint from plain settings values. */
export const createProvider: ProviderFactory = (endpoint: ResolvedEndpoint, secret: string | undefined, settings: TandemSettings): ModelProvider => {
  const transport: TransportOptions = {
    firstByteTimeoutMs: settings.network.firstByteTimeoutMs,
    idleTimeoutMs: settings.network.idleTimeoutMs,
    maxRetries: settings.network.maxRetries,
  };
  const context = {
    providerName: PROVIDER_NAME[endpoint.kind],
    keyName: credentialLabel(endpoint.credential),
    model: endpoint.model,
    modelSetting: endpoint.slot === 'gemini' ? 'tandem.gemini.model' : 'tandem.gpt.model',
    secret,
  };
  if (endpoint.format === 'gemini') {
    return new GeminiProvider({
      kind: endpoint.kind === 'vertex' || endpoint.kind === 'vertexExpress' || endpoint.kind === 'cometapi' ? endpoint.kind : 'gemini',
      baseUrl: endpoint.baseUrl,
      secret,
      vertexProject: settings.gemini.vertexProject,
      vertexLocation: settings.gemini.vertexLocation,
      context,
      transport,
    });
  }
  return new OpenAIChatProvider({ baseUrl: endpoint.baseUrl, secret, context, transport, extraBody: settings.gpt.extraBodyParameters });
};
