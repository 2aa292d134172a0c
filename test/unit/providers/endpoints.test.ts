import { strict as assert } from 'node:assert';
import { approximateTokenCounts, resolveEndpoint } from '../../../src/host/providers/endpoints';
import type { TandemSettings } from '../../../src/host/settings';

function settings(vertexLocation: string, baseUrl = '', gptProvider: TandemSettings['gpt']['provider'] = 'openai'): TandemSettings {
  const price = { inputPerMillion: 0.25, cachedInputPerMillion: 0.025, outputPerMillion: 1.5 };
  return {
    defaultModel: 'gemini',
    gemini: { provider: 'vertex', model: 'gemini-3.1-flash-lite', baseUrl, thinkingLevel: 'low', contextWindow: 1_048_576, maxOutputTokens: 65_536, price, vertexProject: 'p', vertexLocation },
    gpt: { provider: gptProvider, model: 'gpt-5.3-chat-latest', baseUrl: '', contextWindow: 128_000, maxOutputTokens: 16_384, price, extraBodyParameters: {} },
    network: { firstByteTimeoutMs: 30_000, idleTimeoutMs: 60_000, maxRetries: 3 },
    chat: { autoContinueLimit: 3 },
    commitMessage: { instructions: '' },
    context: { includeOpenEditors: true, exclude: [], maxFileSizeBytes: 512 * 1024 },
  };
}

describe('endpoints', () => {
  for (const [location, host] of [
    ['global', 'aiplatform.googleapis.com'],
    ['us-central1', 'us-central1-aiplatform.googleapis.com'],
    ['europe-west4', 'europe-west4-aiplatform.googleapis.com'],
    ['us', 'aiplatform.us.rep.googleapis.com'],
    ['eu', 'aiplatform.eu.rep.googleapis.com'],
  ] as const) {
    it(`sends Vertex AI requests for location ${location} to ${host}`, () => {
      const endpoint = resolveEndpoint('gemini', settings(location));
      assert.equal(endpoint.baseUrl, `https://${host}`);
      assert.equal(endpoint.origin, `https://${host}`);
    });
  }

  it('keeps a base URL override whatever the location', () => {
    assert.equal(resolveEndpoint('gemini', settings('eu', 'https://proxy.example.com/')).baseUrl, 'https://proxy.example.com');
  });

  it('marks token counts approximate only for a local OpenAI-compatible model', () => {
    assert.equal(approximateTokenCounts(resolveEndpoint('gpt', settings('global', '', 'openaiCompatible'))), true);
    assert.equal(approximateTokenCounts(resolveEndpoint('gpt', settings('global', '', 'openai'))), false);
    assert.equal(approximateTokenCounts(resolveEndpoint('gpt', settings('global', '', 'cometapi'))), false);
    assert.equal(approximateTokenCounts(resolveEndpoint('gemini', settings('global'))), false);
  });
});
