// The end of a long streamed answer, in real Chromium: what the `messageDone` task does, counted, not timed.
// In code-server (bench/freeze.ts) the end of a 64K-token answer made main-thread tasks of 50-80 ms: the final
// flush lexing and rendering a large tail at once, and the messageDone handler highlighting every block still
// waiting for idle time. A host text with CRLF line endings also made messageDone render the whole answer again.
import * as assert from 'node:assert/strict';
import { WebviewPage, closeBrowser } from './page';
import { MarkdownWriter } from '../support/markdownWriter';
import { answer, init, user } from './fixtures';

interface DoneTask {
  /** Elements tagged before messageDone that are still in the document, and how many were tagged. */
  kept: number;
  tagged: number;
  waiting: number;
  highlighted: number;
}

/** Tags every element of the answer, posts messageDone, and reports from a listener after the app's (same task). */
const POST_DONE = `(done) => new Promise((resolve) => {
  const body = document.querySelector('[data-message-id="a1"] .markdown');
  // The code block still open at the end stays too: it freezes as it is, and is highlighted in place.
  const tagged = [...body.querySelectorAll('*')];
  const onMessage = (event) => {
    if (event.data.type !== 'messageDone') return;
    window.removeEventListener('message', onMessage);
    resolve({
      kept: tagged.filter((el) => el.isConnected).length,
      tagged: tagged.length,
      waiting: body.querySelectorAll('.code-block.needs-highlight').length,
      highlighted: body.querySelectorAll('code.hljs').length,
    });
  };
  window.addEventListener('message', onMessage);
  window.postMessage({ type: 'messageDone', message: done, totalCostUsd: 0.01 }, '*');
})`;

/** Posts a delta and reports the answer's text from a listener after the app's: the same task, before any frame. */
const DELTA_IN_TASK = `(text) => new Promise((resolve) => {
  const onMessage = () => {
    window.removeEventListener('message', onMessage);
    resolve(document.querySelector('[data-message-id="a1"] .markdown').textContent.trim());
  };
  window.addEventListener('message', onMessage);
  window.postMessage({ type: 'delta', messageId: 'a1', kind: 'text', text }, '*');
})`;

/** A chat with one question, then an answer streamed in these posts, a rendered frame after each. */
async function streamAnswer(view: WebviewPage, question: string, posts: readonly string[]): Promise<void> {
  await view.send(init([user('u1', question)]));
  await view.send({ type: 'busy', busy: true });
  await view.send({ type: 'messageAdded', message: { id: 'a1', role: 'assistant', text: '', model: 'gemini' } });
  for (const text of posts) {
    await view.send({ type: 'delta', messageId: 'a1', kind: 'text', text });
    await view.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  }
}

describe('the end of a streamed answer (Chromium)', function () {
  let view: WebviewPage;
  afterEach(async () => view?.close());
  after(closeBrowser);

  const nextFrame = () => view.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));

  /** Until the streamed posts are all on screen (big posts render a slice per frame): five frames with no change. */
  async function rendered(): Promise<void> {
    const count = () => view.page.evaluate(() => document.querySelectorAll('[data-message-id="a1"] .markdown *').length);
    const deadline = Date.now() + 60_000;
    for (let same = 0, last = -1; same < 5 && Date.now() < deadline; ) {
      await nextFrame();
      const now = await count();
      same = now === last ? same + 1 : 0;
      last = now;
    }
  }

  const stream = (posts: string[]) => streamAnswer(view, 'Walk me through it', posts);

  it('the first words of an answer are on the page in the task that brought them; later deltas wait for a frame of their own', async () => {
    view = await WebviewPage.open();
    await view.send(init([user('u1', 'Why?')]));
    await view.send({ type: 'busy', busy: true });
    await view.send({ type: 'messageAdded', message: { id: 'a1', role: 'assistant', text: '', model: 'gemini' } });
    // A listener added after the app's runs in the same task, before any frame could render.
    const inTask = (text: string) => view.page.evaluate(`(${DELTA_IN_TASK})(${JSON.stringify(text)})`) as Promise<string>;
    assert.equal(await inTask('The total skips'), 'The total skips');
    assert.equal(await inTask(' the quantity.'), 'The total skips', 'the next delta waits for a frame');
    await view.page.waitForFunction(() => document.querySelector('[data-message-id="a1"] .markdown')?.textContent?.trim() === 'The total skips the quantity.', undefined, { timeout: 30_000 });
  });

  it('messageDone keeps every streamed block and leaves a long code block to idle time', async () => {
    const writer = new MarkdownWriter(21);
    // CRLF line endings, as a provider may send them; the answer ends in a 300-line block still open at the end.
    const text = `${writer.answer(30_000)}\n\n${writer.code(300)}\n`.replace(/\n/g, '\r\n');
    view = await WebviewPage.open();
    await stream(writer.deltas(text).reduce<string[]>((posts, delta, i) => (i % 40 === 0 ? [...posts, delta] : [...posts.slice(0, -1), posts[posts.length - 1] + delta]), []));
    await rendered();
    const task = (await view.page.evaluate(`(${POST_DONE})(${JSON.stringify(answer('a1', text))})`)) as DoneTask;
    assert.ok(task.tagged > 200, `${task.tagged} elements streamed`);
    assert.equal(task.kept, task.tagged, 'no streamed element was replaced at messageDone (the answer was not rendered again, nor its open code block)');
    assert.ok(task.waiting >= 1, 'the long code block is not highlighted inside the messageDone task');
    // ...but soon after, in idle time.
    await view.page.waitForFunction(() => !document.querySelector('[data-message-id="a1"] .needs-highlight'), undefined, { timeout: 30_000 });
    const streamed = await view.page.locator('[data-message-id=a1] .markdown').first().innerHTML();
    await view.send(init([user('u1', 'Walk me through it'), answer('a1', text)]));
    await view.page.waitForSelector('[data-message-id=a1] code.hljs');
    assert.equal(streamed, await view.page.locator('[data-message-id=a1] .markdown').first().innerHTML(), 'the same DOM a one-shot render gives');
  });

  it('a large delta renders over several frames, into the DOM a one-shot render gives', async () => {
    const writer = new MarkdownWriter(22);
    const text = writer.answer(160_000);
    view = await WebviewPage.open();
    await stream([text.slice(0, 2_000)]);
    // ~158 KB in one post (a fast model, the host's 300 ms batch): one frame must not take all of it.
    const length = () => view.page.evaluate(() => document.querySelector('[data-message-id="a1"] .markdown')!.textContent!.length);
    const before = await length();
    await view.send({ type: 'delta', messageId: 'a1', kind: 'text', text: text.slice(2_000) });
    // Checked every frame: the first frame that shows more of the answer.
    const grown = await view.page.waitForFunction(
      (shown) => {
        const now = document.querySelector('[data-message-id="a1"] .markdown')!.textContent!.length;
        return now > shown ? now : undefined;
      },
      before,
      { polling: 'raf', timeout: 30_000 },
    );
    const afterOneFrame = (await grown.jsonValue()) as number;
    await view.send({ type: 'messageDone', message: answer('a1', text), totalCostUsd: 0.01 });
    await view.page.waitForSelector('[data-message-id=a1] .markdown:not([aria-busy])', { state: 'attached', timeout: 30_000 });
    await view.page.waitForFunction(() => !document.querySelector('[data-message-id="a1"] .needs-highlight'), undefined, { timeout: 30_000 });
    const full = await length();
    assert.ok(afterOneFrame < full / 2, `one frame rendered ${afterOneFrame} of ${full} chars`);
    const streamed = await view.page.locator('[data-message-id=a1] .markdown').first().innerHTML();
    await view.send(init([user('u1', 'Walk me through it'), answer('a1', text)]));
    await view.page.waitForSelector('[data-message-id=a1] code.hljs');
    assert.equal(streamed, await view.page.locator('[data-message-id=a1] .markdown').first().innerHTML());
  });
});

describe('a paragraph too long to lay out at once (Chromium)', function () {
  let view: WebviewPage;
  afterEach(async () => view?.close());
  after(closeBrowser);

  const paragraphs = () => view.page.evaluate(() => [...document.querySelectorAll('[data-message-id="a1"] .markdown > .markdown-chunk > p')].map((p) => ({ text: p.textContent ?? '', chunk: [...p.parentElement!.parentElement!.children].indexOf(p.parentElement!) })));
  const bodyHtml = () => view.page.locator('[data-message-id=a1] .markdown').first().innerHTML();

  for (const [name, unit, plain] of [
    ['English words, with emphasis', 'The **total** skips the quantity of each item, so the sum is wrong. ', 'The total skips the quantity of each item, so the sum is wrong. '],
    ['Chinese, without spaces', '总数漏掉了每一项的数量所以结果是错的', '总数漏掉了每一项的数量所以结果是错的'],
  ] as const) {
    it(`${name}: streamed and restored, it renders as the same paragraphs, each in a chunk of its own, with all its text`, async () => {
      const repeat = Math.ceil(200_000 / unit.length);
      const text = unit.repeat(repeat).trim();
      view = await WebviewPage.open();
      await streamAnswer(view, 'q', Array.from({ length: Math.ceil(text.length / 4_999) }, (_, i) => text.slice(i * 4_999, (i + 1) * 4_999)));
      await view.send({ type: 'messageDone', message: answer('a1', text), totalCostUsd: 0.01 });
      await view.page.waitForSelector('[data-message-id=a1] [data-testid=message-usage]', { timeout: 30_000 });
      await view.page.waitForSelector('[data-message-id=a1] .markdown:not([aria-busy])', { state: 'attached', timeout: 30_000 });
      const streamed = await paragraphs();
      assert.ok(streamed.length >= 4, `${streamed.length} paragraphs`);
      assert.equal(new Set(streamed.map((p) => p.chunk)).size, streamed.length, 'each piece is in a chunk of its own');
      for (const p of streamed) assert.ok(p.text.length < 80_000, `a piece of ${p.text.length} chars`);
      assert.equal(streamed.map((p) => p.text).join(unit.includes(' ') ? ' ' : '').replace(/\s+/g, ' '), plain.repeat(repeat).trim(), 'every word, once, in order');
      const streamedHtml = await bodyHtml();
      await view.send(init([user('u1', 'q'), answer('a1', text)]));
      await view.page.waitForSelector('[data-message-id=a1] [data-testid=message-usage]', { timeout: 30_000 });
      assert.equal(await bodyHtml(), streamedHtml, 'the DOM a one-shot render gives');
    });
  }
});

describe('a code block streaming in (Chromium)', function () {
  let view: WebviewPage;
  afterEach(async () => view?.close());
  after(closeBrowser);

  /** The answer's first code block, tagged the first time it is seen: `tagged` says it is still that element. */
  const block = () =>
    view.page.evaluate(() => {
      const wrapper = document.querySelector('[data-message-id="a1"] .code-block') as (HTMLElement & { seen?: boolean }) | null;
      if (!wrapper) return null;
      const tagged = wrapper.seen === true;
      wrapper.seen = true;
      return { code: wrapper.querySelector('pre code')!.textContent, label: wrapper.querySelector('.code-language')!.textContent, tagged, highlighted: !!wrapper.querySelector('code.hljs') };
    });

  it('shows exactly the code so far after every frame, and the same block stays as it closes and is highlighted in place', async () => {
    // The info string split across posts, a tag character (a surrogate pair) split across two, a closing fence in
    // two halves, then more text after the block.
    const posts = ['Here is the fix:\n\n```type', 'script\nconst total = items', '.reduce((sum, item) =>', '\n  sum + item.price * item.qty, 0);\n', 'const note = "a\uDB40', '\uDC41b";\n``', '`\n\nThat is all.'];
    const line1 = 'const total = items.reduce((sum, item) =>\n  sum + item.price * item.qty, 0);';
    const expected = [
      { code: 'const total = items', label: 'typescript', tagged: false },
      { code: 'const total = items.reduce((sum, item) =>', label: 'typescript', tagged: true },
      { code: line1, label: 'typescript', tagged: true },
      { code: `${line1}\nconst note = "a`, label: 'typescript', tagged: true },
      { code: `${line1}\nconst note = "aU+E0041b";`, label: 'typescript', tagged: true },
      { code: `${line1}\nconst note = "aU+E0041b";`, label: 'typescript', tagged: true },
    ];
    view = await WebviewPage.open();
    await streamAnswer(view, 'q', posts.slice(0, 1));
    for (const [i, text] of posts.slice(1).entries()) {
      await view.send({ type: 'delta', messageId: 'a1', kind: 'text', text });
      // A flush waits a frame and its pace: until the post is on screen, or with what it shows after 30 s.
      const code = expected[i].code;
      await view.page
        .waitForFunction((want) => document.querySelector('[data-message-id="a1"] .code-block pre code')?.textContent === want && !!document.querySelector('[data-message-id="a1"] .markdown p + .code-block'), code, { timeout: 30_000 })
        .catch(() => undefined);
      await view.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
      const { highlighted: _, ...shown } = (await block())!;
      assert.deepEqual(shown, expected[i], `after post ${i + 2}`);
    }
    const text = posts.join('');
    await view.send({ type: 'messageDone', message: answer('a1', text), totalCostUsd: 0.01 });
    await view.page.waitForFunction(() => !document.querySelector('[data-message-id="a1"] .needs-highlight'), undefined, { timeout: 30_000 });
    assert.deepEqual(await block(), { ...expected[5], highlighted: true }, 'the streamed block itself, highlighted');
    const streamed = await view.page.locator('[data-message-id=a1] .markdown').first().innerHTML();
    await view.send(init([user('u1', 'q'), answer('a1', text)]));
    await view.page.waitForSelector('[data-message-id=a1] code.hljs');
    assert.equal(streamed, await view.page.locator('[data-message-id=a1] .markdown').first().innerHTML(), 'the DOM a one-shot render gives');
  });
  for (const [name, posts, code] of [
    ['an answer that ends inside a block, on a half-typed fence', ['Here:\n\n```ts\nconst a = 1;\n``'], 'const a = 1;\n``'],
    ['a closed block whose last line looks like a fence of the other kind', ['```\nshell prompt\n~~~\n```', '\n\nAfter.'], 'shell prompt\n~~~'],
    // The shape of VS Code's own markdown-renderer tests of a fenced block inside a list item.
    ['a block inside a list item', ['- step one\n\n  ```js\n  let x = 1;\n', '  ```\n- step two\n'], 'let x = 1;'],
  ] as const) {
    it(`keeps all of a block's code when its last line waited for more: ${name}`, async () => {
      view = await WebviewPage.open();
      await streamAnswer(view, 'q', posts);
      await view.send({ type: 'messageDone', message: answer('a1', posts.join('')), totalCostUsd: 0.01 });
      await view.page.waitForFunction(() => !document.querySelector('[data-message-id="a1"] .needs-highlight'), undefined, { timeout: 30_000 });
      assert.equal(await view.page.locator('[data-message-id=a1] pre code').first().textContent(), code);
      const streamed = await view.page.locator('[data-message-id=a1] .markdown').first().innerHTML();
      await view.send(init([user('u1', 'q'), answer('a1', posts.join(''))]));
      await view.page.waitForSelector('[data-message-id=a1] [data-testid=message-usage]', { timeout: 30_000 });
      assert.equal(await view.page.locator('[data-message-id=a1] .markdown').first().innerHTML(), streamed, 'the DOM a one-shot render gives');
    });
  }
});
