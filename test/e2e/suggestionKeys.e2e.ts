// The suggestion keys as VS Code's own chat edits use them, in real VS Code against the fake model: Ctrl+Y / Ctrl+N
// keep or undo the change the cursor is in and do nothing of Tandem's elsewhere, Alt+F5 goes to the next change,
// and the status bar's counter on the right counts what is left.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { geminiReply } from '../fakes/gemini';
import { FakeServer } from '../fakes/server';
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
const FIX_ANSWER = `<<<<<<< SEARCH
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

describe('suggestion keys: keep/undo at the cursor, next change (code-server + fake)', () => {
  let vscode: VscodeSession;
  let gemini: FakeServer;
  const file = () => path.join(vscode.workspace, 'src', 'cart.ts');
  const lens = (title: string | RegExp) => vscode.page.locator('.codelens-decoration a', { hasText: title });
  const counter = () => vscode.page.locator('.statusbar-item[id="tandem-oss.tandem.tandem.suggestion"], .statusbar-item[id$="tandem.suggestion"]').first();
  const cursorLine = async () => Number(/Ln (\d+)/.exec((await vscode.page.locator('.statusbar-item[id="status.editor.selection"]').textContent()) ?? '')?.[1]);

  before(async () => {
    gemini = await FakeServer.start();
    vscode = await VscodeSession.start({
      settings: { 'tandem.gemini.baseUrl': gemini.url, 'comments.openView': 'never' },
      env: { TANDEM_GEMINI_API_KEY: 'AIzaSyE2E-keys-key-00000000000000000' },
      files: { 'src/cart.ts': CART },
    });
  });
  afterEach(async function () {
    await vscode.screenshotIfFailed(this.currentTest, 'failed-suggestion-keys');
  });
  after(async () => {
    await vscode?.dispose();
    await gemini?.close();
  });

  it('Ctrl+Y outside a change keeps nothing; Alt+F5 goes to it; Ctrl+N undoes it, Ctrl+Y keeps the next', async () => {
    gemini.enqueue(geminiReply({ text: FIX_ANSWER }));
    await vscode.openFile('src/cart.ts');
    await vscode.focusEditor();
    await vscode.page.keyboard.press('Control+Home');
    await vscode.runCommand('Tandem: Fix');
    await lens('Accept All (2)').waitFor({ timeout: 30_000 });
    await waitFor('the counter', async () => ((await counter().textContent())?.trim().endsWith('2') ? true : undefined), 15_000);
    assert.match((await counter().getAttribute('aria-label')) ?? '', /2 suggested changes to review/);

    await vscode.focusEditor();
    await vscode.page.keyboard.press('Control+Home');
    await vscode.page.keyboard.press('Control+Y');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await lens('Accept All (2)').count(), 1, 'the cursor is in no change: nothing kept');

    await vscode.page.keyboard.press('Alt+F5');
    await waitFor('the cursor on the first change', async () => ((await cursorLine()) === 3 ? true : undefined), 10_000);
    await vscode.page.keyboard.press('Control+N');
    await waitFor('one change left', async () => ((await lens('Accept All').count()) === 0 && (await lens(/^\S* ?Reject$/).count()) === 1 ? true : undefined), 10_000);
    await waitFor('the counter at 1', async () => ((await counter().textContent())?.trim().endsWith('1') ? true : undefined), 10_000);

    await vscode.page.keyboard.press('Alt+F5');
    await waitFor('the cursor on the second change', async () => ((await cursorLine()) === 8 ? true : undefined), 10_000);
    await vscode.page.keyboard.press('Control+Y');
    await waitFor('no change left', async () => ((await lens(/^\S* ?Reject$/).count()) === 0 ? true : undefined), 10_000);
    await waitFor('the counter to go', async () => ((await counter().isVisible()) ? undefined : true), 10_000);

    const before = fs.statSync(file()).mtimeMs;
    await vscode.page.keyboard.press('Control+S');
    await waitFor('the file to be saved', () => (fs.statSync(file()).mtimeMs !== before ? true : undefined));
    assert.equal(fs.readFileSync(file(), 'utf8'), CART.replace('items.length + 1', 'items.length'));
  });
});
