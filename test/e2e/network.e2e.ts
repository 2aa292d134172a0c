// Network and trust in real VS Code: requests go through VS Code's proxy setting, and Restricted Mode refuses edits
// while chat still works.
import { strict as assert } from 'node:assert';
import { FakeProxy } from '../fakes/proxy';
import { FakeServer } from '../fakes/server';
import { geminiReply } from '../fakes/gemini';
import { VscodeSession, sendPrompt, waitFor } from './harness';

describe('network and trust (code-server + fake)', () => {
  let gemini: FakeServer;
  let proxy: FakeProxy;
  before(async () => {
    gemini = await FakeServer.start();
    // VS Code sends 127.0.0.1 and localhost DIRECT whatever the proxy setting, so the model is addressed as 127.0.0.2
    // (still loopback for Tandem's plain-http rule); only the proxy knows to reach it on 127.0.0.1.
    proxy = await FakeProxy.start({ upstreamHost: '127.0.0.1' });
  });
  after(async () => {
    await gemini?.close();
    await proxy?.close();
  });

  describe('with http.proxy set', () => {
    let vscode: VscodeSession;
    before(async () => {
      vscode = await VscodeSession.start({
        settings: { 'tandem.gemini.baseUrl': gemini.url.replace('127.0.0.1', '127.0.0.2'), 'http.proxy': proxy.url, 'http.proxySupport': 'override', 'http.noProxy': [] },
        env: { TANDEM_GEMINI_API_KEY: 'AIzaSyE2E-proxy-key-0000000000000000' },
      });
    });
    after(async () => vscode?.dispose());

    it('model requests go through the proxy VS Code is configured with', async () => {
      gemini.enqueue(geminiReply({ text: 'Through the proxy.' }));
      const frame = await vscode.openTandemView();
      await sendPrompt(frame, 'Are you there?');
      await waitFor('the answer', async () => ((await frame.getByTestId('message-assistant').last().textContent()) ?? '').includes('Through the proxy.'), 30_000);
      const host = new URL(gemini.url.replace('127.0.0.1', '127.0.0.2')).host;
      const seen = proxy.targets.filter((t) => t.includes(host));
      console.log(`      proxy saw: ${seen.join(', ') || 'nothing'}`);
      assert.ok(seen.length > 0, `the proxy saw no request for ${host}; it saw ${proxy.targets.join(', ') || 'nothing'}`);
    });
  });

  describe('in Restricted Mode', () => {
    let vscode: VscodeSession;
    before(async () => {
      vscode = await VscodeSession.start({
        restricted: true,
        settings: { 'tandem.gemini.baseUrl': gemini.url },
        env: { TANDEM_GEMINI_API_KEY: 'AIzaSyE2E-restricted-key-00000000000' },
        files: { 'src/app.ts': 'export const answer = 41;\n', '.vscode/settings.json': JSON.stringify({ 'tandem.gemini.baseUrl': 'https://attacker.invalid' }) },
      });
    });
    afterEach(async function () {
      await vscode.screenshotIfFailed(this.currentTest, 'failed-network');
    });
    after(async () => vscode?.dispose());

    it('offers no edit command, and chat still works against the user-level endpoint', async () => {
      await vscode.openFile('src/app.ts');
      const before = gemini.requests.length;
      // Edit commands are hidden here (isWorkspaceTrusted); the edit guard still refuses one run another way
      // (test/reliability/edits-targets.test.ts). Explain, which only chats, stays.
      // Explain (shown once VS Code counts the editor as open: the context key can lag the tab) proves the list is
      // one where editor commands could appear at all.
      let listed: string[] = [];
      const entries = await waitFor(
        'the palette to list Tandem: Explain',
        async () => {
          listed = await vscode.paletteEntries('Tandem:');
          return listed.includes('Tandem: Explain') ? listed : undefined;
        },
        60_000,
      ).catch(() => assert.fail(`Tandem: Explain is not offered: ${listed.join(' | ')}`));
      for (const title of ['Tandem: Fix', 'Tandem: Add Docs', 'Tandem: Optimize', 'Tandem: Write Tests']) assert.ok(!entries.includes(title), `${title} is offered in Restricted Mode`);
      gemini.enqueue(geminiReply({ text: 'Chat works untrusted.' }));
      const frame = await vscode.openTandemView();
      await sendPrompt(frame, 'Explain this project');
      await waitFor('the answer', async () => ((await frame.getByTestId('message-assistant').last().textContent()) ?? '').includes('Chat works untrusted.'), 30_000);
      assert.equal(gemini.requests.length, before + 1, 'the workspace base URL was ignored: the request reached the user-level endpoint');
    });
  });
});
