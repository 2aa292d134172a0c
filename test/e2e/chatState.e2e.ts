// What the chat shows is what the model is sent and what the user pays, in real VS Code against the fake Gemini:
// a failed question is not sent again with the next one, cached input is billed at its own price, and a retried
// rate limit says so while it waits.
import { strict as assert } from 'node:assert';
import type { FrameLocator } from 'playwright-core';
import { geminiRateLimited, geminiReply } from '../fakes/gemini';
import { FakeServer } from '../fakes/server';
import { htmlReply } from '../fakes/sse';
import { VscodeSession, sendPrompt, waitFor } from './harness';

const GEMINI_KEY = 'AIzaSyE2E-SENTINEL-state-00000000000000';

interface GeminiBody {
  contents: { role: string; parts: { text?: string }[] }[];
}

describe('chat state, cost and retries (code-server + fake Gemini)', () => {
  let vscode: VscodeSession;
  let gemini: FakeServer;
  let frame: FrameLocator;
  const lastAnswer = () => frame.getByTestId('message-assistant').last();

  before(async () => {
    gemini = await FakeServer.start();
    vscode = await VscodeSession.start({
      settings: { 'tandem.gemini.baseUrl': gemini.url, 'tandem.context.includeOpenEditors': false },
      env: { TANDEM_GEMINI_API_KEY: GEMINI_KEY },
    });
    frame = await vscode.openTandemView();
  });
  beforeEach(() => gemini.reset());
  afterEach(async function () {
    await vscode.screenshotIfFailed(this.currentTest);
  });
  after(async () => {
    await vscode?.dispose();
    await gemini?.close();
  });

  it('a question whose answer failed is not sent again: the next request holds one user message, the new question', async () => {
    gemini.enqueue(htmlReply());
    await sendPrompt(frame, 'first question that fails');
    await lastAnswer().getByTestId('message-error').waitFor({ timeout: 60_000 });
    gemini.enqueue(geminiReply({ text: 'Second answer.' }));
    await sendPrompt(frame, 'second question');
    await lastAnswer().getByTestId('message-usage').waitFor({ timeout: 60_000 });
    const requests = await gemini.waitForRequests(2);
    const body = requests[1].json() as GeminiBody;
    const users = body.contents.filter((c) => c.role === 'user');
    assert.equal(users.length, 1, JSON.stringify(body.contents));
    const sent = JSON.stringify(body.contents);
    assert.match(sent, /second question/);
    assert.doesNotMatch(sent, /first question that fails/);
  });

  it('an answer served from the prompt cache shows its cached tokens and costs the cached price', async () => {
    await vscode.runCommand('Tandem: New Chat');
    // 200K prompt tokens, 180K of them cached; "Cached answer." is 4 output tokens at the fake.
    gemini.enqueue(geminiReply({ text: 'Cached answer.', promptTokens: 200_000, cachedTokens: 180_000 }));
    await sendPrompt(frame, 'a question with a long shared prefix');
    const usage = lastAnswer().getByTestId('message-usage');
    await usage.waitFor({ timeout: 60_000 });
    // 20K × $0.25/1M + 180K × $0.025/1M + 4 × $1.50/1M = $0.009506 (at the full input price it would be $0.0500).
    assert.equal((await usage.textContent())?.trim(), '200.0K in, 180.0K cached · 4 out · $0.0095');
    assert.match((await usage.getAttribute('title')) ?? '', /180,000 cached/);
  });

  it('a rate limit that is retried says so in the answer while it waits, then the answer comes', async () => {
    await vscode.runCommand('Tandem: New Chat');
    // A long wait, so the notice is on screen far longer than a busy window's frames take (with 4 s it was missed
    // once in CI, the answer already there).
    gemini.enqueue(geminiRateLimited('12s'), geminiReply({ text: 'After the wait.' }));
    await sendPrompt(frame, 'a question that meets a rate limit');
    const status = lastAnswer().getByTestId('message-status');
    await status.waitFor({ timeout: 60_000 });
    assert.match((await status.textContent()) ?? '', /Rate limited by .*Gemini.* — retrying in 12 s \(attempt 2 of 4\)/, 'tandem.network.maxRetries is 3: four attempts in all');
    await waitFor('the answer after the retry', async () => ((await lastAnswer().textContent()) ?? '').includes('After the wait.'), 120_000);
    assert.equal(await status.count(), 0, 'the notice is gone once text comes');
    assert.equal((await gemini.waitForRequests(2)).length, 2);
  });
});
