// Keys through the real commands: Set API Key stores it in SecretStorage, Test Connection makes a real
// request to the fake, and a rejected key says so with its action.
import { strict as assert } from 'node:assert';
import { FakeServer } from '../fakes/server';
import { geminiReply } from '../fakes/gemini';
import { openaiInvalidKey } from '../fakes/openai';
import { VscodeSession, waitFor } from './harness';

const GEMINI_KEY = 'AIzaSyE2E-gemini-key-0000000000000000';
const OPENAI_KEY = 'sk-e2e-rejected-key-000000000000';

describe('keys: Set API Key and Test Connection (code-server)', () => {
  let vscode: VscodeSession;
  let gemini: FakeServer;
  let openai: FakeServer;

  before(async () => {
    gemini = await FakeServer.start();
    openai = await FakeServer.start();
    vscode = await VscodeSession.start({
      settings: { 'tandem.gemini.baseUrl': gemini.url, 'tandem.gpt.baseUrl': `${openai.url}/v1` },
    });
  });
  afterEach(async function () {
    await vscode.screenshotIfFailed(this.currentTest, 'failed-keys');
  });
  after(async () => {
    await vscode?.dispose();
    await gemini?.close();
    await openai?.close();
  });

  it('saves a Gemini key and Test Connection reaches the endpoint with it', async () => {
    gemini.enqueue(geminiReply({ text: 'OK' }));
    await vscode.runCommand('Tandem: Set API Key');
    await vscode.pickQuickItem('Gemini API key');
    await vscode.answerQuickInput(GEMINI_KEY);
    await vscode.waitForNotification(/Gemini API key saved/);
    await vscode.runCommand('Tandem: Test Connection');
    const [request] = await gemini.waitForRequests(1, 30_000);
    assert.equal(request.headers['x-goog-api-key'], GEMINI_KEY);
    assert.match(request.url, /^\/v1beta\/models\/gemini-3\.1-flash-lite:streamGenerateContent\?alt=sse$/);
    await vscode.waitForNotification(/Gemini API.* connected in \d+ ms/);
    await vscode.screenshot('keys-test-connection');
  });

  it('a rejected key shows the auth message with a Set API Key button, and never the key', async () => {
    openai.enqueue(openaiInvalidKey());
    await vscode.runCommand('Tandem: Set API Key');
    await vscode.pickQuickItem('OpenAI API key');
    await vscode.answerQuickInput(OPENAI_KEY);
    await vscode.waitForNotification(/OpenAI API key saved/);
    gemini.enqueue(geminiReply({ text: 'OK' }));
    await vscode.runCommand('Tandem: Test Connection');
    const message = await vscode.waitForNotification(/OpenAI API key was rejected/);
    assert.match(message, /Tandem: Set API Key/);
    assert.match(message, /Gemini API connected in \d+ ms/, 'one message with every model\'s result');
    // The progress ends before the result shows, so nothing keeps spinning while the message waits for a click.
    await waitFor('the progress notification to close', async () => ((await vscode.notifications()).some((n) => /testing the connection/.test(n)) ? undefined : true), 10_000, 250);
    assert.doesNotMatch(message, /sk-e2e/);
    const notification = vscode.notification(/OpenAI API key was rejected/);
    await notification.hover();
    assert.ok(await notification.getByRole('button', { name: 'Set API Key' }).isVisible());
    const [request] = await openai.waitForRequests(1);
    assert.equal(request.headers.authorization, `Bearer ${OPENAI_KEY}`);
    await waitFor('the Tandem log to be written', () => vscode.readTandemLog().includes('saved') || undefined);
    for (const text of [vscode.readTandemLog(), vscode.readExtHostLog()]) {
      assert.ok(!text.includes(OPENAI_KEY) && !text.includes(GEMINI_KEY), 'no key in the logs');
    }
    await vscode.screenshot('keys-rejected');
  });
});
