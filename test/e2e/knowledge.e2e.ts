// The project's own knowledge in real VS Code against the fake Gemini server (issue 20's Done-when): AGENTS.md and a
// scoped .tandem/rules file reach the system instructions only where they apply, a prompt file is a /command that
// sends its expanded body, a .tandemignore'd file never leaves the machine, and @folder packs a 300-file folder
// within the model's budget after asking about the cost once.
import { strict as assert } from 'node:assert';
import type { FrameLocator } from 'playwright-core';
import { geminiReply, lastUserText, systemText } from '../fakes/gemini';
import { FakeServer, type RecordedRequest } from '../fakes/server';
import { VscodeSession, sendPrompt, waitFor } from './harness';

const AGENTS = 'AGENTS_MARK_1101: run `npm test` before you answer about tests.';
const TS_RULE = '---\napplyTo: "**/*.ts"\n---\nTS_RULE_MARK_2202: prefer `readonly` fields in TypeScript.\n';
const REVIEW = '---\ndescription: Review the active file for bugs\n---\nReview ${file} for bugs. REVIEW_MARK_3303\n';
const IGNORED = 'export const PRIVATE_KEY_NOTE = "IGNORED_MARK_4404";\n';
const WINDOW = 100_000;

/** 300 modules of about 300 tokens each: more than the budget a 100K window leaves. */
function moduleFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 300; i++) {
    const n = String(i).padStart(3, '0');
    files[`src/mods/mod${n}.ts`] = `// MOD_MARK_${n}\nexport function value${n}(input: number): number {\n  const scaled = input * ${i + 1};\n  return scaled + ${i} - Math.floor(scaled / 7);\n}\n${'// filler line to give the module some weight\n'.repeat(24)}`;
  }
  return files;
}

const systemOf = systemText;
describe('project knowledge: instructions, prompt files, .tandemignore, @folder (code-server + fake Gemini)', () => {
  let vscode: VscodeSession;
  let gemini: FakeServer;
  let frame: FrameLocator;

  before(async () => {
    gemini = await FakeServer.start();
    vscode = await VscodeSession.start({
      settings: {
        'tandem.gemini.baseUrl': gemini.url,
        'tandem.gemini.contextWindow': WINDOW,
        'tandem.gemini.maxOutputTokens': 4_000,
        'tandem.context.confirmAboveTokens': 5_000,
        'workbench.editor.enablePreview': false,
      },
      env: { TANDEM_GEMINI_API_KEY: 'AIzaSyE2E-knowledge-key-0000000000000' },
      files: {
        'AGENTS.md': `${AGENTS}\n`,
        '.tandem/rules/ts.md': TS_RULE,
        '.tandem/prompts/review.prompt.md': REVIEW,
        '.tandemignore': 'src/**/*.private.ts\n',
        'src/app.ts': 'export const APP_MARK = 1;\n',
        'src/keys.private.ts': IGNORED,
        'scripts/tool.py': 'print("PY_MARK")\n',
        ...moduleFiles(),
      },
    });
    frame = await vscode.openTandemView();
  });
  afterEach(async function () {
    await vscode.screenshotIfFailed(this.currentTest, 'failed-knowledge');
  });
  after(async () => {
    // Whatever the tests did, the ignored file reached no request.
    for (const request of gemini?.requests ?? []) assert.ok(!request.body.includes('IGNORED_MARK_4404'), 'a .tandemignore’d file was sent');
    await vscode?.dispose();
    await gemini?.close();
  });

  /** Shows a file: its tab when it is open already (Quick Open does not reliably re-activate an open file), else Quick Open. */
  async function show(relativePath: string): Promise<void> {
    const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
    const tab = vscode.page.locator(`.tab[aria-label*="${name}"]`).first();
    if ((await tab.count()) === 0) return vscode.openFile(relativePath);
    await tab.click();
    await vscode.page.locator(`.tab.active[aria-label*="${name}"]`).first().waitFor({ timeout: 15_000 });
  }

  /** The chat view alone, for the README. */
  async function shootChat(name: string): Promise<void> {
    const box = await vscode.page.locator('.part.sidebar').first().boundingBox();
    if (box) await vscode.page.screenshot({ path: `test-results/readme-${name}.png`, clip: box });
  }

  async function answered(before: number): Promise<RecordedRequest> {
    const requests = await gemini.waitForRequests(before + 1, 60_000);
    await waitFor('the answer to end', async () => ((await frame.getByTestId('send').isVisible()) ? true : undefined), 60_000);
    return requests[before];
  }

  async function ask(text: string): Promise<RecordedRequest> {
    const before = gemini.requests.length;
    gemini.enqueue(geminiReply({ text: 'Noted.' }));
    await sendPrompt(frame, text);
    return answered(before);
  }

  it('a question about a .ts file sends AGENTS.md and the ts rule; the chip names them', async () => {
    await show('src/app.ts');
    const chip = frame.getByTestId('rules-chip');
    await waitFor('the rules chip for app.ts', async () => (/^Rules: AGENTS\.md, 1 more · \d+ tokens$/.test(await chip.innerText()) ? true : undefined), 30_000);
    await chip.click();
    assert.deepEqual(await frame.getByTestId('rules-file').allInnerTexts(), ['AGENTS.md', '.tandem/rules/ts.md']);
    await vscode.screenshot('knowledge-rules-chip');
    await shootChat('rules-chip');
    await chip.click();

    const system = systemOf(await ask('What does APP_MARK do?'));
    assert.ok(system.includes('AGENTS_MARK_1101'), system.slice(-600));
    assert.ok(system.includes('TS_RULE_MARK_2202'), system.slice(-600));
    assert.ok(system.indexOf('AGENTS_MARK_1101') < system.indexOf('TS_RULE_MARK_2202'), 'the more specific rule comes last');
    assert.ok(system.includes('## From .tandem/rules/ts.md (for files matching **/*.ts)'));
  });

  it('a question about a .py file sends AGENTS.md only', async () => {
    await show('scripts/tool.py');
    const chip = frame.getByTestId('rules-chip');
    await waitFor('the rules chip for tool.py', async () => (/^Rules: AGENTS\.md · \d+ tokens$/.test(await chip.innerText()) ? true : undefined), 30_000);
    const system = systemOf(await ask('What does the script print?'));
    assert.ok(system.includes('AGENTS_MARK_1101'));
    assert.ok(!system.includes('TS_RULE_MARK_2202'), 'the ts rule does not apply to a .py file');
  });

  it('/review from .tandem/prompts completes as the user types and sends its expanded body', async () => {
    await show('src/app.ts');
    const input = frame.getByTestId('prompt-input');
    await input.click();
    await input.pressSequentially('/');
    await frame.getByTestId('slash-item').filter({ hasText: '/review' }).waitFor({ timeout: 15_000 });
    await shootChat('slash-completion');
    await input.pressSequentially('rev');
    const item = frame.getByTestId('slash-item').filter({ hasText: '/review' });
    await item.waitFor({ timeout: 15_000 });
    assert.match(await item.innerText(), /Review the active file for bugs/);
    await vscode.screenshot('knowledge-slash-completion');
    await input.press('Enter');
    assert.equal(await input.inputValue(), '/review ');
    const before = gemini.requests.length;
    gemini.enqueue(geminiReply({ text: 'Looks fine.' }));
    await input.press('Enter');
    const sent = lastUserText(await answered(before));
    assert.ok(sent.endsWith('Review src/app.ts for bugs. REVIEW_MARK_3303'), sent.slice(-300));
    assert.ok(!sent.includes('${file}'));
    await frame.getByTestId('message-user').filter({ hasText: 'REVIEW_MARK_3303' }).waitFor();
  });

  it('a prompt with an unknown placeholder is an error before sending; nothing reaches the model', async () => {
    // Written while the window is open: the watcher reads it again.
    const fs = await import('node:fs');
    fs.writeFileSync(`${vscode.workspace}/.tandem/prompts/broken.prompt.md`, 'Check ${selectoin} please\n');
    const before = gemini.requests.length;
    const input = frame.getByTestId('prompt-input');
    await waitFor('/broken to be offered', async () => {
      await input.fill('');
      await input.pressSequentially('/brok');
      return (await frame.getByTestId('slash-item').filter({ hasText: '/broken' }).count()) > 0 ? true : undefined;
    }, 30_000, 500);
    await input.press('Enter');
    await input.press('Enter');
    const notice = frame.getByTestId('notice').filter({ hasText: '${selectoin} is not a placeholder' });
    await notice.waitFor({ timeout: 15_000 });
    assert.match(await notice.innerText(), /broken\.prompt\.md:1:7/);
    await new Promise((r) => setTimeout(r, 1_000));
    assert.equal(gemini.requests.length, before, 'nothing was sent');
  });

  it('a file in .tandemignore shows as excluded with the rule that ignores it, and is never sent', async () => {
    await show('src/keys.private.ts');
    const chip = frame.getByTestId('context-chip').filter({ hasText: 'keys.private.ts' });
    await chip.waitFor({ timeout: 15_000 });
    assert.match((await chip.getAttribute('class')) ?? '', /status-excluded/);
    assert.match((await chip.getAttribute('title')) ?? '', /ignored by \.tandemignore:1/);
    const request = await ask('What is in this file?');
    assert.ok(!request.body.includes('IGNORED_MARK_4404'));
  });

  it('@folder src packs within the budget, asks about the cost once, and leaves ignored files out', async () => {
    await show('src/app.ts');
    const before = gemini.requests.length;
    gemini.enqueue(geminiReply({ text: 'A lot of modules.' }));
    await sendPrompt(frame, '@folder src what do these modules compute?');
    const dialog = vscode.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 60_000 });
    const question = await dialog.innerText();
    assert.match(question, /@folder src adds \d+ files to this question: [\d.]+K tokens \(~\$0\.\d+\)\. Send it\?/);
    await vscode.screenshot('knowledge-folder-cost');
    assert.equal(gemini.requests.length, before, 'nothing is sent before the answer');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await frame.getByTestId('notice').filter({ hasText: 'Not sent: @folder src would have sent' }).waitFor({ timeout: 15_000 });
    const input = frame.getByTestId('prompt-input');
    await waitFor('the question back in the box', async () => ((await input.inputValue()) === '@folder src what do these modules compute?' ? true : undefined), 15_000);
    assert.equal(gemini.requests.length, before, 'declined: nothing sent');

    await input.press('Enter');
    await dialog.waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Send' }).click();
    // The chat says what went and what was left out (a passing notice: looked for at once).
    await frame.getByTestId('notice').filter({ hasText: /@folder src: \d+ files, [\d.]+K tokens .* files left out: \d+ did not fit the budget/ }).first().waitFor({ timeout: 7_000 });
    const request = await answered(before);
    const sent = lastUserText(request);
    const header = /@folder src: (\d+) files; (\d+) files left out: (\d+) did not fit the budget/.exec(sent);
    assert.ok(header, sent.slice(0, 400));
    const [included, leftOut] = [Number(header[1]), Number(header[2])];
    assert.ok(included > 50 && included < 300, `${included} files packed`);
    assert.ok(leftOut > 0);
    assert.match(sent, /are in \.tandemignore/);
    assert.ok(sent.includes('src/app.ts'), 'the open file is packed first');
    assert.ok(!sent.includes('IGNORED_MARK_4404'));
    const logged = await vscode.waitForLogLine(/@folder src for gemini: \d+ file\(s\), \d+ of \d+ tokens/, () => vscode.readTandemLog());
    const [, used, budget] = /(\d+) of (\d+) tokens/.exec(logged)!.map(Number);
    assert.ok(used <= budget && budget < WINDOW, `${used} of ${budget} tokens`);
    // A whole request within the window: four characters a token is generous for this text.
    assert.ok(request.body.length / 4 < WINDOW, `${request.body.length} characters sent`);

    // Asked once: the same folder in the same chat goes without a dialog.
    const again = gemini.requests.length;
    gemini.enqueue(geminiReply({ text: 'Still modules.' }));
    await sendPrompt(frame, '@folder src and which is the largest?');
    await answered(again);
    assert.equal(await dialog.count(), 0, 'no second cost prompt');
    // …although this pack, too, is above the threshold: it was the once-per-chat rule that kept the dialog away.
    const packs = vscode.readTandemLog().split('\n').filter((line) => /@folder src for gemini/.test(line));
    const second = Number(/: \d+ file\(s\), (\d+) of/.exec(packs[packs.length - 1])![1]);
    assert.ok(packs.length >= 2 && second > 5_000, `the second pack has ${second} tokens`);
  });

  it('an edit command (Fix) sends the instructions that apply to the edited file after its own system prompt', async () => {
    await show('src/app.ts');
    await vscode.focusEditor();
    const before = gemini.requests.length;
    gemini.enqueue(geminiReply({ text: 'Here you go:\n\n```ts\nexport const APP_MARK = 2;\n```\n' }));
    await vscode.runCommand('Tandem: Fix');
    const [request] = (await gemini.waitForRequests(before + 1, 60_000)).slice(before);
    const system = systemOf(request);
    assert.match(system, /^You are Tandem, a careful code editor/);
    assert.ok(system.includes('AGENTS_MARK_1101') && system.includes('TS_RULE_MARK_2202'), system.slice(-400));
  });
});

describe('project knowledge in Restricted Mode (code-server + fake Gemini)', () => {
  let vscode: VscodeSession;
  let gemini: FakeServer;

  before(async () => {
    gemini = await FakeServer.start();
    vscode = await VscodeSession.start({
      restricted: true,
      settings: { 'tandem.gemini.baseUrl': gemini.url, 'workbench.editor.enablePreview': false },
      env: { TANDEM_GEMINI_API_KEY: 'AIzaSyE2E-knowledge-untrusted-00000000' },
      files: { 'AGENTS.md': `${AGENTS}\n`, '.tandem/prompts/review.prompt.md': REVIEW, 'src/app.ts': 'export const APP_MARK = 1;\n' },
    });
  });
  afterEach(async function () {
    await vscode.screenshotIfFailed(this.currentTest, 'failed-knowledge-restricted');
  });
  after(async () => {
    await vscode?.dispose();
    await gemini?.close();
  });

  it('instruction and prompt files are not read; the chip says so, and the request carries none of them', async () => {
    await vscode.openFile('src/app.ts');
    const frame = await vscode.openTandemView();
    const chip = frame.getByTestId('rules-chip');
    await waitFor('the Restricted Mode chip', async () => ((await chip.innerText()) === 'Rules: not read (Restricted Mode)' ? true : undefined), 30_000);
    const input = frame.getByTestId('prompt-input');
    await input.click();
    await input.pressSequentially('/');
    await frame.getByTestId('slash-item').first().waitFor({ timeout: 15_000 });
    const offered = await frame.getByTestId('slash-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-name')));
    assert.ok(!offered.includes('review'), `prompt files are not offered untrusted: ${offered.join(', ')}`);
    await input.press('Escape');
    await input.fill('');

    gemini.enqueue(geminiReply({ text: 'Untrusted answer.' }));
    await sendPrompt(frame, 'What does APP_MARK do?');
    const [request] = await gemini.waitForRequests(1, 60_000);
    assert.ok(!request.body.includes('AGENTS_MARK_1101'), 'AGENTS.md was sent from an untrusted workspace');
    assert.ok(!systemOf(request).includes('Project instructions'));
  });
});
