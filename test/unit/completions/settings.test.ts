import { strict as assert } from 'node:assert';
import { CompletionCache } from '../../../src/core/completions/cache';
import {
  DEFAULT_COMPLETION_SETTINGS,
  DEFAULT_LANGUAGES,
  describeBlock,
  languageEnabled,
  parseCompletionSettings,
} from '../../../src/core/completions/settings';
import { DailySpend, localDay } from '../../../src/core/completions/spend';
import type { CompletionDocument } from '../../../src/core/completions/types';

function doc(text: string, offset = text.length, path = 'a.ts'): CompletionDocument {
  return { text, offset, languageId: 'typescript', path };
}

describe('completion settings, cache and spend', () => {
  it('defaults to off, 150 ms, $0.50 a day, Gemini, and Copilot’s language map', () => {
    assert.equal(DEFAULT_COMPLETION_SETTINGS.enabled, false);
    assert.equal(DEFAULT_COMPLETION_SETTINGS.debounceMs, 150);
    assert.equal(DEFAULT_COMPLETION_SETTINGS.dailySpendCapUsd, 0.5);
    assert.equal(DEFAULT_COMPLETION_SETTINGS.model, 'gemini');
    assert.deepEqual(DEFAULT_LANGUAGES, { '*': true, plaintext: false, markdown: false, scminput: false });
  });

  it('parses raw settings, falling back per field on wrong types and out-of-range numbers', () => {
    const parsed = parseCompletionSettings({
      enabled: true,
      debounceMs: 80,
      dailySpendCapUsd: 2,
      multiline: 'always',
      model: 'gpt',
      languages: { '*': false, python: true, go: 'yes' },
    });
    assert.deepEqual(parsed, { ...DEFAULT_COMPLETION_SETTINGS, enabled: true, debounceMs: 80, dailySpendCapUsd: 2, multiline: 'always', model: 'gpt', languages: { '*': false, python: true } });
    const bad = parseCompletionSettings({ enabled: 'true', debounceMs: -5, dailySpendCapUsd: Number.NaN, multiline: 'sometimes', model: 'claude', languages: ['typescript'], pasteChars: 1 });
    assert.deepEqual(bad, DEFAULT_COMPLETION_SETTINGS);
  });

  it('looks a language up in the map, then `*`, then defaults to on', () => {
    assert.equal(languageEnabled(DEFAULT_LANGUAGES, 'typescript'), true);
    assert.equal(languageEnabled(DEFAULT_LANGUAGES, 'markdown'), false);
    assert.equal(languageEnabled({ '*': false, rust: true }, 'rust'), true);
    assert.equal(languageEnabled({ '*': false }, 'go'), false);
    assert.equal(languageEnabled({}, 'go'), true);
    assert.equal(languageEnabled({ '*': true }, 'constructor'), true, 'no inherited property is taken for a language');
  });

  it('explains each reason completions are stopped', () => {
    assert.match(describeBlock('off'), /tandem\.completions\.enable/);
    assert.match(describeBlock('language', { languageId: 'markdown' }), /markdown/);
    assert.match(describeBlock('spendCap', { spentUsd: 0.5012, capUsd: 0.5 }), /\$0\.50.*\$0\.50.*resume tomorrow/);
    assert.match(describeBlock('excluded'), /never sent/);
    assert.match(describeBlock('restricted'), /Restricted Mode/);
  });

  it('caches a suggestion by prefix and suffix and shortens it as it is typed through', () => {
    const cache = new CompletionCache();
    const id = cache.store(doc('let a = ;', 8), { text: 'b + c', replaceLength: 0 });
    assert.deepEqual(cache.lookup(doc('let a = ;', 8)), { answer: { text: 'b + c', replaceLength: 0 }, suggestionId: id, typed: 0 });
    assert.deepEqual(cache.lookup(doc('let a = b ;', 10)), { answer: { text: '+ c', replaceLength: 0 }, suggestionId: id, typed: 2 });
    assert.equal(cache.lookup(doc('let a = b + c;', 13)), undefined, 'typed in full: nothing left to show');
    assert.equal(cache.lookup(doc('let a = x;', 9)), undefined);
    assert.equal(cache.lookup(doc('let a = ;', 8, 'b.ts')), undefined, 'another file');
    assert.equal(cache.lookup(doc('// edit\nlet a = ;', 16)), undefined, 'text before it changed');
    assert.equal(cache.lookup(doc('let a = ; // edit', 8)), undefined, 'text after it changed');
  });

  it('carries a replaced range through typing, and drops the least recently used entries', () => {
    const cache = new CompletionCache(2);
    cache.store(doc('log()', 4), { text: '"hi");', replaceLength: 1 });
    assert.deepEqual(cache.lookup(doc('log("hi)', 7))?.answer, { text: '");', replaceLength: 1 });
    assert.deepEqual(cache.lookup(doc('log("hi")', 8))?.answer, { text: ');', replaceLength: 1 });
    assert.deepEqual(cache.lookup(doc('log("hi")', 9))?.answer, { text: ';', replaceLength: 0 }, 'the user typed over the bracket');
    cache.store(doc('b', 1), { text: '1', replaceLength: 0 });
    cache.store(doc('c', 1), { text: '2', replaceLength: 0 });
    assert.equal(cache.size, 2);
    assert.equal(cache.lookup(doc('log()', 4)), undefined);
  });

  it('keeps today’s spend, starts a new local day at zero, and ignores invalid restored values', () => {
    let now = new Date(2026, 2, 1, 23, 59).getTime();
    const spend = new DailySpend(() => now, { day: localDay(now), spentUsd: 0.1 });
    spend.add(0.05);
    spend.add(-1);
    spend.add(Number.NaN);
    assert.ok(Math.abs(spend.today() - 0.15) < 1e-9);
    now += 2 * 60_000;
    assert.equal(spend.today(), 0);
    assert.deepEqual(spend.state(), { day: '2026-03-02', spentUsd: 0 });
    assert.equal(new DailySpend(() => now, { day: '2026-03-02', spentUsd: -3 }).today(), 0);
  });
});
