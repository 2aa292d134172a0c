// Context in real VS Code against the fake Gemini server: the chips show what goes with the next question, the
// request carries exactly that, a .env open in an editor is never read, and a removed chip stays out.
import { strict as assert } from 'node:assert';
import type { FrameLocator } from 'playwright-core';
import { geminiReply, lastUserText } from '../fakes/gemini';
import { FakeServer, type RecordedRequest } from '../fakes/server';
import { VscodeSession, sendPrompt, waitFor } from './harness';

const CART = [
  'export interface Item { price: number; quantity: number }',
  'export function cartTotal(items: Item[]): number {',
  '  return items.reduce((sum, item) => sum + item.price, 0); // CART_MARKER_5521',
  '}',
  '',
  'export const FREE_SHIPPING_OVER = 50;',
  '',
].join('\n');
const DOTENV_SECRET = 'dotenv-marker-7731';

describe('context: chips and what the model receives (code-server + fake Gemini)', () => {
  let vscode: VscodeSession;
  let gemini: FakeServer;
  let frame: FrameLocator;

  before(async () => {
    gemini = await FakeServer.start();
    vscode = await VscodeSession.start({
      settings: { 'tandem.gemini.baseUrl': gemini.url, 'workbench.editor.enablePreview': false },
      env: { TANDEM_GEMINI_API_KEY: 'AIzaSyE2E-context-key-000000000000000' },
      files: {
        'src/cart.ts': CART,
        '.env': `FAVORITE_COLOR=${DOTENV_SECRET}\n`,
        'src/tax.ts': 'export const TAX_RATE = 0.2; // TAX_MARKER_4411\n',
      },
    });
    frame = await vscode.openTandemView();
  });
  afterEach(async function () {
    await vscode.screenshotIfFailed(this.currentTest, 'failed-context');
  });
  after(async () => {
    await vscode?.dispose();
    await gemini?.close();
  });

  const chip = (label: string) => frame.getByTestId('context-chip').filter({ has: frame.locator('.chip-label', { hasText: new RegExp(`^${label.replace(/\./g, '\\.')}$`) }) });

  async function ask(text: string): Promise<RecordedRequest> {
    const before = gemini.requests.length;
    gemini.enqueue(geminiReply({ text: 'Noted.' }));
    await sendPrompt(frame, text);
    const requests = await gemini.waitForRequests(before + 1, 30_000);
    await frame.getByTestId('message-assistant').last().getByTestId('message-usage').waitFor({ timeout: 30_000 });
    return requests[before];
  }

  it('selecting lines shows a chip with its token count, and the question carries path, range and code', async () => {
    await vscode.openFile('src/cart.ts');
    await vscode.page.locator('.monaco-editor .view-lines', { hasText: 'CART_MARKER_5521' }).waitFor();
    await vscode.page.keyboard.press('Control+Home');
    for (let i = 0; i < 3; i++) await vscode.page.keyboard.press('Shift+ArrowDown');

    const selection = chip('cart.ts:1-3');
    await selection.waitFor({ timeout: 15_000 });
    const tokens = (await selection.locator('.chip-tokens').textContent()) ?? '';
    assert.match(tokens, /^[1-9]\d*$/, `the selection chip shows a token count, saw "${tokens}"`);
    await chip('cart.ts').waitFor();
    assert.match((await selection.getAttribute('class')) ?? '', /status-included/);
    await vscode.screenshot('context-selection-chip');

    const sent = lastUserText(await ask('What does this code do?'));
    assert.ok(sent.includes('Selected code: src/cart.ts:1-3\n```typescript\nexport interface Item'), sent.slice(0, 400));
    assert.ok(sent.includes('CART_MARKER_5521'));
    assert.ok(sent.includes('Active file: src/cart.ts'));
    assert.ok(sent.endsWith('What does this code do?'));
  });

  it('a .env file open in an editor is never read: an excluded chip, and nothing of it in the request', async () => {
    await vscode.openFile('.env');
    const dotenv = chip('.env');
    await dotenv.waitFor({ timeout: 15_000 });
    assert.match((await dotenv.getAttribute('class')) ?? '', /status-excluded/);
    assert.equal(await dotenv.locator('.chip-tokens').textContent(), 'excluded');
    // cart.ts is still sent, now as an open editor.
    await chip('cart.ts').waitFor();

    const request = await ask('Which settings does the project use?');
    assert.ok(!request.body.includes(DOTENV_SECRET), 'the .env value never reaches the model');
    assert.ok(!request.body.includes('FAVORITE_COLOR'), 'nothing of the .env file reaches the model');
    assert.ok(lastUserText(request).includes('Open file: src/cart.ts'));
  });

  it('removing a chip keeps that file out of the next request', async () => {
    const cart = chip('cart.ts');
    await cart.waitFor();
    await cart.getByRole('button', { name: 'Remove cart.ts' }).click();
    await waitFor('the cart.ts chip to go', async () => ((await cart.count()) === 0 ? true : undefined), 15_000);

    const sent = lastUserText(await ask('Anything else?'));
    assert.ok(!sent.includes('src/cart.ts'), sent.slice(0, 400));
    assert.ok(!sent.includes('CART_MARKER_5521'));
    assert.ok(!sent.includes(DOTENV_SECRET));
    assert.equal(sent, 'Anything else?');
    // Removal lasts one turn: the open editor is offered again for the next question.
    await cart.waitFor({ timeout: 15_000 });
  });

  it('the @ picker adds a workspace file on purpose, kept after a reload; secret files are not offered', async () => {
    await frame.getByTestId('add-context').click();
    const input = vscode.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    const rows = vscode.page.locator('.quick-input-list .monaco-list-row');
    await input.fill('tax');
    await rows.filter({ hasText: 'tax.ts' }).first().waitFor({ timeout: 15_000 });
    await input.fill('.env');
    await waitFor('no .env in the picker', async () => ((await rows.count()) === 0 ? true : undefined), 10_000);
    await input.fill('tax');
    await rows.filter({ hasText: 'tax.ts' }).first().waitFor();
    await input.press('Enter');

    await chip('tax.ts').waitFor({ timeout: 15_000 });
    const sent = lastUserText(await ask('Is the tax right?'));
    assert.ok(sent.includes('File: src/tax.ts'), sent.slice(0, 400));
    assert.ok(sent.includes('TAX_MARKER_4411'));
    // Added on purpose: it stays for the following turns too, and after a window reload.
    await chip('tax.ts').waitFor();
    frame = await vscode.reloadWindow();
    await chip('tax.ts').waitFor({ timeout: 30_000 });
  });
});
