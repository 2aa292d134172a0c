// Ghost-text completions in real VS Code against the fake Gemini server: typing in a .ts file shows the fake's
// suggestion as ghost text and Tab puts exactly its bytes in the file; typing on while a (stalled) request is out
// closes that request's socket at the fake before the next one arrives; a .env file never gets a request, and
// its text never rides along in another file's prompt; an untitled buffer gets suggestions, with secrets masked.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { geminiReply } from '../fakes/gemini';
import { FakeServer, type RecordedRequest, type Reply } from '../fakes/server';
import { VscodeSession, waitFor } from './harness';

const ORDERS = `export interface Order {
  readonly id: string;
  readonly amount: number;
  readonly status: 'paid' | 'open';
}

export function totalPaid(orders: Order[]): number {
  const paid = orders.filter((order) => order.status === 'paid');
  
}`;
const SUGGESTION = 'paid.reduce((sum, order) => sum + order.amount, 0);';
const ACCEPTED = ORDERS.replace("'paid');\n  \n}", `'paid');\n  return ${SUGGESTION}\n}`);
const ENV = 'API_KEY=do-not-send-1234\n';
const PASTED_KEY = 'sk-live-0123456789abcdefghij';
const STALLED: Reply = { status: 200, headers: { 'content-type': 'text/event-stream' }, steps: [{ stall: true }] };
/** Far above the slowest run: the machine is shared, and nothing here asserts speed. */
const CEILING_MS = 60_000;

describe('completions: ghost text as you type (code-server + fake Gemini)', () => {
  let vscode: VscodeSession;
  let gemini: FakeServer;
  const file = () => path.join(vscode.workspace, 'src', 'orders.ts');
  /** The ghost text in the active editor: VS Code renders it in syntax-coloured pieces with non-breaking spaces, so their texts are joined and the spaces made plain. */
  const ghostText = () =>
    vscode.page.evaluate(() => {
      const pieces = [...document.querySelectorAll('.editor-group-container.active .monaco-editor [class*="ghost-text"]')];
      return pieces.filter((el) => !el.querySelector('[class*="ghost-text"]')).map((el) => (el.textContent ?? '').replace(/\u00a0/g, ' ')).join('');
    });
  /** A request whose prompt has the cursor right after `linePrefix`. */
  const requestAt = (linePrefix: string) => (r: RecordedRequest) => r.body.includes(`${linePrefix}<|hole|>`);

  before(async () => {
    gemini = await FakeServer.start();
    vscode = await VscodeSession.start({
      settings: {
        'tandem.gemini.baseUrl': gemini.url,
        'tandem.completions.enable': true,
        // plaintext too, so a .env file is refused for being a secret, not for its language
        'tandem.completions.languages': { '*': true },
        'workbench.colorTheme': 'Default Dark Modern',
        // Tab must go to the ghost text, not to an IntelliSense list that typing opened
        'editor.quickSuggestions': { other: false, comments: false, strings: false },
        'editor.suggestOnTriggerCharacters': false,
        // Ctrl+N opens a TypeScript buffer, as a user who set their default language would have
        'files.defaultLanguage': 'typescript',
      },
      env: { TANDEM_GEMINI_API_KEY: 'AIzaSyE2E-completion-key-0000000000' },
      files: { 'src/orders.ts': ORDERS, 'src/notes.ts': '// scratch\n', '.env': ENV },
    });
  });
  afterEach(async function () {
    await vscode.screenshotIfFailed(this.currentTest);
  });
  after(async () => {
    await vscode?.dispose();
    await gemini?.close();
  });

  async function typeAtEnd(relativePath: string, text: string, linesUp = 0): Promise<void> {
    const name = path.basename(relativePath);
    const tab = vscode.page.locator('.tab', { hasText: name }).first();
    // A file already open is brought back by its tab: Quick Open's list can still be settling from the last search.
    if (await tab.isVisible()) {
      await tab.click();
      await vscode.page.locator(`.tab.active:has-text("${name}")`).first().waitFor({ timeout: CEILING_MS });
    } else {
      await vscode.openFile(relativePath);
    }
    await vscode.focusEditor();
    await vscode.page.keyboard.press('Control+End');
    for (let i = 0; i < linesUp; i++) await vscode.page.keyboard.press('ArrowUp');
    await vscode.page.keyboard.press('End');
    await vscode.page.keyboard.type(text, { delay: 40 });
  }

  it('shows the model’s suggestion as ghost text; Tab accepts it and the file holds exactly those bytes', async () => {
    gemini.reset();
    gemini.fallback = () => geminiReply({ text: SUGGESTION, pieceSize: 10 });
    await typeAtEnd('src/orders.ts', 'return ', 1);
    await waitFor('the ghost text', async () => ((await ghostText()).includes(SUGGESTION) ? true : undefined), CEILING_MS);
    const request = gemini.requests.find(requestAt('  return '));
    assert.ok(request, 'the fake was asked at the cursor after "return "');
    const body = request.json<{ generationConfig?: { maxOutputTokens?: number; thinkingConfig?: { thinkingLevel?: string } } }>();
    assert.equal(body.generationConfig?.thinkingConfig?.thinkingLevel?.toLowerCase(), 'minimal');
    assert.ok((body.generationConfig?.maxOutputTokens ?? Infinity) <= 64, 'a one-line output limit');
    // For the README: a window just big enough for the file and the status bar, then back to the usual size.
    await vscode.page.setViewportSize({ width: 1100, height: 380 });
    await waitFor('the ghost text after the resize', async () => ((await ghostText()).includes(SUGGESTION) ? true : undefined), CEILING_MS);
    await new Promise((r) => setTimeout(r, 500));
    await vscode.page.screenshot({ path: path.join(__dirname, '..', '..', 'test-results', 'screenshots', 'completions-ghost.png') });
    await vscode.page.setViewportSize({ width: 1400, height: 900 });
    await waitFor('the ghost text at full size', async () => ((await ghostText()).includes(SUGGESTION) ? true : undefined), CEILING_MS);

    await vscode.page.keyboard.press('Tab');
    await waitFor('the ghost text to be taken into the file', async () => ((await ghostText()).includes('order.amount') ? undefined : true), CEILING_MS);
    const before = fs.statSync(file()).mtimeMs;
    await vscode.page.keyboard.press('Control+S');
    await waitFor('the saved file', () => (fs.statSync(file()).mtimeMs !== before && fs.readFileSync(file(), 'utf8') === ACCEPTED ? true : undefined), CEILING_MS).catch(() => undefined);
    assert.equal(fs.readFileSync(file(), 'utf8'), ACCEPTED);
  });

  it('a keystroke while a request is out closes that request’s socket before the next request leaves', async () => {
    gemini.reset();
    gemini.fallback = STALLED;
    await typeAtEnd('src/notes.ts', 'const slow = ');
    const stalled = await waitFor('a request at "const slow = "', () => gemini.requests.find(requestAt('const slow = ')), CEILING_MS);
    let closedAt: number | undefined;
    void stalled.closed.then((at) => (closedAt = at));
    // The fake never answers it: only the client closing it ends this request.
    await new Promise((r) => setTimeout(r, 1_000));
    assert.equal(closedAt, undefined, 'the stalled request is still open before the keystroke');
    await vscode.page.keyboard.type('4');
    await waitFor('the fake to see the stalled connection close', () => closedAt, CEILING_MS);
    const next = await waitFor('the request after the keystroke', () => gemini.requests.find(requestAt('const slow = 4')), CEILING_MS);
    assert.ok(next.receivedAt >= closedAt!, `the next request (${next.receivedAt}) came after the aborted one closed (${closedAt})`);
    gemini.fallback = () => geminiReply({ text: ';' });
    await vscode.page.keyboard.press('Escape');
  });

  it('a .env file gets no request, and its text is never part of another file’s prompt', async () => {
    gemini.reset();
    gemini.fallback = () => geminiReply({ text: ' 2;' });
    await typeAtEnd('.env', 'OTHER_SECRET=');
    // Long enough for any debounce and a request to leave; then another file, whose request proves typing works.
    await new Promise((r) => setTimeout(r, 3_000));
    const duringEnv = gemini.requests.length;
    await typeAtEnd('src/notes.ts', '\nconst later =');
    await waitFor('a request from the .ts file', () => gemini.requests.find(requestAt('const later =')), CEILING_MS);
    assert.equal(duringEnv, 0, 'no request while typing in .env');
    for (const request of gemini.requests) {
      assert.doesNotMatch(request.body, /OTHER_SECRET|do-not-send|API_KEY/, 'the .env text is not in any prompt');
    }
  });
  it('an untitled buffer gets ghost text too, with a key pasted into it masked in the prompt', async () => {
    gemini.reset();
    gemini.fallback = () => geminiReply({ text: 'limit * 2;' });
    await vscode.runCommand('File: New Untitled Text File');
    await vscode.page.locator('.tab.active:has-text("Untitled")').first().waitFor({ timeout: CEILING_MS });
    await vscode.focusEditor();
    await vscode.page.keyboard.type(`const key = "${PASTED_KEY}";\nconst limit = 10;\nconst doubled = `, { delay: 20 });
    const request = await waitFor('a request at the cursor in the untitled buffer', () => gemini.requests.find(requestAt('const doubled = ')), CEILING_MS);
    await waitFor('the ghost text in the untitled buffer', async () => ((await ghostText()).includes('limit * 2;') ? true : undefined), CEILING_MS);
    assert.doesNotMatch(request.body, /sk-live-/, 'the pasted key never leaves');
    assert.match(request.body, /const key = \\"\[redacted key\]\\"/, 'it is masked where it stood');
    await vscode.page.keyboard.press('Escape');
    await vscode.runCommand('View: Revert and Close Editor');
  });

  it('the status bar item snoozes, resumes and turns completions off (written to the Remote settings, machine scope)', async () => {
    const item = vscode.page.locator('.statusbar-item[id*="tandem.completions"], .statusbar-item:has-text("Completions")').first();
    const label = async () => (await item.getAttribute('aria-label')) ?? '';
    await waitFor('the item to say on', async () => (/completions on/i.test(await label()) ? true : undefined), CEILING_MS);
    await item.click();
    await vscode.pickQuickItem('Snooze for 30 Minutes');
    await waitFor('the item to say snoozed', async () => (/snoozed/i.test(await label()) ? true : undefined), CEILING_MS);

    gemini.reset();
    await typeAtEnd('src/notes.ts', '\nconst snoozed =');
    await new Promise((r) => setTimeout(r, 3_000));
    assert.equal(gemini.requests.length, 0, 'no request while snoozed');

    await item.click();
    await vscode.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Turn Off Completions' }).first().waitFor({ timeout: CEILING_MS });
    await vscode.page.screenshot({ path: path.join(__dirname, '..', '..', 'test-results', 'screenshots', 'completions-toggle.png') });
    await vscode.pickQuickItem('Resume Completions');
    await waitFor('the item to say on again', async () => (/completions on/i.test(await label()) ? true : undefined), CEILING_MS);

    await item.click();
    await vscode.pickQuickItem('Turn Off Completions');
    await waitFor('the item to say off', async () => (/completions off/i.test(await label()) ? true : undefined), CEILING_MS);
    const remote = JSON.parse(fs.readFileSync(path.join(vscode.userDataDir, 'Machine', 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(remote['tandem.completions.enable'], false, 'written where VS Code reads a machine-scoped setting in a remote window');
  });
});
