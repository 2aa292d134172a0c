// Generate Commit Message in real VS Code (code-server 4.139.1 and its built-in Git extension) against the fake
// Gemini server: in a repository with staged changes the Source Control title-bar action fills the commit box with
// the fake model's message; a message the user typed is only replaced after they agree; a secret file in the diff
// and a file the user's exclusion rules name never reach the request.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { geminiReply } from '../fakes/gemini';
import { FakeServer, type RecordedRequest } from '../fakes/server';
import { VscodeSession, waitFor } from './harness';

const CART_BEFORE = 'export function total(items: { price: number; quantity: number }[]): number {\n  return items.reduce((sum, item) => sum + item.price, 0);\n}\n';
const CART_AFTER = 'export function total(items: { price: number; quantity: number }[]): number {\n  return items.reduce((sum, item) => sum + item.price * item.quantity, 0); // QUANTITY_MARKER_3141\n}\n';
const DOTENV_SECRET = 'commit-secret-value-8842';
const PRIVATE_NAME = 'acquisition-plan-77.txt';
const SUBJECTS = ['Add the cart module', 'Fix rounding of the tax line', 'Document the checkout flow'];
const FIRST = 'Multiply each price by its quantity in the cart total\n\nThe total added one unit of every item, whatever the quantity.';
const SECOND = 'Count item quantities in the cart total';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Tandem E2E', '-c', 'user.email=e2e@tandem.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

/** A repository with three commits, then a staged change to the cart, a staged .env and a staged excluded file. */
function makeRepository(workspace: string): void {
  git(workspace, 'init', '-q', '-b', 'main');
  fs.mkdirSync(path.join(workspace, 'src'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'src', 'cart.ts'), CART_BEFORE);
  git(workspace, 'add', '-A');
  git(workspace, 'commit', '-q', '-m', SUBJECTS[0]);
  for (const subject of SUBJECTS.slice(1)) git(workspace, 'commit', '-q', '--allow-empty', '-m', subject);
  fs.writeFileSync(path.join(workspace, 'src', 'cart.ts'), CART_AFTER);
  fs.writeFileSync(path.join(workspace, '.env'), `PAYMENT_TOKEN=${DOTENV_SECRET}\n`);
  fs.mkdirSync(path.join(workspace, 'private'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'private', PRIVATE_NAME), 'the plan\n');
  git(workspace, 'add', '-A');
}

interface GeminiBody {
  systemInstruction?: { parts: { text: string }[] };
  contents: { role: string; parts: { text?: string }[] }[];
}

function promptOf(request: RecordedRequest): string {
  return request.json<GeminiBody>().contents.map((c) => c.parts.map((p) => p.text ?? '').join('')).join('\n');
}

describe('commit messages: Generate Commit Message in the Source Control view (code-server + Git + fake Gemini)', () => {
  let vscode: VscodeSession;
  let gemini: FakeServer;

  before(async () => {
    gemini = await FakeServer.start();
    vscode = await VscodeSession.start({
      settings: {
        'tandem.gemini.baseUrl': gemini.url,
        'tandem.context.exclude': ['private/**'],
        'git.enabled': true,
        'git.autoRepositoryDetection': true,
        'scm.inputMinLineCount': 3,
      },
      env: { TANDEM_GEMINI_API_KEY: 'AIzaSyE2E-commits-key-000000000000000' },
      files: { 'README.md': '# Shop\n' },
      prepare: makeRepository,
    });
    await vscode.runCommand('Source Control: Focus on Changes View');
    // The Git extension has found the repository once its staged changes are listed.
    await vscode.page.locator('.scm-view .monaco-list-row', { hasText: 'cart.ts' }).first().waitFor({ timeout: 60_000 });
  });
  afterEach(async function () {
    await vscode.screenshotIfFailed(this.currentTest, 'failed-commits');
    if (this.currentTest?.state === 'failed') console.log(vscode.readTandemLog().split('\n').slice(-15).join('\n'));
  });
  after(async () => {
    await vscode?.dispose();
    await gemini?.close();
  });

  const generateButton = () => vscode.page.locator('.part.sidebar .action-label[aria-label="Generate Commit Message"]').first();
  const commitBox = () => vscode.page.locator('.scm-editor .monaco-editor').first();
  const dialog = () => vscode.page.locator('.monaco-dialog-box');
  const written = () => vscode.readTandemLog().split('\n').filter((l) => /Commit message written by/.test(l)).length;

  /** The pane's title-bar actions show while the pointer is over its header. */
  async function generate(): Promise<void> {
    await vscode.page.locator('.part.sidebar .pane-header', { has: vscode.page.locator('.action-label[aria-label="Generate Commit Message"]') }).first().hover();
    await generateButton().click();
  }

  /** The commit box's whole text (the box wraps and scrolls, so its DOM shows only part of it): copied out. */
  async function commitText(): Promise<string> {
    await commitBox().click();
    await vscode.page.keyboard.press('Control+A');
    await vscode.page.keyboard.press('Control+C');
    await vscode.page.keyboard.press('End');
    return (await vscode.page.evaluate(() => navigator.clipboard.readText())).replace(/\r\n/g, '\n');
  }

  /** Waits for Tandem to finish writing message number `count` of this run, then returns the box's text. */
  async function messageWritten(count: number): Promise<string> {
    await waitFor(`commit message ${count} to be written`, () => (written() >= count ? true : undefined), 30_000, 250);
    return commitText();
  }

  it('the title-bar action fills the commit box with the model\'s message, from the staged diff and the recent subjects', async () => {
    gemini.enqueue(geminiReply({ text: FIRST, pieceSize: 6 }, { eol: '\r\n', delayMs: 15 }));
    await generate();
    const [request] = await gemini.waitForRequests(1, 30_000);
    assert.equal(await messageWritten(1), FIRST);

    const prompt = promptOf(request);
    assert.match(prompt, /The staged changes \(branch main\)/);
    assert.ok(prompt.includes('QUANTITY_MARKER_3141'), 'the staged diff is sent');
    for (const subject of SUBJECTS) assert.ok(prompt.includes(subject), `the recent subject "${subject}" is sent for the style`);
    assert.match(JSON.stringify(request.json<GeminiBody>().systemInstruction ?? {}), /You write git commit messages/);
    await vscode.screenshot('commit-message');
  });

  it('a secret file in the diff is never in the request, nor a file tandem.context.exclude names', async () => {
    const [request] = gemini.requests;
    assert.ok(request, 'the previous test made a request');
    assert.ok(!request.body.includes(DOTENV_SECRET), 'the .env value never reaches the model');
    assert.ok(!request.body.includes('PAYMENT_TOKEN'), 'nothing of the .env content reaches the model');
    assert.ok(!request.body.includes(PRIVATE_NAME), 'an excluded file is not even named');
    assert.match(promptOf(request), /left out by your exclusion rules/);
    // Tandem warns that a secret-looking file is about to be committed.
    await vscode.waitForNotification(/\.env, which looks like a secret file/);
  });

  it('with a message the user typed, it asks first: Cancel keeps it, Replace writes a new one that takes it as notes', async () => {
    await commitBox().click();
    await vscode.page.keyboard.press('Control+A');
    await vscode.page.keyboard.type('Quantities were ignored');
    assert.equal(await commitText(), 'Quantities were ignored');
    const before = gemini.requests.length;

    await generate();
    await dialog().filter({ hasText: 'Replace the commit message you typed?' }).waitFor({ timeout: 15_000 });
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().waitFor({ state: 'hidden' });
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(await commitText(), 'Quantities were ignored');
    assert.equal(gemini.requests.length, before, 'nothing is sent when the user keeps their message');

    gemini.enqueue(geminiReply({ text: SECOND }));
    await generate();
    await dialog().filter({ hasText: 'Replace the commit message you typed?' }).waitFor({ timeout: 15_000 });
    await dialog().getByRole('button', { name: 'Replace' }).click();
    const requests = await gemini.waitForRequests(before + 1, 30_000);
    assert.equal(await messageWritten(2), SECOND);
    assert.match(promptOf(requests[before]), /The user typed this in the commit box[\s\S]*Quantities were ignored/);
  });

  it("Tandem's own message is replaced without asking", async () => {
    const before = gemini.requests.length;
    gemini.enqueue(geminiReply({ text: FIRST }));
    await generate();
    await gemini.waitForRequests(before + 1, 30_000);
    assert.equal(await messageWritten(3), FIRST);
    assert.equal(await dialog().count(), 0, 'no question for text Tandem wrote itself');
  });

  it('Stop in the title bar ends a message still streaming and puts back what the box held', async () => {
    const before = gemini.requests.length;
    const held = await commitText();
    // A few words, then the server goes quiet with the connection open.
    gemini.enqueue(geminiReply({ text: 'Rework the cart so that every total is computed once', pieceSize: 5 }, { eol: '\r\n', stallAfter: 3 }));
    await generate();
    const [request] = (await gemini.waitForRequests(before + 1, 30_000)).slice(before);
    const stop = vscode.page.locator('.part.sidebar .action-label[aria-label="Stop Generating Commit Message"]').first();
    await vscode.page.locator('.part.sidebar .pane-header', { has: vscode.page.locator('.action-label[aria-label="Stop Generating Commit Message"]') }).first().hover();
    await stop.click();
    await request.closed;
    await generateButton().waitFor({ state: 'attached', timeout: 15_000 });
    assert.equal(await commitText(), held, 'the box holds what it held before');
  });
});
