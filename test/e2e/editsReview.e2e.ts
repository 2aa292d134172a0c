// Answers from the chat applied in real VS Code against the fake model: a fenced SEARCH/REPLACE block from a code
// block's "Apply to File" gives the exact bytes; an answer that edits two files (one not open) is reviewed as
// inline suggestions in both, one accepted and one rejected, and one undo restores the accepted file; a block cut
// off before its end is refused with the reason shown and the file untouched.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { FakeServer } from '../fakes/server';
import { geminiReply } from '../fakes/gemini';
import { VscodeSession, sendPrompt, waitFor } from './harness';

const CART = `export function total(items: { price: number; quantity: number }[]): number {
  let sum = 0;
  for (const item of items) sum += item.price;
  return sum;
}
`;
const A = `export const greeting = 'hello';\nexport const answer = 41;\n`;
const B = `export function double(n: number): number {\n  return n + n;\n}\n`;
const A_EDITED = A.replace('41', '42');
const B_EDITED = B.replace('n + n', 'n * 2');

const SR_ANSWER = `Multiply by the quantity:

\`\`\`ts
<<<<<<< SEARCH
  for (const item of items) sum += item.price;
=======
  for (const item of items) sum += item.price * item.quantity;
>>>>>>> REPLACE
\`\`\`
`;
const TWO_FILES = `Two changes:

\`\`\`ts src/a.ts
<<<<<<< SEARCH
export const answer = 41;
=======
export const answer = 42;
>>>>>>> REPLACE
\`\`\`

\`\`\`ts src/b.ts
<<<<<<< SEARCH
  return n + n;
=======
  return n * 2;
>>>>>>> REPLACE
\`\`\`
`;
// The answer stops inside the block: no REPLACE marker, no closing fence.
const CUT_OFF = `Here is the fix:

\`\`\`ts
<<<<<<< SEARCH
  let sum = 0;
=======
  let sum = 100;
`;

describe('edits: chat answers reviewed as inline suggestions (code-server + fake)', () => {
  let vscode: VscodeSession;
  let gemini: FakeServer;
  let frame: FrameLocator;
  const file = (relative: string) => path.join(vscode.workspace, relative);

  before(async () => {
    gemini = await FakeServer.start();
    vscode = await VscodeSession.start({
      settings: { 'tandem.gemini.baseUrl': gemini.url, 'workbench.colorTheme': 'Default Dark Modern' },
      env: { TANDEM_GEMINI_API_KEY: 'AIzaSyE2E-edit-key-00000000000000000' },
      files: { 'src/cart.ts': CART, 'src/a.ts': A, 'src/b.ts': B },
    });
    frame = await vscode.openTandemView();
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
  const lastAnswer = () => frame.getByTestId('message-assistant').last();

  /** Saves the active editor and returns the file once the save landed (VS Code truncates, then writes). */
  async function save(relative: string, expected: string): Promise<string> {
    const before = fs.statSync(file(relative)).mtimeMs;
    await vscode.focusEditor();
    await vscode.page.keyboard.press('Control+S');
    await waitFor(`${relative} to be saved`, () => (fs.statSync(file(relative)).mtimeMs !== before ? true : undefined), 60_000);
    await waitFor('the saved bytes', () => (fs.readFileSync(file(relative), 'utf8') === expected ? true : undefined), 30_000).catch(() => undefined);
    return fs.readFileSync(file(relative), 'utf8');
  }

  /** Brings an open file's tab to the front (the editors Tandem opened for the review are tabs already). */
  async function showTab(name: string): Promise<void> {
    const tab = vscode.page.locator(`.tab[aria-label^="${name}"], .tab:has(.label-name:text-is("${name}"))`).first();
    await waitFor(`${name} to be the active tab`, async () => {
      if ((await tab.getAttribute('class'))?.includes('active')) return true;
      await tab.click();
      return undefined;
    }, 60_000, 500);
  }

  async function ask(answer: string, question: string): Promise<void> {
    gemini.enqueue(geminiReply({ text: answer }));
    const before = await frame.getByTestId('message-assistant').count();
    await sendPrompt(frame, question);
    await waitFor('the answer to finish', async () => ((await frame.getByTestId('message-assistant').count()) > before && (await lastAnswer().getByTestId('message-regenerate').count()) > 0 ? true : undefined), 120_000, 250);
  }

  it('a fenced SEARCH/REPLACE block from "Apply to File" gives the exact bytes after accept and save', async () => {
    await vscode.openFile('src/cart.ts');
    await ask(SR_ANSWER, 'multiply by quantity');
    await lastAnswer().getByTestId('code-apply').first().click();
    await lens(/^\S* ?Accept$/).first().waitFor({ timeout: 60_000 });
    assert.equal(fs.readFileSync(file('src/cart.ts'), 'utf8'), CART, 'nothing written before a decision');
    const text = await vscode.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().textContent();
    assert.doesNotMatch(text ?? '', /SEARCH|REPLACE|=======/, 'no markers pasted into the file');
    await lens(/^\S* ?Accept$/).first().click();
    await waitFor('no hunk left', async () => ((await lens(/Reject/).count()) === 0 ? true : undefined), 60_000);
    const expected = CART.replace('sum += item.price;', 'sum += item.price * item.quantity;');
    assert.equal(await save('src/cart.ts', expected), expected);
  });

  it('an answer editing two files (one not open) shows both; accept one, reject the other; one undo restores it', async () => {
    await vscode.openFile('src/a.ts');
    await ask(TWO_FILES, 'change a and b');
    const apply = lastAnswer().getByTestId('apply-answer-edits');
    assert.match((await apply.textContent()) ?? '', /Apply edits to 2 files/);
    await apply.click();
    await vscode.waitForNotification(/2 files with suggested edits/, 60_000);
    await vscode.page.locator('.tab', { hasText: 'a.ts' }).first().waitFor({ timeout: 60_000 });
    await vscode.page.locator('.tab', { hasText: 'b.ts' }).first().waitFor({ timeout: 60_000 });
    assert.equal(fs.readFileSync(file('src/a.ts'), 'utf8'), A, 'a.ts untouched before a decision');
    assert.equal(fs.readFileSync(file('src/b.ts'), 'utf8'), B, 'b.ts untouched before a decision');

    await showTab('b.ts');
    // The proposal shows inline in b.ts, and so does its Accept/Reject row: a file the review opened in the
    // background once missed its CodeLens until it was asked for again on screen.
    const proposal = vscode.page.locator('.editor-group-container.active .review-widget, .editor-group-container.active .comment-thread-container').first();
    await proposal.waitFor({ timeout: 60_000 });
    await vscode.page.locator('.editor-group-container.active .codelens-decoration a', { hasText: /Reject/ }).first().waitFor({ timeout: 60_000 });
    await vscode.runCommand('Tandem: Reject All Suggested Changes');
    await waitFor('b.ts suggestion to close', async () => ((await vscode.page.locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: 'return n + n;' }).count()) > 0 && (await vscode.page.locator('.editor-group-container.active .review-widget, .editor-group-container.active .comment-thread-container').count()) === 0 ? true : undefined), 60_000);

    await showTab('a.ts');
    // The file's own Accept All (one WorkspaceEdit): the CodeLens row may lag on a loaded machine, the command does not.
    await vscode.page.locator('.monaco-editor .view-lines', { hasText: 'answer = 41' }).first().waitFor({ timeout: 60_000 });
    await vscode.runCommand('Tandem: Accept All Suggested Changes');
    await vscode.page.locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: 'answer = 42' }).first().waitFor({ timeout: 60_000 });
    assert.equal(await save('src/a.ts', A_EDITED), A_EDITED);
    assert.equal(fs.readFileSync(file('src/b.ts'), 'utf8'), B, 'the rejected file is unchanged on disk');
    assert.notEqual(B, B_EDITED);

    await vscode.focusEditor();
    await vscode.page.keyboard.press('Control+Z');
    assert.equal(await save('src/a.ts', A), A);
  });

  it('a block cut off before its end is refused with the reason, and the file is unchanged', async () => {
    await showTab('cart.ts');
    const before = fs.readFileSync(file('src/cart.ts'), 'utf8');
    await ask(CUT_OFF, 'start at 100');
    await lastAnswer().getByTestId('code-apply').first().click();
    const shown = await vscode.waitForNotification(/cut off/, 60_000);
    assert.match(shown, /could not place this code in cart\.ts/);
    assert.equal(await lens(/Accept|Reject/).count(), 0, 'no suggestion shown');
    assert.equal(fs.readFileSync(file('src/cart.ts'), 'utf8'), before);
    const dirty = await vscode.page.locator('.tab.active.dirty').count();
    assert.equal(dirty, 0, 'the buffer is not modified');
  });

  it('"Apply to File" on a block for a file that does not exist proposes it as that new file; nothing is written before save', async () => {
    const created = 'export const fresh = true;\n';
    await ask(`A new module:\n\n\`\`\`ts src/fresh.ts\n${created}\`\`\`\n`, 'add a module');
    await lastAnswer().getByTestId('code-apply').first().click();
    await vscode.waitForNotification(/src\/fresh\.ts does not exist yet/, 60_000);
    await vscode.page.locator('.tab.active', { hasText: 'fresh.ts' }).first().waitFor({ timeout: 60_000 });
    assert.equal(fs.existsSync(file('src/fresh.ts')), false, 'nothing on disk before accept and save');
    await vscode.runCommand('Tandem: Accept All Suggested Changes');
    await vscode.page.locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: 'fresh = true' }).first().waitFor({ timeout: 60_000 });
    await vscode.focusEditor();
    await vscode.page.keyboard.press('Control+S');
    await waitFor('src/fresh.ts on disk', () => (fs.existsSync(file('src/fresh.ts')) && fs.readFileSync(file('src/fresh.ts'), 'utf8') === created ? true : undefined), 60_000);
  });
});
