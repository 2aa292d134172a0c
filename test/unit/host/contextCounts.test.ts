import * as assert from 'node:assert/strict';
import { mock } from 'node:test';
import * as o200k from 'gpt-tokenizer/cjs/encoding/o200k_base';
import { ContextCounts } from '../../../src/host/context/contextCounts';
import { setO200kLoader, type O200kEncoding } from '../../../src/core/context/tokens';

const memento = { get: () => undefined, update: async () => undefined, keys: () => [] } as never;

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
    const counts = new ContextCounts(memento, '');
    counts.preloadSoon('gemini');
    mock.timers.tick(60_000);
    assert.equal(loads, 0);
    counts.dispose();
  });

  it('is loaded soon for a GPT chat, and after a switch from Gemini to GPT, once', () => {
    const counts = new ContextCounts(memento, '');
    counts.preloadSoon('gemini');
    counts.preloadSoon('gpt');
    counts.preloadSoon('gpt');
    assert.equal(loads, 0, 'not in the call itself');
    mock.timers.tick(60_000);
    assert.equal(loads, 1);
    counts.dispose();
  });

  it('is not loaded when the view goes away first', () => {
    const counts = new ContextCounts(memento, '');
    counts.preloadSoon('gpt');
    counts.dispose();
    mock.timers.tick(60_000);
    assert.equal(loads, 0);
  });
});
