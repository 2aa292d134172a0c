// Editor commands and inline diff suggestions in real VS Code against the fake model: hunks shown inline,
// accept one / reject one gives the exact file, Accept All then one undo restores it byte for byte;
// Explain opens the chat with the selection; the lightbulb offers Fix and Explain with Tandem only on a problem.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FakeServer } from '../fakes/server';
import { geminiReply } from '../fakes/gemini';
import { VscodeSession, waitFor } from './harness';

const CART = `export function total(items: { price: number; quantity: number }[]): number {
  let sum = 0;
  for (const item of items) sum += item.price;
  return sum;
}

export function count(items: unknown[]): number {
  return items.length + 1;
}
`;
const FIX_ANSWER = `Two bugs:

<<<<<<< SEARCH
  for (const item of items) sum += item.price;
=======
  for (const item of items) sum += item.price * item.quantity;
>>>>>>> REPLACE

<<<<<<< SEARCH
  return items.length + 1;
=======
  return items.length;
>>>>>>> REPLACE
`;
const FIRST_ONLY = CART.replace('sum += item.price;', 'sum += item.price * item.quantity;');
const BOTH = FIRST_ONLY.replace('items.length + 1', 'items.length');

describe('edits: inline diff suggestions and editor commands (code-server + fake)', () => {
  let vscode: VscodeSession;
  let gemini: FakeServer;
  const file = () => path.join(vscode.workspace, 'src', 'cart.ts');

  before(async () => {
    gemini = await FakeServer.start();
    vscode = await VscodeSession.start({
      settings: { 'tandem.gemini.baseUrl': gemini.url, 'workbench.colorTheme': 'Default Dark Modern' },
      env: { TANDEM_GEMINI_API_KEY: 'AIzaSyE2E-edit-key-00000000000000000' },
      files: { 'src/cart.ts': CART, 'src/broken.ts': 'export const ok = 1;\nexport const bad: number = "text";\n' },
    });
  });
  afterEach(async function () {
    await vscode.screenshotIfFailed(this.currentTest);
    if (this.currentTest?.state === 'failed' && process.env.TANDEM_E2E_DEBUG) console.log(vscode.readExtHostLog().split('\n').filter((l) => /error|warn|tandem/i.test(l)).slice(-30).join('\n'), vscode.readTandemLog());
  });
  after(async () => {
    await vscode?.dispose();
    await gemini?.close();
  });

  const lens = (title: string | RegExp) => vscode.page.locator('.contentWidgets .codelens-decoration a, .codelens-decoration a', { hasText: title });
  /** Saves the editor and returns the file once the save has landed: VS Code truncates, then writes, so a read
   * right after the mtime moves can see an empty file. Waits for `expected`, then returns what is there. */
  async function save(expected: string): Promise<string> {
    const before = fs.statSync(file()).mtimeMs;
    await vscode.focusEditor();
    await vscode.page.keyboard.press('Control+S');
    await waitFor('the file to be saved', () => (fs.statSync(file()).mtimeMs !== before ? true : undefined));
    await waitFor('the saved bytes', () => (fs.readFileSync(file(), 'utf8') === expected ? true : undefined), 10_000).catch(() => undefined);
    return fs.readFileSync(file(), 'utf8');
  }

  it('Explain opens the chat with the selection and streams the answer there', async () => {
    gemini.enqueue(geminiReply({ text: 'It sums prices.' }));
    await vscode.openFile('src/cart.ts');
    await vscode.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await vscode.page.keyboard.press('Control+A');
    await vscode.page.locator('.editor-group-container.active .monaco-editor .selected-text').first().waitFor();
    await vscode.runCommand('Tandem: Explain');
    const frame = vscode.chatFrame();
    await waitFor('the answer in the chat', async () => ((await frame.getByTestId('message-assistant').last().textContent()) ?? '').includes('It sums prices.'));
    assert.match((await frame.getByTestId('message-user').last().textContent()) ?? '', /Explain the selected code from src\/cart\.ts:1-9\./);
    const [request] = await gemini.waitForRequests(1);
    assert.match(request.body, /let sum = 0;/);
  });

  it('Fix shows hunks inline; accept one, reject the other: the file is exact', async () => {
    gemini.reset();
    gemini.enqueue(geminiReply({ text: FIX_ANSWER }));
    await vscode.openFile('src/cart.ts');
    // The previous test selected the whole file and left focus in the chat, which may still take focus back as its
    // answer ends: move to the top of the editor until the selection is gone.
    const selected = vscode.page.locator('.editor-group-container.active .monaco-editor .selected-text');
    await waitFor('the selection in the editor to clear', async () => {
      await vscode.focusEditor();
      await vscode.page.keyboard.press('Control+Home');
      return (await selected.count()) === 0 || undefined;
    }, 30_000, 250);
    await vscode.runCommand('Tandem: Fix');
    await lens('Accept All (2)').waitFor({ timeout: 30_000 });
    const [request] = await gemini.waitForRequests(1);
    assert.match(request.body, /SEARCH/);
    assert.match(request.body, /sum \+= item\.price;/);
    assert.equal(await lens('Reject').count() >= 2, true);
    assert.ok((await vscode.page.locator('.review-widget, .comment-thread-container, .review-comment').count()) > 0, 'proposed lines shown inline');
    await vscode.screenshot('inline-diff');
    assert.equal(fs.readFileSync(file(), 'utf8'), CART, 'nothing written before a decision');
    await lens(/^\S* ?Accept$/).first().click();
    await waitFor('one hunk left', async () => ((await lens('Accept All').count()) === 0 ? true : undefined));
    await lens(/^\S* ?Reject$/).first().click();
    await waitFor('no hunk left', async () => ((await lens('Reject').count()) === 0 ? true : undefined));
    assert.equal(await save(FIRST_ONLY), FIRST_ONLY);
  });

  it('Accept All then one undo restores the file byte for byte', async () => {
    fs.writeFileSync(file(), CART);
    await vscode.runCommand('File: Revert File');
    await vscode.page.locator('.monaco-editor .view-lines', { hasText: 'sum += item.price;' }).waitFor();
    gemini.enqueue(geminiReply({ text: FIX_ANSWER }));
    await vscode.runCommand('Tandem: Fix');
    await lens('Accept All (2)').click({ timeout: 30_000 });
    await waitFor('no hunk left', async () => ((await lens('Reject').count()) === 0 ? true : undefined));
    assert.equal(await save(BOTH), BOTH);
    await vscode.focusEditor();
    await vscode.page.keyboard.press('Control+Z');
    assert.equal(await save(CART), CART);
  });

  async function selectAll(): Promise<void> {
    await vscode.openFile('src/cart.ts');
    await vscode.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await vscode.page.keyboard.press('Control+A');
    await vscode.page.locator('.editor-group-container.active .monaco-editor .selected-text').first().waitFor();
  }
  const fenced = (code: string) => `Here you go:\n\n\`\`\`ts\n${code}\`\`\`\n`;
  async function expectSuggestionThenReject(): Promise<void> {
    await lens(/Reject/).first().waitFor({ timeout: 30_000 });
    await vscode.runCommand('Tandem: Reject All Suggested Changes');
    await waitFor('the suggestion to close', async () => ((await lens(/Reject/).count()) === 0 ? true : undefined));
  }

  it('the editor context menu has a Tandem submenu with every action, and Add Docs runs from it', async () => {
    fs.writeFileSync(file(), CART);
    await vscode.runCommand('File: Revert File');
    await selectAll();
    gemini.reset();
    gemini.enqueue(geminiReply({ text: fenced(`/** Sums price × quantity. */\n${CART}`) }));
    await vscode.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click({ button: 'right', position: { x: 200, y: 40 } });
    await vscode.page.locator('.context-view .action-label', { hasText: /^Tandem$/ }).first().hover();
    const submenu = vscode.page.locator('.context-view .monaco-submenu .action-label');
    await submenu.first().waitFor({ timeout: 10_000 });
    const labels = (await submenu.allInnerTexts()).map((l) => l.trim()).filter(Boolean);
    for (const title of ['Explain', 'Ask About Selection…', 'Fix', 'Refactor…', 'Add Docs', 'Optimize', 'Edit Selection with Instruction…', 'Write Tests']) {
      assert.ok(labels.includes(title), `the Tandem submenu lists ${title}; it has ${labels.join(', ')}`);
    }
    await vscode.screenshot('editor-context-menu');
    await vscode.page.locator('.context-view .monaco-submenu .action-label', { hasText: /^Add Docs$/ }).click();
    await expectSuggestionThenReject();
    const [request] = await gemini.waitForRequests(1);
    assert.match(request.body, /Add documentation comments/);
    assert.equal(fs.readFileSync(file(), 'utf8'), CART);
  });

  for (const [title, expectInRequest, input] of [
    ['Tandem: Optimize', /faster or leaner/, undefined],
    ['Tandem: Refactor…', /Refactor the code/, ''],
    ['Tandem: Edit Selection with Instruction…', /The user asks: use reduce/, 'use reduce'],
  ] as const) {
    it(`${title} shows its result as a suggestion`, async () => {
      await selectAll();
      gemini.reset();
      gemini.enqueue(geminiReply({ text: fenced(CART.replace('let sum = 0;', 'let sum = 0; // running total')) }));
      await vscode.runCommand(title);
      if (input !== undefined) await vscode.answerQuickInput(input);
      await expectSuggestionThenReject();
      const [request] = await gemini.waitForRequests(1);
      assert.match(request.body, expectInRequest);
    });
  }

  it('shows the proposal streaming in while the model writes', async () => {
    await selectAll();
    gemini.reset();
    gemini.enqueue(geminiReply({ text: fenced(CART.replace('sum += item.price;', 'sum += item.price * item.quantity;')), pieceSize: 12 }, { eol: '\r\n', delayMs: 120 }));
    await vscode.runCommand('Tandem: Fix');
    await vscode.page.locator('.review-widget, .comment-thread-container', { hasText: 'Tandem is writing' }).first().waitFor({ timeout: 30_000 });
    await vscode.screenshot('inline-diff-streaming');
    await expectSuggestionThenReject();
  });

  it('Ask About Selection answers in the chat; Write Tests proposes a test file', async () => {
    await selectAll();
    gemini.reset();
    gemini.enqueue(geminiReply({ text: 'It returns the sum.' }));
    await vscode.runCommand('Tandem: Ask About Selection…');
    await vscode.answerQuickInput('What does total return?');
    const frame = vscode.chatFrame();
    await waitFor('the chat answer', async () => ((await frame.getByTestId('message-assistant').last().textContent()) ?? '').includes('It returns the sum.'));
    assert.match((await frame.getByTestId('message-user').last().textContent()) ?? '', /What does total return\?/);
    gemini.enqueue(geminiReply({ text: fenced("import { total } from './cart';\n\ntest('total', () => expect(total([])).toBe(0));\n") }));
    await selectAll();
    await vscode.runCommand('Tandem: Write Tests');
    await vscode.page.locator('.tab.active', { hasText: 'cart.test.ts' }).waitFor({ timeout: 30_000 });
    await vscode.page.locator('.monaco-editor .view-lines', { hasText: "test('total'" }).first().waitFor();
  });

  it('offers one "Fix with Tandem" and one "Explain with Tandem" in the lightbulb on a diagnostic line, none elsewhere', async () => {
    await vscode.openFile('src/broken.ts');
    await vscode.page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
    const quickFixes = async (line: number) => {
      await vscode.runCommand('Go to Line/Column...');
      await vscode.answerQuickInput(`:${line}:20`);
      await vscode.runCommand('Quick Fix...');
      const menu = vscode.page.locator('.action-widget');
      await menu.waitFor({ timeout: 15_000 }).catch(() => undefined);
      const items = await vscode.page.locator('.action-widget .action-list-item, .action-widget .monaco-list-row').allInnerTexts();
      await vscode.page.keyboard.press('Escape');
      return items.join('\n');
    };
    const onDiagnostic = await waitFor('the Tandem quick fix', async () => {
      const items = await quickFixes(2);
      return /Fix with Tandem/.test(items) ? items : undefined;
    }, 60_000, 500);
    assert.equal(onDiagnostic.match(/Fix with Tandem/g)?.length, 1, `one Fix per lightbulb: ${onDiagnostic}`);
    assert.equal(onDiagnostic.match(/Explain with Tandem/g)?.length, 1, `one Explain per lightbulb: ${onDiagnostic}`);
    assert.doesNotMatch(await quickFixes(1), /with Tandem/);
  });
});
