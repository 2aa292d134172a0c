// The chat webview in real Chromium: composer keys, streaming markdown, actions, errors, state.
import * as assert from 'node:assert/strict';
import { WebviewPage, closeBrowser } from './page';
import { MarkdownWriter } from '../support/markdownWriter';
import { seededRandom } from '../support/random';
import { pickOption } from '../support/picker';
import { RICH_MARKDOWN, answer, init, user } from './fixtures';

describe('chat webview (Chromium)', function () {
  let view: WebviewPage;
  afterEach(async () => view?.close());
  after(closeBrowser);

  it('shows the welcome and sends on Enter, keeps Shift+Enter as a new line', async () => {
    view = await WebviewPage.open();
    await view.send(init());
    await view.page.waitForSelector('[data-testid=welcome]');
    const input = view.page.getByTestId('prompt-input');
    await input.click();
    await input.pressSequentially('first line');
    await input.press('Shift+Enter');
    await input.pressSequentially('second line');
    await input.press('Enter');
    const sent = await view.waitForPosted('send');
    assert.deepEqual(sent, { type: 'send', text: 'first line\nsecond line', images: [] });
    assert.equal(await input.inputValue(), '');
  });

  it('recalls earlier prompts with Up and remembers them across reloads', async () => {
    view = await WebviewPage.open();
    await view.send(init());
    const input = view.page.getByTestId('prompt-input');
    for (const text of ['one', 'two']) {
      await input.fill(text);
      await input.press('Enter');
    }
    await input.press('ArrowUp');
    assert.equal(await input.inputValue(), 'two');
    await input.press('ArrowUp');
    assert.equal(await input.inputValue(), 'one');
    await view.page.waitForFunction(() => ((window as unknown as { __state?: { recall: string[] } }).__state?.recall.length ?? 0) === 2);
    const state = await view.state();
    await view.close();
    view = await WebviewPage.open({ state });
    await view.send(init());
    await view.page.getByTestId('prompt-input').press('ArrowUp');
    assert.equal(await view.page.getByTestId('prompt-input').inputValue(), 'two');
  });

  it('keeps an unsent draft in view state', async () => {
    view = await WebviewPage.open();
    await view.send(init());
    await view.page.getByTestId('prompt-input').fill('half-written question');
    await view.page.waitForFunction(() => (window as unknown as { __state?: { draft: string } }).__state?.draft === 'half-written question');
    const state = await view.state();
    await view.close();
    view = await WebviewPage.open({ state });
    await view.send(init());
    assert.equal(await view.page.getByTestId('prompt-input').inputValue(), 'half-written question');
  });

  it('streams markdown into the same DOM a one-shot render gives, then highlights code', async () => {
    view = await WebviewPage.open();
    await view.send(init([user('u1', 'Why is the total wrong?')]));
    await view.send({ type: 'busy', busy: true });
    await view.send({ type: 'messageAdded', message: { id: 'a1', role: 'assistant', text: '', model: 'gemini' } });
    for (let i = 0; i < RICH_MARKDOWN.length; i += 7) {
      await view.send({ type: 'delta', messageId: 'a1', kind: 'text', text: RICH_MARKDOWN.slice(i, i + 7) });
      if (i % 70 === 0) await view.page.evaluate(() => new Promise(requestAnimationFrame));
    }
    assert.equal(await view.page.getByTestId('stop').isVisible(), true);
    await view.send({ type: 'messageDone', message: answer('a1', RICH_MARKDOWN), totalCostUsd: 0.00081 });
    await view.send({ type: 'busy', busy: false });
    const streamed = await view.page.locator('[data-message-id=a1] .markdown').first().innerHTML();

    await view.send(init([user('u1', 'Why is the total wrong?'), answer('a1', RICH_MARKDOWN)]));
    await view.page.waitForSelector('[data-message-id=a1] code.hljs');
    const oneShot = await view.page.locator('[data-message-id=a1] .markdown').first().innerHTML();
    assert.equal(streamed, oneShot);

    const answerBlock = view.page.locator('[data-message-id=a1]');
    assert.equal(await answerBlock.locator('h2').textContent(), 'Why the total is wrong');
    assert.equal(await answerBlock.locator('table tr').count(), 3);
    assert.equal(await answerBlock.locator('ol > li').count(), 3);
    assert.equal(await answerBlock.locator('input[type=checkbox]:checked').count(), 1);
    assert.match((await answerBlock.getByTestId('message-usage').textContent()) ?? '', /1\.2K in · 340 out · \$0\.0008/);
    assert.equal(await view.page.getByTestId('chat-cost').textContent(), '$0.0008');
  });

  it('streams a long answer into the same chunks a one-shot render gives, without re-creating frozen blocks', async () => {
    const writer = new MarkdownWriter(7);
    const text = writer.answer(40_000, 1);
    const deltas = writer.deltas(text);
    const random = seededRandom(11);
    view = await WebviewPage.open();
    await view.send(init([user('u1', 'Walk me through it')]));
    await view.send({ type: 'busy', busy: true });
    await view.send({ type: 'messageAdded', message: { id: 'a1', role: 'assistant', text: '', model: 'gemini' } });
    let marked = false;
    for (let i = 0; i < deltas.length; ) {
      // Posts of 1-30 deltas, sometimes several per frame, so blocks freeze in ever different groups.
      const n = 1 + Math.floor(random() * 30);
      await view.send({ type: 'delta', messageId: 'a1', kind: 'text', text: deltas.slice(i, i + n).join('') });
      i += n;
      if (random() < 0.5) await view.page.evaluate(() => new Promise(requestAnimationFrame));
      if (!marked && i > deltas.length / 2) {
        // The first heading froze long ago: it must still be the same element at the end.
        marked = await view.page.evaluate(() => {
          const heading = document.querySelector('[data-message-id=a1] h2') as (HTMLElement & { keep?: boolean }) | null;
          if (heading) heading.keep = true;
          return !!heading;
        });
      }
    }
    assert.ok(marked);
    await view.send({ type: 'messageDone', message: answer('a1', text), totalCostUsd: 0.01 });
    await view.send({ type: 'busy', busy: false });
    // A backlog left at messageDone renders a frame per slice, and the long code block (over 120 lines) is highlighted
    // in idle time after that: compared once both are done.
    await view.page.waitForFunction(
      () => !document.querySelector('[data-message-id="a1"] .markdown[aria-busy], [data-message-id="a1"] .needs-highlight'),
      undefined,
      { timeout: 30_000 },
    );
    const streamed = await view.page.locator('[data-message-id=a1] .markdown').first().innerHTML();
    assert.equal(await view.page.evaluate(() => (document.querySelector('[data-message-id=a1] h2') as HTMLElement & { keep?: boolean }).keep), true);
    const chunks = await view.page.locator('[data-message-id=a1] .markdown-chunk').count();
    assert.ok(chunks >= 4, `${chunks} chunks`);
    const skipping = await view.page.locator('[data-message-id=a1] .markdown-chunk').evaluateAll((all) => all.every((chunk) => getComputedStyle(chunk).contentVisibility === 'auto'));
    assert.equal(skipping, true, 'chunks skip their rendering while off screen');

    await view.send(init([user('u1', 'Walk me through it'), answer('a1', text)]));
    await view.page.waitForSelector('[data-message-id=a1] code.hljs');
    assert.equal(streamed, await view.page.locator('[data-message-id=a1] .markdown').first().innerHTML());
    assert.equal(await view.page.locator('[data-message-id=a1] .code-block').count(), (text.match(/^```\w/gm) ?? []).length);
  });

  it('renders a huge message in slices, a frame each, into the DOM the same text streamed gives', async () => {
    // 1.2 MB: beyond one model answer, as an answer continued many times can be.
    const writer = new MarkdownWriter(5);
    const text = writer.answer(1_200_000, 2);
    const body = '[data-message-id=a1] .markdown';
    const settled = async () => {
      await view.page.waitForSelector(`${body}:not([aria-busy])`, { state: 'attached', timeout: 30_000 });
      await view.page.waitForFunction((selector) => !document.querySelector(`${selector} .needs-highlight`), body, { timeout: 30_000 });
      return view.page.locator(body).first().innerHTML();
    };
    view = await WebviewPage.open();
    // Restored: the message element is there at once, busy while its slices render.
    await view.send(init([user('u1', 'All of it'), answer('a1', text)]));
    assert.equal(await view.page.locator(`${body}[aria-busy]`).count(), 1, 'a huge restored message renders in slices');
    const restored = await settled();
    assert.equal(await view.page.locator('[data-message-id=a1] .code-block').count(), (text.match(/^```\w/gm) ?? []).length);

    // Live, in three deltas of ~400 KB (each under the slicing size), then done.
    await view.send(init([user('u1', 'All of it')], true));
    await view.send({ type: 'messageAdded', message: { id: 'a1', role: 'assistant', text: '', model: 'gemini' } });
    const third = Math.ceil(text.length / 3);
    for (let i = 0; i < text.length; i += third) {
      await view.send({ type: 'delta', messageId: 'a1', kind: 'text', text: text.slice(i, i + third) });
      await view.page.evaluate(() => new Promise(requestAnimationFrame));
    }
    await view.send({ type: 'messageDone', message: answer('a1', text), totalCostUsd: 0.01 });
    assert.equal(await settled(), restored);
  });

  it('a long restored chat renders its older answers after the newest, into the DOM an eager render gives', async () => {
    const history = new MarkdownWriter(11).chat(40);
    const first = history.find((m) => m.role === 'assistant')!;
    const last = history[history.length - 1];
    const bodyOf = (id: string) => `[data-message-id="${id}"] > .markdown`;
    view = await WebviewPage.open();
    // Reported from a listener after the app's: the same task as the init, before any idle time.
    const atInit = (await view.page.evaluate(`new Promise((resolve) => {
      const onMessage = () => {
        window.removeEventListener('message', onMessage);
        resolve({ first: document.querySelector('${bodyOf(first.id)}').className, last: document.querySelector('${bodyOf(last.id)}').className, waiting: document.querySelectorAll('.markdown.deferred').length });
      };
      window.addEventListener('message', onMessage);
      window.postMessage(${JSON.stringify(init(history))}, '*');
    })`)) as { first: string; last: string; waiting: number };
    assert.match(atInit.first, /deferred/, 'the oldest answer waits');
    assert.doesNotMatch(atInit.last, /deferred/, 'the newest answer is there at once');
    assert.equal(atInit.waiting, 30, 'every answer before the last 20 messages waits');
    await view.page.waitForFunction(() => !document.querySelector('.markdown.deferred, .needs-highlight'), undefined, { timeout: 30_000 });
    const later = await view.page.locator(bodyOf(first.id)).innerHTML();
    // The same answer in a short chat renders at once and highlights: the DOM must be the same.
    await view.send(init([user('u1', 'Q'), first]));
    await view.page.waitForFunction(() => !document.querySelector('.needs-highlight'), undefined, { timeout: 30_000 });
    assert.equal(later, await view.page.locator(bodyOf(first.id)).innerHTML());
  });

  it('code block buttons send copy, insert, apply and save with the exact code', async () => {
    view = await WebviewPage.open();
    await view.send(init([user('u1', 'q'), answer('a1', RICH_MARKDOWN)]));
    const block = view.page.getByTestId('code-block');
    await block.hover();
    await block.getByTestId('code-copy').click();
    await block.getByTestId('code-insert').click();
    await block.getByTestId('code-apply').click();
    await block.getByTestId('code-save').click();
    const code = RICH_MARKDOWN.split('```typescript\n')[1].split('\n```')[0];
    const posted = (await view.posted()).filter((m) => m.type === 'copy' || m.type === 'codeAction');
    assert.deepEqual(posted, [
      { type: 'copy', text: code },
      { type: 'codeAction', action: 'insert', code, language: 'typescript' },
      { type: 'codeAction', action: 'apply', code, language: 'typescript' },
      { type: 'codeAction', action: 'save', code, language: 'typescript' },
    ]);
  });

  it('only a shell block has Run in Terminal, which posts runInTerminal with the exact code and language', async () => {
    view = await WebviewPage.open();
    const markdown = 'Run:\n\n```bash\nnpm ci\nnpm test\n```\n\nThen:\n\n```python\nprint(1)\n```\n\n```console\n$ ls\n```';
    await view.send(init([user('u1', 'q'), answer('a1', markdown)]));
    const blocks = view.page.getByTestId('code-block');
    assert.equal(await blocks.count(), 3);
    assert.equal(await blocks.nth(1).getByTestId('code-run-in-terminal').count(), 0, 'python has no Run in Terminal');
    await blocks.nth(0).hover();
    await blocks.nth(0).getByTestId('code-run-in-terminal').click();
    await blocks.nth(2).hover();
    await blocks.nth(2).getByTestId('code-run-in-terminal').click();
    const posted = (await view.posted()).filter((m) => m.type === 'runInTerminal');
    assert.deepEqual(posted, [
      { type: 'runInTerminal', code: 'npm ci\nnpm test', language: 'bash' },
      { type: 'runInTerminal', code: '$ ls', language: 'console' },
    ]);
  });

  it('a code block still streaming in copies and inserts all of its code so far', async () => {
    view = await WebviewPage.open();
    await view.send(init([user('u1', 'q')]));
    await view.send({ type: 'busy', busy: true });
    await view.send({ type: 'messageAdded', message: { id: 'a1', role: 'assistant', text: '', model: 'gemini' } });
    const lines = Array.from({ length: 6 }, (_, i) => `const line${i} = ${i};`);
    await view.send({ type: 'delta', messageId: 'a1', kind: 'text', text: 'Here:\n\n```ts\n' + lines[0] + '\n' });
    for (const [i, line] of lines.entries()) {
      if (i > 0) await view.send({ type: 'delta', messageId: 'a1', kind: 'text', text: line + '\n' });
      await view.page.waitForFunction((text) => document.querySelector('[data-testid=code-block] pre code')?.textContent?.includes(text), line);
    }
    const block = view.page.getByTestId('code-block');
    await block.hover();
    await block.getByTestId('code-copy').click();
    await block.getByTestId('code-insert').click();
    const code = lines.join('\n');
    const posted = (await view.posted()).filter((m) => m.type === 'copy' || m.type === 'codeAction');
    assert.deepEqual(posted, [
      { type: 'copy', text: code },
      { type: 'codeAction', action: 'insert', code, language: 'ts' },
    ]);
  });

  it('links open only through the host', async () => {
    view = await WebviewPage.open();
    await view.send(init([user('u1', 'q'), answer('a1', RICH_MARKDOWN)]));
    await view.page.getByText('a link').click();
    assert.deepEqual(await view.waitForPosted('openLink'), { type: 'openLink', href: 'https://example.com/docs', text: 'a link' });
    assert.equal(view.page.url().endsWith('/'), true, 'the webview did not navigate');
  });

  it('regenerate and edit-and-resend post their messages', async () => {
    view = await WebviewPage.open();
    await view.send(init([user('u1', 'Explain this'), answer('a1', 'It adds numbers.')]));
    await view.page.locator('[data-message-id=a1]').hover();
    await view.page.locator('[data-message-id=a1]').getByTestId('message-regenerate').click();
    assert.deepEqual(await view.waitForPosted('regenerate'), { type: 'regenerate', messageId: 'a1' });
    await view.page.locator('[data-message-id=u1]').hover();
    await view.page.locator('[data-message-id=u1]').getByTestId('message-edit').click();
    const edit = view.page.getByTestId('edit-input');
    await edit.fill('Explain this in one line');
    await view.page.getByTestId('edit-send').click();
    assert.deepEqual(await view.waitForPosted('editResend'), { type: 'editResend', messageId: 'u1', text: 'Explain this in one line' });
  });

  it('shows an error inline with its action and keeps the partial answer', async () => {
    view = await WebviewPage.open();
    const error = { kind: 'auth' as const, message: "Your Gemini key was rejected. Run 'Tandem: Set API Key'.", action: 'setKey' as const };
    await view.send(init([user('u1', 'q'), answer('a1', 'Partial answer so far', { finish: undefined, error, usage: undefined })]));
    const block = view.page.locator('[data-message-id=a1]');
    assert.match((await block.textContent()) ?? '', /Partial answer so far/);
    assert.equal(await block.getByTestId('message-error').textContent(), `${error.message}Set API Key`);
    await block.getByTestId('error-action-setKey').click();
    assert.deepEqual(await view.waitForPosted('hostAction'), { type: 'hostAction', action: 'setKey' });
  });

  it('puts thought summaries in a collapsed block', async () => {
    view = await WebviewPage.open();
    await view.send(init([user('u1', 'q'), answer('a1', 'Answer', { thoughts: '**Reading the loop** first' })]));
    const details = view.page.getByTestId('thoughts');
    assert.equal(await details.getAttribute('open'), null);
    assert.equal(await details.locator('strong').isVisible(), false);
    await details.locator('summary').click();
    assert.equal(await details.locator('strong').textContent(), 'Reading the loop');
  });

  it('Stop posts stop while busy; model and thinking pickers post their choice', async () => {
    view = await WebviewPage.open();
    await view.send(init([], true));
    await view.page.getByTestId('stop').click();
    assert.deepEqual(await view.waitForPosted('stop'), { type: 'stop' });
    await view.send({ type: 'busy', busy: false });
    await pickOption(view.page, 'thinking-picker', 'high');
    assert.deepEqual(await view.waitForPosted('setThinkingLevel'), { type: 'setThinkingLevel', level: 'high' });
    await pickOption(view.page, 'model-picker', 'gpt');
    assert.deepEqual(await view.waitForPosted('setModel'), { type: 'setModel', model: 'gpt' });
    assert.equal(await view.page.getByTestId('thinking-picker').isVisible(), false, 'GPT has no thinking levels');
  });

  it('attaches a picked image and sends it as base64', async () => {
    view = await WebviewPage.open();
    await view.send(init());
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    await view.page.locator('input[type=file]').setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: png });
    await view.page.waitForSelector('.image-chip img');
    await view.page.getByTestId('prompt-input').fill('What is this?');
    await view.page.getByTestId('prompt-input').press('Enter');
    assert.deepEqual(await view.waitForPosted('send'), { type: 'send', text: 'What is this?', images: [{ mimeType: 'image/png', data: png.toString('base64') }] });
  });

  it('history lists chats newest first; open and delete post their messages', async () => {
    view = await WebviewPage.open();
    await view.send(init());
    await view.send({
      type: 'history',
      currentId: 'chat-1',
      chats: [
        { id: 'chat-old', title: 'Older question', updatedAt: Date.now() - 86_400_000 * 3, messageCount: 4 },
        { id: 'chat-1', title: 'Fix the cart total', updatedAt: Date.now(), messageCount: 2 },
      ],
    });
    const items = view.page.getByTestId('history-item');
    assert.deepEqual((await items.locator('.history-title').allInnerTexts()).map((t) => t.trim()), ['Fix the cart total', 'Older question']);
    await items.nth(1).hover();
    await items.nth(1).getByTestId('history-delete').click();
    assert.deepEqual(await view.waitForPosted('deleteChat'), { type: 'deleteChat', chatId: 'chat-old' });
    await items.nth(1).click();
    assert.deepEqual(await view.waitForPosted('openChat'), { type: 'openChat', chatId: 'chat-old' });
    assert.equal(await view.page.getByTestId('history').isVisible(), false, 'opening a chat closes the history');
  });

  it('loads under the CSP with no violations', async () => {
    view = await WebviewPage.open();
    await view.send(init([user('u1', 'q'), answer('a1', RICH_MARKDOWN)]));
    await view.page.waitForSelector('code.hljs');
    assert.deepEqual(view.cspViolations, []);
  });
});
