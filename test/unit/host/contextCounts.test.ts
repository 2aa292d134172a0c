import * as assert from 'node:assert/strict';
import { mock } from 'node:test';
import * as o200k from 'gpt-tokenizer/cjs/encoding/o200k_base';
import { ContextCounts } from '../../../src/host/context/contextCounts';
import { setO200kLoader, type O200kEncoding } from '../../../src/core/context/tokens';
import type { ModelSlot } from '../../../src/core/providers/types';

const memento = { get: () => undefined, update: async () => undefined, keys: () => [] } as never;

/** A chat's counts, asked to preload for these models in turn (the view shown, then model switches). */
function shownWith(...slots: ModelSlot[]): ContextCounts {
  const counts = new ContextCounts(memento, '');
  for (const slot of slots) counts.preloadSoon(slot);
  return counts;
}

describe('the o200k preload of a chat shown', () => {
  let loads = 0;
  beforeEach(() => {
    loads = 0;
    setO200kLoader(() => {
      loads++;
      return { countTokens: (text: string) => text.split(' ').length } as unknown as O200kEncoding;
    });
    mock.timers.enable({ apis: ['setTimeout'] });
  });
  afterEach(() => {
    mock.timers.reset();
    setO200kLoader(() => o200k);
  });

  it('is not loaded for a Gemini chat: it would block the extension host and keep ~24 MB for nothing', () => {
    const counts = shownWith('gemini');
    mock.timers.tick(60_000);
    assert.equal(loads, 0);
    counts.dispose();
  });

  it('is loaded soon for a GPT chat, and after a switch from Gemini to GPT, once', () => {
    const counts = shownWith('gemini', 'gpt', 'gpt');
    assert.equal(loads, 0, 'not in the call itself');
    mock.timers.tick(60_000);
    assert.equal(loads, 1);
    counts.dispose();
  });

  it('is not loaded when the view goes away first', () => {
    const counts = shownWith('gpt');
    counts.dispose();
    mock.timers.tick(60_000);
    assert.equal(loads, 0);
  });
});
