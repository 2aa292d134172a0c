import { strict as assert } from 'node:assert';
import { chooseModel, describeLimits, limitsFor, parseGeminiModels, parseOpenAIModels, parseVertexModels } from '../../../src/core/providers/modelCatalog';
import { DEFAULT_PRICES } from '../../../src/core/providers/price';

describe('model catalog', () => {
  it('knows the two default models, limits and prices', () => {
    assert.deepEqual(limitsFor({ id: 'gemini-3.1-flash-lite' }), { contextWindow: 1_048_576, maxOutputTokens: 65_536, price: DEFAULT_PRICES.gemini, source: 'known' });
    assert.deepEqual(limitsFor({ id: 'gpt-5.3-chat-latest', contextWindow: 1 }), { contextWindow: 128_000, maxOutputTokens: 16_384, price: DEFAULT_PRICES.gpt, source: 'known' });
  });

  it('takes an unknown model\'s limits from the endpoint where it says, and says so when nobody does', () => {
    assert.deepEqual(limitsFor({ id: 'gemini-3.1-pro', contextWindow: 2_000_000, maxOutputTokens: 65_536 }), { contextWindow: 2_000_000, maxOutputTokens: 65_536, source: 'endpoint' });
    assert.deepEqual(limitsFor({ id: 'gpt-5.5' }), { source: 'unknown' });
    assert.deepEqual(limitsFor({ id: 'constructor' }), { source: 'unknown' }, 'no prototype lookups');
  });

  it('reads a page of Gemini models.list: ids without models/, limits, only models that generate content', () => {
    const page = parseGeminiModels({
      models: [
        { name: 'models/gemini-3.1-flash-lite', displayName: 'Gemini 3.1 Flash-Lite', inputTokenLimit: 1_048_576, outputTokenLimit: 65_536, supportedGenerationMethods: ['generateContent', 'countTokens'] },
        { name: 'models/text-embedding-004', supportedGenerationMethods: ['embedContent'] },
        { name: 'models/odd', inputTokenLimit: -5 },
        { displayName: 'no name' },
        'garbage',
      ],
      nextPageToken: 'page-2',
    });
    assert.deepEqual(page, {
      models: [
        { id: 'gemini-3.1-flash-lite', displayName: 'Gemini 3.1 Flash-Lite', contextWindow: 1_048_576, maxOutputTokens: 65_536 },
        { id: 'odd', displayName: undefined, contextWindow: undefined, maxOutputTokens: undefined },
      ],
      nextPageToken: 'page-2',
    });
    assert.deepEqual(parseGeminiModels(null), { models: [], nextPageToken: undefined });
  });

  it('reads Vertex AI publisher models and OpenAI-format lists (with a context length where the server says)', () => {
    assert.deepEqual(parseVertexModels({ publisherModels: [{ name: 'publishers/google/models/gemini-3.1-flash-lite' }, {}] }).models, [{ id: 'gemini-3.1-flash-lite' }]);
    assert.deepEqual(parseOpenAIModels({ data: [{ id: 'gpt-5.5', object: 'model' }, { id: 'llama3', max_model_len: 8192 }, { id: 'router/x', context_length: 200_000 }, { object: 'model' }] }), [
      { id: 'gpt-5.5', contextWindow: undefined, maxOutputTokens: undefined },
      { id: 'llama3', contextWindow: 8192, maxOutputTokens: undefined },
      { id: 'router/x', contextWindow: 200_000, maxOutputTokens: undefined },
    ]);
    assert.deepEqual(parseOpenAIModels('nope'), []);
  });

  const current = { contextWindow: 128_000, maxOutputTokens: 16_384, price: DEFAULT_PRICES.gpt };

  it('picks a known model with its own limits and prices, nothing to verify', () => {
    assert.deepEqual(chooseModel({ id: 'gemini-3.1-flash-lite' }, current), { model: 'gemini-3.1-flash-lite', contextWindow: 1_048_576, maxOutputTokens: 65_536, price: DEFAULT_PRICES.gemini, unverified: undefined });
  });

  it('keeps the current limits and prices for an unknown model, and says so', () => {
    const choice = chooseModel({ id: 'gpt-5.5' }, current);
    assert.deepEqual({ ...choice, unverified: undefined }, { model: 'gpt-5.5', ...current, unverified: undefined });
    assert.equal(
      choice.unverified,
      "Tandem does not know gpt-5.5's limits or prices, so it keeps a context window of 128,000 tokens, an output limit of 16,384 tokens and prices of $1.75 / $0.175 / $14 per 1M tokens (input / cached / output). Change them in Settings if they differ.",
    );
  });

  it('uses the limits an endpoint states, keeps the prices, and never lets the output limit exceed the window', () => {
    const choice = chooseModel({ id: 'llama3', contextWindow: 8_192 }, current);
    assert.equal(choice.contextWindow, 8_192);
    assert.equal(choice.maxOutputTokens, 8_192);
    assert.match(choice.unverified ?? '', /^Tandem does not know llama3's prices, so it keeps an output limit of 8,192 tokens and prices of/);
  });

  it('describes limits for the picker', () => {
    assert.equal(describeLimits({ id: 'gemini-3.1-flash-lite' }), '1.0M context · 65.5K output · $0.25 / $1.5 per 1M');
    assert.equal(describeLimits({ id: 'x', contextWindow: 200_000 }), '200.0K context · prices unknown');
    assert.equal(describeLimits({ id: 'y' }), 'limits and prices unknown: your current settings stay');
  });
});
