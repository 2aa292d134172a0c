import { strict as assert } from 'node:assert';
import * as o200k from 'gpt-tokenizer/cjs/encoding/o200k_base';
import { countTokens, estimateGeminiTokens, preloadTokenizer, setO200kLoader, TokenCounter } from '../../../src/core/context/tokens';
import { sourceFile } from './helpers';

describe('context tokens', () => {
  it('counts GPT tokens exactly with o200k_base', () => {
    assert.equal(countTokens('hello world', 'gpt'), 2);
    assert.equal(countTokens('Hello, world!', 'gpt'), 4);
    assert.equal(countTokens('const x = 1;\n', 'gpt'), 6);
    assert.equal(countTokens('日本語のテキスト', 'gpt'), 6);
    assert.equal(countTokens('', 'gpt'), 0);
  });

  it('treats special-token text in a file as plain text instead of throwing', () => {
    assert.equal(countTokens('<|endoftext|>', 'gpt'), 7);
  });

  it('estimates Gemini tokens on the high side of the o200k count for code', () => {
    const code = sourceFile(400);
    const exact = countTokens(code, 'gpt');
    const estimate = countTokens(code, 'gemini');
    assert.equal(estimate, estimateGeminiTokens(code));
    assert.ok(estimate >= exact && estimate <= exact * 1.6, `${estimate} vs ${exact}`);
    assert.equal(countTokens('', 'gemini'), 0);
  });

  it('counts a 1 MB file in well under 100 ms once the tokenizer is warm', function () {
    this.timeout(20000);
    const big = sourceFile(15000, "big");
    assert.ok(big.length > 1_000_000);
    countTokens(big, 'gpt'); // loads the ranks and warms the JIT
    const t0 = performance.now();
    countTokens(`${big}// changed\n`, 'gpt');
    const gptMs = performance.now() - t0;
    const t1 = performance.now();
    countTokens(big, 'gemini');
    const geminiMs = performance.now() - t1;
    assert.ok(gptMs < 100, `gpt ${gptMs} ms`);
    assert.ok(geminiMs < 20, `gemini ${geminiMs} ms`);
  });

  it('falls back to the high estimate when the o200k ranks cannot be loaded, and loads them from where it is told', () => {
    const code = sourceFile(50);
    try {
      setO200kLoader(() => {
        throw new Error('Cannot find module');
      });
      assert.equal(preloadTokenizer(), false);
      assert.equal(countTokens(code, 'gpt'), estimateGeminiTokens(code));
    } finally {
      setO200kLoader(() => o200k);
    }
    assert.equal(preloadTokenizer(), true);
    assert.equal(countTokens('hello world', 'gpt'), 2);
  });

  it('caches counts by the caller’s version key', () => {
    const counter = new TokenCounter('gpt', 2);
    assert.equal(counter.count('hello world', 'a@1'), 2);
    // Same key and length: the cached count is returned without counting.
    assert.equal(counter.count('HELLO WORLD', 'a@1'), 2);
    assert.equal(counter.count('hello world!', 'a@2'), 3);
    assert.equal(counter.count('one two three', 'b@1'), 3);
    // a@1 was evicted (least recently used), so it is counted afresh.
    assert.equal(counter.count('HELLO WORLD', 'a@1'), countTokens('HELLO WORLD', 'gpt'));
    assert.equal(counter.count('no key here'), countTokens('no key here', 'gpt'));
  });
});
