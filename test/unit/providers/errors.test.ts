import { strict as assert } from 'node:assert';
import { eventTooLargeError, httpError, networkError, protocolError, retryNotice, streamError, timeoutError, type ErrorContext } from '../../../src/core/providers/errors';

// Provider names start in lower case when they read best mid-sentence ("the Gemini API"): every message must
// still start with a capital letter.
const context: ErrorContext = { providerName: 'the Gemini API', keyName: 'Gemini API key', model: 'gemini-3.1-flash-lite', modelSetting: 'tandem.gemini.model' };

describe('provider error messages', () => {
  const messages: [string, string][] = [
    ...[400, 401, 403, 404, 408, 413, 429, 500, 503, 504].map((status): [string, string] => [`HTTP ${status}`, httpError({ status, message: 'detail' }, context).message]),
    ['HTTP 429 with a wait', httpError({ status: 429 }, context, 5).message],
    ['HTTP 429 quota', httpError({ status: 429, code: 'insufficient_quota' }, context).message],
    ['protocol', protocolError('a stream event that is not JSON', context).message],
    ['network', networkError(new Error('x'), 'https://example.com', context).message],
    ['network mid-answer', networkError(new Error('x'), 'https://example.com', context, true).message],
    ['first-byte timeout', timeoutError('firstByte', 30, context).message],
    ['idle timeout', timeoutError('idle', 60, context).message],
    ['mid-stream error', streamError('boom', 'INTERNAL', context).message],
    ['event too large', eventTooLargeError(context).message],
    ...(['rate', 'server', 'network', 'timeout'] as const).map((kind): [string, string] => [`retry notice (${kind})`, retryNotice(kind, context, 2_000, 2, 3)]),
  ];
  for (const [name, message] of messages) {
    it(`starts with a capital letter: ${name}`, () => {
      assert.match(message, /^[A-Z]/, message);
    });
  }

  it('words a retried rate limit as the user sees it while waiting', () => {
    assert.equal(retryNotice('rate', { ...context, providerName: 'OpenAI' }, 2_400, 2, 3), 'Rate limited by OpenAI — retrying in 3 s (attempt 2 of 3)');
    assert.equal(retryNotice('rate', context, 500, 3, 4), 'Rate limited by the Gemini API — retrying in 1 s (attempt 3 of 4)');
  });

  it('gives an event above the size cap its own kind, and no retry', () => {
    const error = eventTooLargeError(context);
    assert.equal(error.kind, 'tooLarge');
    assert.equal(error.action, 'none');
    assert.match(error.message, /larger than 16 MB/);
  });
});
