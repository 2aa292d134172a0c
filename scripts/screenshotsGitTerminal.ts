// The README's screenshots of the commit message (Source Control view, the staged diff beside it) and of the terminal
// (Explain/Fix Last Command after a failed command, the answer's command pasted at the prompt). Real VS Code
// (code-server) with its Git extension and bash, fake Gemini.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { geminiReply } from '../test/fakes/gemini';
import { FakeServer } from '../test/fakes/server';
import { VscodeSession, waitFor } from '../test/e2e/harness';

const BEFORE = `export interface Item { name: string; price: number; quantity: number }

export function total(items: Item[]): number {
  let sum = 0;
  for (const item of items) sum += item.price;
  return sum;
}
`;
const AFTER = BEFORE.replace('sum += item.price;', 'sum += item.price * item.quantity;');
const MESSAGE = `Count item quantities in the cart total

total() added each item's price once, so two pens cost as much as one.
Multiply the price by the quantity.`;
const FIX = `\`ls\` exits with 2 because there is no \`nosuchfile\` in this folder. To see what is there:

\`\`\`bash
ls -la
\`\`\``;

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Tandem', '-c', 'user.email=tandem@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'ignore' });
}

export async function shootGitAndTerminal(out: string): Promise<void> {
  const gemini = await FakeServer.start();
  const vscode = await VscodeSession.start({
    settings: {
      'tandem.gemini.baseUrl': gemini.url,
      'workbench.colorTheme': 'Default Dark Modern',
      'terminal.integrated.defaultProfile.linux': 'bash',
      'terminal.integrated.gpuAcceleration': 'off',
      'terminal.integrated.enablePersistentSessions': false,
    },
    env: { TANDEM_GEMINI_API_KEY: 'AIzaSyScreenshot-key-00000000000000000', SHELL: '/bin/bash' },
    files: { 'src/cart.ts': BEFORE },
    prepare: (workspace) => {
      git(workspace, 'init', '-q', '-b', 'main');
      git(workspace, 'add', '-A');
      git(workspace, 'commit', '-q', '-m', 'Add the cart module');
      git(workspace, 'commit', '-q', '--allow-empty', '-m', 'Fix rounding of the tax line');
      fs.writeFileSync(path.join(workspace, 'src', 'cart.ts'), AFTER);
      git(workspace, 'add', '-A');
    },
  });
  try {
    await vscode.runCommand('Source Control: Focus on Changes View');
    const row = vscode.page.locator('.scm-view .monaco-list-row', { hasText: 'cart.ts' }).first();
    await row.waitFor({ timeout: 60_000 });
    await row.click();
    await vscode.page.locator('.monaco-diff-editor').first().waitFor({ timeout: 30_000 });
    gemini.enqueue(geminiReply({ text: MESSAGE }));
    const button = vscode.page.locator('.part.sidebar .action-label[aria-label="Generate Commit Message"]').first();
    await vscode.page.locator('.part.sidebar .pane-header', { has: vscode.page.locator('.action-label[aria-label="Generate Commit Message"]') }).first().hover();
    await button.click();
    await waitFor('the commit message', () => (/Commit message written by/.test(vscode.readTandemLog()) ? true : undefined), 30_000, 250);
    await vscode.page.locator('.scm-editor').first().hover();
    await vscode.page.screenshot({ path: path.join(out, 'commit-message.png') });

    await vscode.openTandemView();
    await vscode.runCommand('Terminal: Create New Terminal');
    const xterm = vscode.page.locator('.terminal-wrapper.active .xterm').first();
    await xterm.waitFor({ timeout: 30_000 });
    const decorations = vscode.page.locator('.terminal-wrapper.active .terminal-command-decoration');
    await waitFor('the bash prompt', async () => (/[$#]\s*$/m.test(await xterm.innerText()) ? true : undefined), 30_000, 250);
    await xterm.click();
    await vscode.page.keyboard.type('clear');
    await vscode.page.keyboard.press('Enter');
    await decorations.first().waitFor({ state: 'attached', timeout: 30_000 });
    await vscode.page.keyboard.type('ls nosuchfile');
    await vscode.page.keyboard.press('Enter');
    await vscode.page.locator('.terminal-wrapper.active .codicon-terminal-decoration-error').first().waitFor({ state: 'attached', timeout: 30_000 });
    gemini.enqueue(geminiReply({ text: FIX }));
    await vscode.runCommand('Tandem: Explain/Fix Last Command');
    const frame = vscode.chatFrame();
    const block = frame.getByTestId('message-assistant').last().getByTestId('code-block').first();
    await frame.getByTestId('message-assistant').last().getByTestId('message-usage').waitFor({ timeout: 30_000 });
    await block.hover();
    await block.getByTestId('code-run-in-terminal').click();
    await waitFor('the pasted command', async () => (/[$#] ls -la\s*$/m.test(await xterm.innerText()) ? true : undefined), 15_000, 250);
    await block.hover();
    await vscode.page.screenshot({ path: path.join(out, 'terminal.png') });
  } finally {
    await vscode.dispose();
    await gemini.close();
  }
}
