// How an answer's end and its waits look: a user's Stop, an exchange left out of the history, a retry notice,
// cached tokens, approximate context counts.
import * as assert from 'node:assert/strict';
import { WebviewPage, closeBrowser } from './page';
import { answer, init, usage, user } from './fixtures';

describe('answer states (Chromium)', function () {
  let view: WebviewPage;
  afterEach(async () => view?.close());
  after(closeBrowser);

  it('shows a user\'s Stop as a quiet note, not an error, and says when a question is left out of later ones', async () => {
    view = await WebviewPage.open();
    await view.send(init([user('u1', 'q'), answer('a1', '', { finish: 'stopped', usage: undefined }), user('u2', 'again'), answer('a2', 'Half', { finish: 'stopped', usage: undefined })]));
    const empty = view.page.locator('[data-message-id=a1]');
    assert.equal(await empty.getByTestId('message-error').count(), 0, 'no error box');
    assert.equal(await empty.getByTestId('message-note').textContent(), 'Stopped.');
    assert.equal(await empty.getByTestId('message-left-out').textContent(), 'This question is not sent with later ones.');
    const partial = view.page.locator('[data-message-id=a2]');
    assert.equal(await partial.getByTestId('message-left-out').count(), 0, 'a partial answer stays in the history');
  });

  it('shows a retry notice in the waiting answer, and removes it when the text starts', async () => {
    view = await WebviewPage.open();
    await view.send(init([user('u1', 'q')], true));
    await view.send({ type: 'messageAdded', message: { id: 'a1', role: 'assistant', text: '', model: 'gpt' } });
    const text = 'Rate limited by OpenAI — retrying in 7 s (attempt 2 of 3)';
    await view.send({ type: 'status', messageId: 'a1', text });
    const status = view.page.locator('[data-message-id=a1]').getByTestId('message-status');
    assert.equal(await status.textContent(), text);
    await view.send({ type: 'status', messageId: 'a1', text: 'Rate limited by OpenAI — retrying in 9 s (attempt 3 of 3)' });
    assert.equal(await view.page.getByTestId('message-status').count(), 1, 'a newer notice replaces the older one');
    await view.send({ type: 'delta', messageId: 'a1', kind: 'text', text: 'Hello' });
    assert.equal(await view.page.getByTestId('message-status').count(), 0);
  });

  it('shows the cached part of the prompt in the answer\'s usage', async () => {
    view = await WebviewPage.open();
    await view.send(init([user('u1', 'q'), answer('a1', 'ok', { usage: { ...usage, promptTokens: 20_000, cachedTokens: 18_000, costUsd: 0.00146 } })]));
    const line = view.page.locator('[data-message-id=a1]').getByTestId('message-usage');
    assert.equal(await line.textContent(), '20.0K in, 18.0K cached · 340 out · $0.0015');
    assert.match((await line.getAttribute('title')) ?? '', /18,000 cached, billed at the cached-input price/);
  });

  it('marks context counts approximate for a model with another tokenizer', async () => {
    view = await WebviewPage.open();
    await view.send(init());
    const chips = [{ id: 'c1', label: 'cart.ts', detail: 'src/cart.ts', tokens: 1234, status: 'included' as const }];
    await view.send({ type: 'context', includeOpenEditors: true, chips, approximate: true });
    assert.equal(await view.page.getByTestId('chip-total').textContent(), '≈1.2K tokens');
    await view.send({ type: 'context', includeOpenEditors: true, chips, approximate: false });
    assert.equal(await view.page.getByTestId('chip-total').textContent(), '1.2K tokens');
  });
});
