import { strict as assert } from 'node:assert';
import { KNOWN_MODELS } from '../../../src/core/providers/modelCatalog';
import { isModelSlot, MODEL_CARD_SLOTS, MODEL_CARDS, modelCard, modelLabel } from '../../../src/core/providers/modelCards';
import { DEFAULT_PRICES } from '../../../src/core/providers/price';
import { MODEL_SLOTS, THINKING_LEVELS } from '../../../src/core/vocabulary';
import { contributedSettings } from '../../support/manifest';

describe('model cards', () => {
  it('has one card per model slot, each naming its own slot', () => {
    assert.deepEqual([...MODEL_CARD_SLOTS].sort(), [...MODEL_SLOTS].sort());
    for (const slot of MODEL_CARD_SLOTS) assert.equal(modelCard(slot).slot, slot);
    assert.equal(new Set(MODEL_CARD_SLOTS.map((slot) => modelCard(slot).displayName)).size, MODEL_CARD_SLOTS.length);
    assert.equal(new Set(MODEL_CARD_SLOTS.map((slot) => modelCard(slot).shortLabel)).size, MODEL_CARD_SLOTS.length);
  });

  for (const slot of MODEL_CARD_SLOTS) {
    it(`${slot}: package.json's tandem.${slot}.* defaults are the card's`, () => {
      const settings = contributedSettings();
      const card = modelCard(slot);
      assert.equal(settings[`tandem.${slot}.model`].default, card.id);
      assert.equal(settings[`tandem.${slot}.contextWindow`].default, card.contextWindow);
      assert.equal(settings[`tandem.${slot}.maxOutputTokens`].default, card.maxOutputTokens);
      assert.deepEqual(settings[`tandem.${slot}.price`].default, card.price);
      assert.ok(card.maxOutputTokens < card.contextWindow);
      assert.ok(card.price.cachedInputPerMillion < card.price.inputPerMillion, 'cached input is cheaper');
      const thinkingSetting = settings[`tandem.${slot}.thinkingLevel`];
      if (card.thinking) assert.deepEqual(thinkingSetting?.enum, [...card.thinking], 'the thinking setting offers the levels the model accepts');
      else assert.equal(thinkingSetting, undefined, 'no thinking setting for a model without a reasoning control');
    });
  }

  it('derives the price table and the known-model limits from the cards', () => {
    for (const slot of MODEL_CARD_SLOTS) {
      const card = modelCard(slot);
      assert.deepEqual(DEFAULT_PRICES[slot], card.price);
      assert.deepEqual(KNOWN_MODELS[card.id], { contextWindow: card.contextWindow, maxOutputTokens: card.maxOutputTokens, price: card.price });
    }
    assert.equal(Object.keys(KNOWN_MODELS).length, MODEL_CARD_SLOTS.length);
  });

  it('offers only thinking levels the chat knows, and says which models count tokens by estimate', () => {
    for (const slot of MODEL_CARD_SLOTS) for (const level of modelCard(slot).thinking ?? []) assert.ok(THINKING_LEVELS.includes(level));
    assert.equal(MODEL_CARDS.gemini.thinking?.length, THINKING_LEVELS.length);
    assert.equal(MODEL_CARDS.gpt.thinking, undefined);
    assert.deepEqual(MODEL_CARDS.gemini.tokens, { family: 'gemini', estimated: true });
    assert.deepEqual(MODEL_CARDS.gpt.tokens, { family: 'gpt', estimated: false });
  });

  it('tells a model slot from anything else', () => {
    for (const slot of MODEL_CARD_SLOTS) assert.ok(isModelSlot(slot));
    for (const value of ['Gemini', 'toString', '__proto__', '', undefined, null, 1, {}]) assert.equal(isModelSlot(value), false, String(value));
  });
});

describe('modelLabel: a slot running another model is called by that model', () => {
  it('names the card for its own model, the id for any other', () => {
    assert.equal(modelLabel('gemini', MODEL_CARDS.gemini.id), MODEL_CARDS.gemini.displayName);
    assert.equal(modelLabel('gemini', ''), MODEL_CARDS.gemini.displayName, 'no id: the default model');
    assert.equal(modelLabel('gemini', 'gemini-2.5-flash'), 'gemini-2.5-flash');
    assert.equal(modelLabel('gpt', 'gpt-5.4-mini'), 'gpt-5.4-mini');
    assert.equal(modelLabel('gpt', MODEL_CARDS.gpt.id), MODEL_CARDS.gpt.displayName);
  });
});
