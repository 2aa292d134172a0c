// Takes the README screenshots in real VS Code (code-server) against the fake models:
// `npx tsx scripts/screenshots.ts` → media/screenshots/{chat-dark,chat-light,inline-diff,lightbulb,statusbar,settings,
// commit-message,terminal}.png (`… workbench` takes only lightbulb, statusbar and settings; `… git-terminal` only the
// last two).
import * as path from 'node:path';
import { FakeServer } from '../test/fakes/server';
import { geminiReply } from '../test/fakes/gemini';
import { VscodeSession, waitFor } from '../test/e2e/harness';
import { shootGitAndTerminal } from './screenshotsGitTerminal';
import { shootWorkbench } from './screenshotsWorkbench';

const CART = `export interface Item { name: string; price: number; quantity: number }

export function total(items: Item[]): number {
  let sum = 0;
  for (const item of items) sum += item.price;
  return sum;
}
`;
const ANSWER = `The loop adds each item's **price** once, so an item bought twice is only counted once.

Multiply by the quantity:

\`\`\`ts
export function total(items: Item[]): number {
  return items.reduce((sum, item) => sum + item.price * item.quantity, 0);
}
\`\`\`

| Cart | Before | After |
|------|-------:|------:|
| 2 × pen at $1.50 | $1.50 | $3.00 |
| 1 × book at $12 | $12.00 | $12.00 |
`;
const FIX = `<<<<<<< SEARCH
  for (const item of items) sum += item.price;
=======
  for (const item of items) sum += item.price * item.quantity;
>>>>>>> REPLACE
`;
const OUT = path.join(__dirname, '..', 'media', 'screenshots');

async function shoot(theme: string, name: string, withDiff: boolean): Promise<void> {
  const gemini = await FakeServer.start();
  const vscode = await VscodeSession.start({
    settings: { 'tandem.gemini.baseUrl': gemini.url, 'workbench.colorTheme': theme, 'comments.openView': 'never' },
    env: { TANDEM_GEMINI_API_KEY: 'AIzaSyScreenshot-key-00000000000000000' },
    files: { 'src/cart.ts': CART },
  });
  try {
    await vscode.openFile('src/cart.ts');
    const frame = await vscode.openTandemView();
    const sidebar = await vscode.page.locator('.part.sidebar').boundingBox();
    if (sidebar) {
      const edge = sidebar.x + sidebar.width + 1;
      await vscode.page.mouse.move(edge, sidebar.y + 300);
      await vscode.page.mouse.down();
      await vscode.page.mouse.move(edge + 60, sidebar.y + 300, { steps: 4 });
      await vscode.page.mouse.move(edge + 220, sidebar.y + 300, { steps: 4 });
      await vscode.page.mouse.up();
      await vscode.page.mouse.move(900, 600);
    }
    gemini.enqueue(geminiReply({ text: ANSWER, thoughts: '**Checking the loop** — quantity is never used.' }));
    await frame.getByTestId('prompt-input').fill('Why is the cart total wrong for two pens?');
    await frame.getByTestId('prompt-input').press('Enter');
    await frame.getByTestId('message-usage').last().waitFor({ timeout: 30_000 });
    await frame.getByTestId('prompt-input').fill('Can you also add a test?');
    await vscode.page.screenshot({ path: path.join(OUT, `${name}.png`) });
    if (withDiff) {
      gemini.enqueue(geminiReply({ text: FIX }));
      await vscode.openFile('src/cart.ts');
      await vscode.runCommand('Tandem: Fix');
      await waitFor('the suggestion', async () => ((await vscode.page.locator('.codelens-decoration a', { hasText: 'Accept' }).count()) > 0 ? true : undefined), 30_000);
      await vscode.page.screenshot({ path: path.join(OUT, 'inline-diff.png') });
    }
  } finally {
    await vscode.dispose();
    await gemini.close();
  }
}

(async () => {
  const only = process.argv[2];
  if (only === undefined) {
    await shoot('Default Dark Modern', 'chat-dark', true);
    await shoot('Default Light Modern', 'chat-light', false);
  }
  if (only === undefined || only === 'workbench') await shootWorkbench(OUT);
  if (only === undefined || only === 'git-terminal') await shootGitAndTerminal(OUT);
  console.log(`Screenshots written to ${OUT}`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
