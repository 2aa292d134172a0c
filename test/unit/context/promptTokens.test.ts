import { strict as assert } from 'node:assert';
import { calibrationRatio, geminiCalibration, historyTokens, requestTokens } from '../../../src/core/context/promptTokens';
import type { StoredMessage } from '../../../src/core/chat/types';

const user = (id: string, text: string, extra: Partial<StoredMessage> = {}): StoredMessage => ({ id, role: 'user', text, createdAt: 1, ...extra });
const answer = (id: string, text: string, promptTokens: number, extra: Partial<StoredMessage> = {}): StoredMessage => ({
  id,
  role: 'assistant',
  text,
  model: 'gemini',
  createdAt: 2,
  usage: { promptTokens, outputTokens: 10, thoughtTokens: 0, cachedTokens: 0, costUsd: 0 },
  ...extra,
});
/** One token per character: easy sums. */
const count = (text: string) => text.length;
const SYSTEM = 'system';

describe('prompt tokens', () => {
  it('counts what a request sends: texts, context, images, framing and the system prompt', () => {
    const sent = [user('u1', 'abcd', { context: 'ctx', images: [{ mimeType: 'image/png', data: 'AAAA' }] }), answer('a1', 'xy', 5)];
    assert.equal(historyTokens(sent, count), 4 + 3 + 1_600 + 2 + 2 * 8);
    assert.equal(requestTokens(sent, SYSTEM, count), historyTokens(sent, count) + 6 + 256);
  });

  it('is 1 (no correction) until a Gemini answer reports its prompt size', () => {
    assert.equal(geminiCalibration([], SYSTEM, count), 1);
    assert.equal(geminiCalibration([user('u1', 'question')], SYSTEM, count), 1);
    assert.equal(geminiCalibration([user('u1', 'q'), answer('a1', 'x', 500, { model: 'gpt' })], SYSTEM, count), 1, 'GPT counts are exact');
  });

  it('learns the ratio of reported to estimated prompt tokens from the latest Gemini answer of the chat', () => {
    const messages = [user('u1', 'first'), answer('a1', 'one', 0), user('u2', 'second question'), answer('a2', 'two', 0)];
    const estimatedSecond = requestTokens([messages[0], messages[1], messages[2]], SYSTEM, count);
    const withReport = [...messages.slice(0, 3), { ...messages[3], usage: { ...messages[3].usage!, promptTokens: Math.round(estimatedSecond * 0.8) } }];
    assert.ok(Math.abs(geminiCalibration(withReport, SYSTEM, count) - 0.8) < 0.01);
  });

  it('compares only what was really sent: a failed exchange before the answer is not counted', () => {
    const failed = [user('u0', 'x'.repeat(1_000)), { ...answer('a0', '', 0), usage: undefined, error: { kind: 'auth' as const, message: 'No key.', action: 'setKey' as const } }];
    const asked = user('u1', 'question');
    const estimated = requestTokens([asked], SYSTEM, count);
    assert.equal(geminiCalibration([...failed, asked, answer('a1', 'ok', estimated * 2)], SYSTEM, count), 2);
  });

  it('skips answers it cannot compare (continued in several rounds, images sent) and clamps odd ratios', () => {
    const continued = [user('u1', 'q'), answer('a1', 'long', 99_999, { continuations: 2 })];
    assert.equal(geminiCalibration(continued, SYSTEM, count), 1);
    const withImage = [user('u1', 'q', { images: [{ mimeType: 'image/png', data: 'AAAA' }] }), answer('a1', 'a', 99_999)];
    assert.equal(geminiCalibration(withImage, SYSTEM, count), 1);
    assert.equal(calibrationRatio({ estimated: 100, reported: 10_000 }), 2);
    assert.equal(calibrationRatio({ estimated: 100, reported: 1 }), 0.5);
    assert.equal(calibrationRatio({ estimated: 0, reported: 10 }), 1);
  });
});
