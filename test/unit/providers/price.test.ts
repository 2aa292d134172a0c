import { strict as assert } from 'node:assert';
import { DEFAULT_PRICES, parsePrice, usageCost } from '../../../src/core/providers/price';
import type { Usage } from '../../../src/core/providers/types';
import { contributedSettings } from '../../support/manifest';

const usage = (promptTokens: number, cachedTokens: number, outputTokens: number, thoughtTokens = 0): Usage => ({ promptTokens, cachedTokens, outputTokens, thoughtTokens });
const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);

describe('prices', () => {
  it('bills cached input at the cached price: a 20K-token Gemini prompt with 18K cached', () => {
    const cost = usageCost(usage(20_000, 18_000, 500), DEFAULT_PRICES.gemini);
    close(cost, (2_000 * 0.25 + 18_000 * 0.025 + 500 * 1.5) / 1e6);
    const uncached = usageCost(usage(20_000, 0, 0), DEFAULT_PRICES.gemini);
    const cachedInput = usageCost(usage(20_000, 18_000, 0), DEFAULT_PRICES.gemini);
    assert.ok(uncached / cachedInput > 5, 'the full price would overstate the input cost about 5×');
  });

  it('bills GPT-5.3 Chat cached input at $0.175 / 1M', () => {
    close(usageCost(usage(10_000, 8_000, 1_000), DEFAULT_PRICES.gpt), (2_000 * 1.75 + 8_000 * 0.175 + 1_000 * 14) / 1e6);
  });

  it('bills thought tokens as output', () => {
    close(usageCost(usage(0, 0, 100, 400), DEFAULT_PRICES.gemini), (500 * 1.5) / 1e6);
  });

  it('never counts more cached tokens than the prompt had', () => {
    close(usageCost(usage(100, 500, 0), DEFAULT_PRICES.gemini), (100 * 0.025) / 1e6);
  });

  it('reads a price setting field by field, keeping the default for a missing, negative or non-number field', () => {
    assert.deepEqual(parsePrice(undefined, DEFAULT_PRICES.gemini), DEFAULT_PRICES.gemini);
    assert.deepEqual(parsePrice({ inputPerMillion: 0.3, outputPerMillion: 2 }, DEFAULT_PRICES.gemini), { inputPerMillion: 0.3, cachedInputPerMillion: 0.025, outputPerMillion: 2 });
    assert.deepEqual(parsePrice({ inputPerMillion: -1, cachedInputPerMillion: '0.01', outputPerMillion: Number.NaN }, DEFAULT_PRICES.gpt), DEFAULT_PRICES.gpt);
    assert.deepEqual(parsePrice({ cachedInputPerMillion: 0 }, DEFAULT_PRICES.gpt), { ...DEFAULT_PRICES.gpt, cachedInputPerMillion: 0 });
    assert.deepEqual(parsePrice('cheap', DEFAULT_PRICES.gpt), DEFAULT_PRICES.gpt);
  });

  it('has the same defaults and a validated schema in package.json', () => {
    const settings = contributedSettings();
    for (const slot of ['gemini', 'gpt'] as const) {
      const setting = settings[`tandem.${slot}.price`];
      assert.deepEqual(setting.default, DEFAULT_PRICES[slot]);
      const fields = ['inputPerMillion', 'cachedInputPerMillion', 'outputPerMillion'];
      for (const field of fields) {
        assert.equal(setting.properties?.[field].type, 'number', `${slot}.${field}`);
        assert.equal(setting.properties?.[field].minimum, 0, `${slot}.${field}`);
      }
      assert.deepEqual(setting.required, fields);
      assert.equal(setting.additionalProperties, false);
    }
    assert.deepEqual(DEFAULT_PRICES, {
      gemini: { inputPerMillion: 0.25, cachedInputPerMillion: 0.025, outputPerMillion: 1.5 },
      gpt: { inputPerMillion: 1.75, cachedInputPerMillion: 0.175, outputPerMillion: 14 },
    });
  });
});
