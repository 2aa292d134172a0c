// Every (endpoint kind, slot) the table lists, built by the real factory and sent to a fake server: the request must
// take the path and carry the key the way the kind's row says, and an error must name the row's provider and key.
import { strict as assert } from 'node:assert';
import { ENDPOINT_KIND_IDS, endpointKind, type EndpointKind } from '../../../src/core/providers/endpointKinds';
import { MODEL_CARD_SLOTS, MODEL_CARDS } from '../../../src/core/providers/modelCards';
import type { ModelSlot } from '../../../src/core/providers/types';
import { resolveEndpoint } from '../../../src/host/providers/endpoints';
import { createProvider } from '../../../src/host/providers/providerFactory';
import type { GeminiProviderKind, GptProviderKind, TandemSettings } from '../../../src/host/settings';
import { geminiError, geminiReply } from '../../fakes/gemini';
import { openaiInvalidKey, openaiReply } from '../../fakes/openai';
import { FakeServer } from '../../fakes/server';
import { collect, errorOf, simpleRequest, textOf } from './helpers';

const SECRET = 'sk-factory-test-secret-000000001';

function settingsFor(slot: ModelSlot, kind: EndpointKind, baseUrl: string): TandemSettings {
  const price = MODEL_CARDS[slot].price;
  return {
    defaultModel: slot,
    gemini: { provider: (slot === 'gemini' ? kind : 'gemini') as GeminiProviderKind, model: MODEL_CARDS.gemini.id, baseUrl, thinkingLevel: 'low', contextWindow: 1_048_576, maxOutputTokens: 65_536, price, vertexProject: 'proj', vertexLocation: 'global' },
    gpt: { provider: (slot === 'gpt' ? kind : 'openai') as GptProviderKind, model: MODEL_CARDS.gpt.id, baseUrl, contextWindow: 128_000, maxOutputTokens: 16_384, price, extraBodyParameters: {} },
    // No retries: a 401 must come back at once.
    network: { firstByteTimeoutMs: 30_000, idleTimeoutMs: 30_000, maxRetries: 0 },
    chat: { autoContinueLimit: 3 },
    context: { includeOpenEditors: true, exclude: [], maxFileSizeBytes: 512 * 1024 },
    commitMessage: { instructions: '' },
  };
}

describe('provider factory × endpoint kinds table', () => {
  let fake: FakeServer;
  before(async () => {
    fake = await FakeServer.start();
  });
  afterEach(() => fake.reset());
  after(() => fake.close());

  for (const kind of ENDPOINT_KIND_IDS) {
    for (const slot of MODEL_CARD_SLOTS) {
      const route = endpointKind(kind).serves[slot];
      if (!route) continue;
      it(`${slot} via ${kind}: ${route.wire} path, key in ${route.auth.header}, errors name ${endpointKind(kind).providerName}`, async () => {
        const settings = settingsFor(slot, kind, fake.url);
        const endpoint = resolveEndpoint(slot, settings);
        const provider = createProvider(endpoint, SECRET, settings);
        const model = MODEL_CARDS[slot].id;
        fake.enqueue(route.wire === 'gemini' ? geminiReply({ text: 'ok' }) : openaiReply({ text: 'ok' }));
        assert.equal(textOf(await collect(provider, simpleRequest(model))), 'ok');
        const [request] = fake.requests;
        if (route.wire === 'openai-chat') assert.equal(request.url, '/v1/chat/completions');
        else if (route.path === 'vertexProject') assert.equal(request.url, `/v1/projects/proj/locations/global/publishers/google/models/${model}:streamGenerateContent?alt=sse`);
        else if (route.path === 'vertexPublisher') assert.equal(request.url, `/v1/publishers/google/models/${model}:streamGenerateContent?alt=sse`);
        else assert.equal(request.url, `/v1beta/models/${model}:streamGenerateContent?alt=sse`);
        const sent = route.auth.header === 'authorization' ? request.headers.authorization : request.headers[route.auth.header];
        assert.equal(sent, route.auth.header === 'authorization' ? `${route.auth.scheme} ${SECRET}` : SECRET);
        assert.equal(route.auth.header === 'authorization' ? request.headers['x-goog-api-key'] : request.headers.authorization, undefined, 'the key travels once');

        fake.reset();
        fake.enqueue(route.wire === 'gemini' ? geminiError(401, 'UNAUTHENTICATED', 'API key not valid.') : openaiInvalidKey());
        const error = errorOf(await collect(provider, simpleRequest(model)));
        assert.equal(error?.kind, 'auth');
        assert.ok(error?.message.includes(endpointKind(kind).providerName) || error?.message.includes(endpointKind(kind).credential.label), error?.message);
        assert.ok(!error?.message.includes(SECRET), 'the key never shows');
      });
    }
  }
});
