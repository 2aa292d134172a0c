import { strict as assert } from 'node:assert';
import type { StoredMessage } from '../../../src/core/chat/types';
import { factorOf, learnFactors, parseFactors, PROSE, splitContextByLanguage } from '../../../src/core/context/languageCalibration';
import { geminiCalibration, learnLanguageFactors, requestTokens } from '../../../src/core/context/promptTokens';
import { renderContext } from '../../../src/core/context/render';
import type { ContextItem } from '../../../src/core/context/types';

const item = (path: string, languageId: string, text: string): ContextItem => ({
  id: `file:${path}`, kind: 'file', label: path, path, languageId, text, lineCount: text.split('\n').length, tokens: 0, order: 0, pinned: true,
});
/** One token per character: easy sums. */
const chars = (text: string) => text.length;
const SYSTEM = 'You are helpful.';

/** A chat whose context files are in `language`, answered by a Gemini that really counts `truth` tokens per estimated one of that language. */
function chatWith(language: string, truth: number, id: string): StoredMessage[] {
  const code = `const value${id} = compute(${'x'.repeat(2_000)});\n`;
  const context = renderContext([item(`src/${id}.${language}`, language, code)]);
  const question = `What does ${id} do?`;
  const languageTokens = code.length;
  const prose = SYSTEM.length + question.length + (context.length - languageTokens);
  const reported = Math.round(prose + truth * languageTokens) + 256 + 8;
  return [
    { id: `u-${id}`, role: 'user', text: question, context, createdAt: 1 },
    { id: `a-${id}`, role: 'assistant', text: 'It computes.', model: 'gemini', createdAt: 2, usage: { promptTokens: reported, outputTokens: 3, thoughtTokens: 0, cachedTokens: 0, costUsd: 0 } },
  ];
}

describe('per-language calibration of the Gemini estimate', () => {
  it('splits a rendered context into its files in their languages and the rest as talk', () => {
    const context = renderContext([item('src/a.css', 'css', 'a { color: red; }\n'), item('src/b.ts', 'typescript', 'const b = "```";\n')]);
    const pieces = splitContextByLanguage(context);
    assert.deepEqual(pieces.filter((p) => p.languageId !== PROSE), [
      { languageId: 'css', text: 'a { color: red; }\n' },
      { languageId: 'typescript', text: 'const b = "```";\n' },
    ]);
    assert.ok(pieces.filter((p) => p.languageId === PROSE).some((p) => p.text.includes('File: src/a.css')), 'headers count as talk');
    assert.deepEqual(splitContextByLanguage('no blocks\n```\nunclosed'), [{ languageId: PROSE, text: 'no blocks\n```\nunclosed' }]);
  });

  it('one answer moves the factors so the estimate of that very request equals its report, the dominant language most', () => {
    const estimated = new Map([[PROSE, 200], ['css', 800]]);
    const factors = learnFactors({}, estimated, 1_100);
    const predicted = factorOf(factors, PROSE) * 200 + factorOf(factors, 'css') * 800;
    assert.ok(Math.abs(predicted - 1_100) < 1, `${predicted}`);
    assert.ok(factorOf(factors, 'css') - 1 > factorOf(factors, PROSE) - 1, 'css carried 80% of the request');
    assert.equal(factorOf(factors, 'typescript'), 1, 'a language not in the request is untouched');
  });

  it('never learns a factor below 1: the estimate keeps its margin against a context-length error', () => {
    const factors = learnFactors({}, new Map([[PROSE, 200], ['json', 800]]), 700);
    assert.equal(factorOf(factors, 'json'), 1);
    assert.equal(factorOf(factors, PROSE), 1);
  });

  it('learns across chats, so a new chat’s first estimate of a language is corrected before any answer of its own', () => {
    const learned = new Set<string>();
    let factors = {};
    for (const id of ['one', 'two', 'three', 'four', 'five', 'six']) factors = learnLanguageFactors(factors, chatWith('css', 1.3, id), SYSTEM, chars, learned);
    assert.ok(Math.abs(factorOf(factors, 'css') - 1.3) < 0.03, `css factor ${factorOf(factors, 'css')}`);
    // A new chat, not yet answered: its estimate with the factors is within 2% of the truth; without, 30% off.
    const fresh = chatWith('css', 1.3, 'seven');
    const reported = fresh[1].usage!.promptTokens;
    const corrected = (text: string, _key?: string, languageId?: string) => text.length * factorOf(factors, languageId);
    const estimate = requestTokens([fresh[0]], SYSTEM, corrected, true);
    assert.ok(Math.abs(estimate / reported - 1) < 0.02, `${estimate} vs ${reported}`);
    assert.ok(Math.abs(requestTokens([fresh[0]], SYSTEM, chars) / reported - 1) > 0.2);
  });

  it('learns from each answer once, and from a restored chat only its newest few', () => {
    const learned = new Set<string>();
    const chat = chatWith('css', 1.5, 'a');
    const once = learnLanguageFactors({}, chat, SYSTEM, chars, learned);
    assert.equal(learnLanguageFactors(once, chat, SYSTEM, chars, learned), once, 'the same answer teaches nothing twice');
    const long = Array.from({ length: 20 }, (_, i) => chatWith('css', 1.5, `m${i}`)).flat();
    const seen = new Set<string>();
    learnLanguageFactors({}, long, SYSTEM, chars, seen);
    assert.equal(seen.size, 20, 'all are marked learned');
    // Called again on every streamed batch of the next answer: nothing is counted, however long the chat.
    let counted = 0;
    const counting = (text: string) => (counted++, text.length);
    const streaming: StoredMessage = { id: 'a-next', role: 'assistant', text: 'partial', model: 'gemini', createdAt: 3 };
    learnLanguageFactors({}, [...long, { id: 'u-next', role: 'user', text: 'next?', createdAt: 3 }, streaming], SYSTEM, counting, seen);
    assert.equal(counted, 0);
  });

  it('the chat’s own ratio is taken on the corrected estimate, so the next turn stays exact', () => {
    const factors = { css: 1.3 };
    const corrected = (text: string, _key?: string, languageId?: string) => text.length * factorOf(factors, languageId);
    const chat = chatWith('css', 1.3, 'x');
    assert.ok(Math.abs(geminiCalibration(chat, SYSTEM, corrected) - 1) < 0.01, 'already right: no further correction');
  });

  it('reads only sane stored factors', () => {
    assert.deepEqual(parseFactors({ css: 1.2, ts: 'x', huge: 50, [PROSE]: 1.1, low: 0.9 }), { css: 1.2, [PROSE]: 1.1 });
    assert.deepEqual(parseFactors(undefined), {});
    assert.deepEqual(parseFactors([1, 2]), {});
  });
});
