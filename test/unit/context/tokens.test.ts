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

  it('counts every digit as a Gemini token, and the space before a number too (the Gemini family splits digits; a CSS line was 40% low)', () => {
    // Gemma 3's published tokenizer: "  max-width: calc(100% - 42px);" is 21 tokens, 8 of them the digits and the
    // spaces before them; grouping digits in threes, as o200k does, estimated it at 15 (margin included).
    assert.ok(estimateGeminiTokens('1234567890') >= 10, `${estimateGeminiTokens('1234567890')}`);
    assert.ok(estimateGeminiTokens('  max-width: calc(100% - 42px);\n') >= 18, `${estimateGeminiTokens('  max-width: calc(100% - 42px);\n')}`);
    assert.ok(estimateGeminiTokens('a 1') > estimateGeminiTokens('a b'), 'the space before a digit is a token of its own');
  });

  it('counts a 1 MB file, and a one-line change moves the count by a few tokens (how fast: bench/context.ts)', function () {
    this.timeout(60_000);
    const big = sourceFile(15000, 'big');
    assert.ok(big.length > 1_000_000);
    const before = countTokens(big, 'gpt');
    const after = countTokens(`${big}// changed\n`, 'gpt');
    assert.ok(before > 100_000, `${before} tokens`);
    assert.ok(after - before > 0 && after - before < 10, `${after - before} more tokens`);
    assert.ok(countTokens(big, 'gemini') > 0);
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
