// The chat panel in real VS Code against the fake model servers: streaming, Stop, actions, reload,
// auto-continue and hostile answers.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { FakeServer } from '../fakes/server';
import { geminiReply } from '../fakes/gemini';
import { openaiReply } from '../fakes/openai';
import { VscodeSession, sendPrompt, waitFor } from './harness';
import { pickOption } from '../support/picker';

// Sentinel keys: the last tests prove neither lands on disk or in an export.
const GEMINI_KEY = 'AIzaSyE2E-SENTINEL-gemini-0000000000000';
const OPENAI_KEY = 'sk-e2e-SENTINEL-openai-000000000000';

const ANSWER = `## The fix

Multiply by the **quantity**:

\`\`\`ts
export function total(items: Item[]): number {
  return items.reduce((sum, item) => sum + item.price * item.quantity, 0);
}
\`\`\`

| Case | Before | After |
|------|--------|-------|
| 2 pens | 1.50 | 3.00 |
`;

describe('chat panel (code-server + fake models)', () => {
  let vscode: VscodeSession;
  let gemini: FakeServer;
  let openai: FakeServer;
  let frame: FrameLocator;

  before(async () => {
    gemini = await FakeServer.start();
    openai = await FakeServer.start();
    vscode = await VscodeSession.start({
      settings: {
        'tandem.gemini.baseUrl': gemini.url,
        'tandem.gpt.baseUrl': `${openai.url}/v1`,
        'tandem.network.firstByteTimeoutSeconds': 3600,
        'tandem.network.idleTimeoutSeconds': 3600,
        'workbench.colorTheme': 'Default Dark Modern',
      },
      env: { TANDEM_GEMINI_API_KEY: GEMINI_KEY, TANDEM_OPENAI_API_KEY: OPENAI_KEY },
      files: { 'src/cart.ts': 'export interface Item { price: number; quantity: number }\n\n// cursor here\n' },
    });
    frame = await vscode.openTandemView();
  });
  afterEach(async function () {
    await vscode.screenshotIfFailed(this.currentTest);
  });
  after(async () => {
    await vscode?.dispose();
    await gemini?.close();
    await openai?.close();
  });

  const ask = (text: string) => sendPrompt(frame, text);
  const lastAnswer = () => frame.getByTestId('message-assistant').last();

  it('streams a Gemini answer visibly and renders markdown with highlighted code', async () => {
    gemini.enqueue(geminiReply({ text: ANSWER, pieceSize: 12 }, { eol: '\r\n', delayMs: 25 }));
    await ask('Why is the cart total wrong?');
    await frame.locator('.message.assistant.streaming').waitFor();
    const partial = await lastAnswer().locator('.markdown').first().textContent();
    await lastAnswer().getByTestId('message-usage').waitFor({ timeout: 30_000 });
    assert.ok((partial ?? '').length < ANSWER.length, 'text was visible before the answer finished');
    assert.equal(await lastAnswer().locator('h2').textContent(), 'The fix');
    // Keywords are painted by a CSS highlight over the block's text: some of its ranges lie in this answer's code.
    const keywordRanges = await lastAnswer().locator('pre code.hljs').first().evaluate((code) => [...(CSS.highlights.get('tandem-keyword') ?? [])].filter((range) => code.contains(range.startContainer)).length);
    assert.ok(keywordRanges > 0, 'code is highlighted');
    assert.equal(await lastAnswer().locator('table td').first().textContent(), '2 pens');
    const [request] = await gemini.waitForRequests(1);
    assert.match(JSON.stringify(request.json()), /Why is the cart total wrong\?/);
    await vscode.screenshot('chat-gemini-answer');
  });

  it('Stop closes the connection at the fake and keeps the partial answer', async () => {
    gemini.reset();
    gemini.enqueue(geminiReply({ text: 'A partial answer that will be stopped by the user', pieceSize: 10 }, { eol: '\r\n', stallAfter: 2 }));
    await ask('Tell me a long story');
    await waitFor('partial text', async () => ((await lastAnswer().textContent()) ?? '').includes('A partial'));
    const [request] = await gemini.waitForRequests(1);
    // The fake stalls for good and the session's timeouts are an hour: a socket that closes was closed by Stop
    // (how soon after the click is bench/'s business).
    await frame.getByTestId('stop').click();
    await waitFor('the socket to close', () => request.closed.then(() => true), 120_000);
    await frame.getByTestId('send').waitFor();
    assert.match((await lastAnswer().textContent()) ?? '', /A partial/);
  });

  it('answers from GPT-5.3 Chat after switching the model picker', async () => {
    openai.enqueue(openaiReply({ text: 'GPT says: use `reduce`.' }));
    await pickOption(frame, 'model-picker', 'gpt');
    await ask('Shorter please');
    await waitFor('the GPT answer', async () => ((await lastAnswer().textContent()) ?? '').includes('GPT says'));
    const [request] = await openai.waitForRequests(1);
    const body = request.json<{ model: string; messages: { role: string; content: unknown }[] }>();
    assert.equal(body.model, 'gpt-5.3-chat-latest');
    assert.equal(request.headers.authorization, `Bearer ${OPENAI_KEY}`);
    assert.match(await lastAnswer().locator('.model-name').textContent() ?? '', /GPT-5\.3/);
    await pickOption(frame, 'model-picker', 'gemini');
  });

  it('regenerate asks again; edit-and-resend sends the edited text', async () => {
    gemini.reset();
    gemini.enqueue(geminiReply({ text: 'Second try.' }), geminiReply({ text: 'Edited answer.' }));
    await lastAnswer().hover();
    await lastAnswer().getByTestId('message-regenerate').click();
    await waitFor('the regenerated answer', async () => ((await lastAnswer().textContent()) ?? '').includes('Second try.'));
    const userMessage = frame.getByTestId('message-user').last();
    await userMessage.hover();
    await userMessage.getByTestId('message-edit').click();
    await frame.getByTestId('edit-input').fill('Shorter, in one line');
    await frame.getByTestId('edit-send').click();
    await waitFor('the edited answer', async () => ((await lastAnswer().textContent()) ?? '').includes('Edited answer.'));
    const requests = await gemini.waitForRequests(2);
    assert.match(requests[1].body, /Shorter, in one line/);
    assert.equal((await frame.getByTestId('message-user').last().textContent())?.includes('Shorter, in one line'), true);
  });

  it('insert at cursor puts the code block into the editor; copy puts it on the clipboard', async () => {
    gemini.reset();
    gemini.enqueue(geminiReply({ text: 'Use this:\n\n```ts\nconst fixed = true;\n```\n' }));
    await vscode.openFile('src/cart.ts');
    await vscode.page.locator('.monaco-editor .view-lines', { hasText: 'cursor here' }).waitFor();
    await ask('Give me a line');
    const block = lastAnswer().getByTestId('code-block');
    await block.waitFor();
    await lastAnswer().getByTestId('message-usage').waitFor();
    await block.hover();
    await block.getByTestId('code-insert').click();
    await vscode.page.locator('.monaco-editor .view-lines', { hasText: 'const fixed = true;' }).waitFor({ timeout: 15_000 });
    await block.getByTestId('code-copy').click();
    const clipboard = await waitFor('the clipboard', async () => {
      const text = await vscode.page.evaluate(() => navigator.clipboard.readText());
      return text === 'const fixed = true;' ? text : undefined;
    });
    assert.equal(clipboard, 'const fixed = true;');
  });

  it('continues an answer cut at the output limit and joins it without a seam, inside a code block', async () => {
    gemini.reset();
    gemini.enqueue(
      geminiReply({ text: 'Here it is:\n\n```python\ndef add(a, b):\n    ret', finishReason: 'MAX_TOKENS' }),
      geminiReply({ text: 'urn a + b\n```\n\nDone.' }),
    );
    await ask('Write add() in Python');
    await waitFor('the joined answer', async () => ((await lastAnswer().textContent()) ?? '').includes('Done.'), 30_000);
    const requests = await gemini.waitForRequests(2);
    assert.equal(requests.length, 2);
    assert.equal(await lastAnswer().getByTestId('code-block').count(), 1);
    assert.equal(await lastAnswer().locator('pre code').textContent(), 'def add(a, b):\n    return a + b');
  });

  it('a hostile answer loads and runs nothing', async () => {
    gemini.reset();
    const evil = `${gemini.url}/evil`;
    gemini.enqueue(
      geminiReply({
        text: [
          `![tracker](${evil}/img.png)`,
          `<img src="${evil}/html.png" onerror="window.parent.postMessage('pwned','*')">`,
          `<script>fetch('${evil}/script')</script>`,
          `<iframe src="${evil}/frame"></iframe>`,
          `[click me](javascript:fetch('${evil}/js'))`,
          `<a href="${evil}/plain">plain link</a>`,
          `<svg><image href="${evil}/svg.png"/></svg>`,
          `<video poster="${evil}/poster.png"></video>`,
          `<div style="background:url(${evil}/css.png)">styled</div>`,
        ].join('\n\n'),
      }),
    );
    await ask('Show me something');
    await lastAnswer().getByTestId('message-usage').waitFor();
    await lastAnswer().getByText('click me').click();
    // Every load the answer could start has started once its images are settled (loaded, failed or blocked)
    // and two frames have passed; a request that got out would then already be at the fake.
    await lastAnswer()
      .locator('img')
      .evaluateAll((images) =>
        Promise.all(
          (images as HTMLImageElement[]).map((image) =>
            image.complete
              ? undefined
              : new Promise((settled) => {
                  image.addEventListener('load', settled);
                  image.addEventListener('error', settled);
                }),
          ),
        ).then(
          () => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted))),
        ),
      );
    const stray = gemini.requests.filter((r) => r.url.startsWith('/evil'));
    assert.deepEqual(stray.map((r) => r.url), []);
    const live = await lastAnswer().locator('script, iframe, svg, video, img[src^="http"], [onerror], [style]').count();
    assert.equal(live, 0);
    assert.ok(await lastAnswer().locator('.blocked-image').first().isVisible());
  });

  it('the key lands nowhere: no log, chat file, state, settings or export holds it', async () => {
    await vscode.runCommand('Tandem: Export Chat as Markdown');
    const exportEditor = vscode.page.locator('.monaco-editor .view-lines', { hasText: 'Why is the cart total wrong' }).first();
    await exportEditor.waitFor({ timeout: 15_000 });
    const exported = await exportEditor.innerText();
    assert.ok(!exported.includes(GEMINI_KEY) && !exported.includes(OPENAI_KEY), 'the export holds no key');
    const leaks: string[] = [];
    const scan = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) scan(file);
        else if (entry.isFile()) {
          const bytes = fs.readFileSync(file);
          if (bytes.includes(GEMINI_KEY) || bytes.includes(OPENAI_KEY)) leaks.push(path.relative(path.dirname(vscode.workspace), file));
        }
      }
    };
    scan(path.dirname(vscode.workspace)); // user data (logs, state, chats, settings) and the workspace
    assert.deepEqual(leaks, []);
  });

  it('the chat is still there after a window reload', async () => {
    if ((await frame.getByTestId('message-user').count()) === 0) {
      // Run on its own (--grep): first make the chat to restore.
      gemini.enqueue(geminiReply({ text: ANSWER }, { eol: '\r\n' }));
      await ask('Why is the cart total wrong?');
      await lastAnswer().getByTestId('message-usage').waitFor({ timeout: 30_000 });
    }
    const before = await frame.getByTestId('message-assistant').count();
    frame = await vscode.reloadWindow();
    await waitFor('the restored chat', async () => ((await frame.getByTestId('message-assistant').count()) === before ? true : undefined), 30_000);
    assert.match((await frame.getByTestId('message-user').first().textContent()) ?? '', /Why is the cart total wrong\?/);
  });
});
