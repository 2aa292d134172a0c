// The README's workbench screenshots: the status bar (Tandem's item and the pending-change counter, with the
// tooltip), the lightbulb on a type error, and Tandem's settings page. Real VS Code (code-server), fake Gemini.
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { geminiReply } from '../test/fakes/gemini';
import { FakeServer } from '../test/fakes/server';
import { VscodeSession, waitFor } from '../test/e2e/harness';

const BROKEN = `export interface Item { name: string; price: number; quantity: number }

export function total(items: Item[]): number {
  let sum = 0;
  for (const item of items) sum += item.price * item.qty;
  return sum;
}
`;
const FIX = `<<<<<<< SEARCH
  for (const item of items) sum += item.price * item.qty;
=======
  for (const item of items) sum += item.price * item.quantity;
>>>>>>> REPLACE
`;

/** A screenshot of the page clipped to `box`, grown by `margin` and kept inside the viewport. */
async function clip(page: Page, file: string, box: { x: number; y: number; width: number; height: number }, margin = 8): Promise<void> {
  const viewport = page.viewportSize()!;
  const x = Math.max(0, box.x - margin);
  const y = Math.max(0, box.y - margin);
  await page.screenshot({ path: file, clip: { x, y, width: Math.min(viewport.width - x, box.width + 2 * margin), height: Math.min(viewport.height - y, box.height + 2 * margin) } });
}

export async function shootWorkbench(out: string): Promise<void> {
  const gemini = await FakeServer.start();
  const vscode = await VscodeSession.start({
    settings: { 'tandem.gemini.baseUrl': gemini.url, 'workbench.colorTheme': 'Default Dark Modern', 'comments.openView': 'never', 'editor.lightbulb.enabled': 'on' },
    env: { TANDEM_GEMINI_API_KEY: 'AIzaSyScreenshot-key-00000000000000000' },
    files: { 'src/cart.ts': BROKEN },
  });
  const page = vscode.page;
  try {
    // The lightbulb: the cursor on the type error, Quick Fix open.
    await vscode.openFile('src/cart.ts');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
    const menu = page.locator('.action-widget:not(.action-list-submenu-panel)').first();
    await waitFor('Tandem in the lightbulb', async () => {
      await vscode.runCommand('Go to Line/Column...');
      await vscode.answerQuickInput(':5:52');
      await vscode.runCommand('Quick Fix...');
      await menu.waitFor({ timeout: 10_000 }).catch(() => undefined);
      if (await menu.getByText('Fix with Tandem').isVisible().catch(() => false)) return true;
      await page.keyboard.press('Escape');
      return undefined;
    }, 60_000, 500);
    const menuBox = (await menu.boundingBox())!;
    const line = (await page.locator('.monaco-editor .view-line', { hasText: 'item.qty' }).first().boundingBox())!;
    const top = Math.min(line.y - line.height * 2, menuBox.y);
    await clip(page, path.join(out, 'lightbulb.png'), { x: line.x - 40, y: top, width: Math.max(menuBox.x + menuBox.width, line.x + 560) - line.x + 40, height: menuBox.y + menuBox.height - top }, 12);
    await page.keyboard.press('Escape');

    // The status bar: a suggestion pending (the counter), then Tandem's tooltip.
    gemini.enqueue(geminiReply({ text: FIX, promptTokens: 1800 }));
    await vscode.runCommand('Tandem: Fix');
    await page.locator('.codelens-decoration a', { hasText: 'Accept' }).first().waitFor({ timeout: 30_000 });
    const item = page.locator('.statusbar-item[aria-label^="Tandem: Gemini"]').first();
    await waitFor('the spend in the status bar', async () => ((await item.textContent())?.includes('$') ? true : undefined), 30_000);
    await item.hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').first();
    await hover.waitFor({ timeout: 10_000 });
    await page.waitForTimeout(300);
    const bar = (await page.locator('.part.statusbar').boundingBox())!;
    const hoverBox = (await hover.boundingBox())!;
    const left = Math.min(hoverBox.x, bar.x + bar.width - 560);
    await clip(page, path.join(out, 'statusbar.png'), { x: left, y: hoverBox.y, width: bar.x + bar.width - left, height: bar.y + bar.height - hoverBox.y }, 4);
    await page.mouse.move(700, 300);

    // The settings page, as Tandem: Open Settings shows it.
    await vscode.runCommand('Tandem: Open Settings');
    const settings = page.locator('.settings-editor');
    // In a remote window (code-server is one) machine-scoped settings are edited under Remote, not User.
    await settings.locator('.settings-tabs-widget .action-label', { hasText: 'Remote' }).first().click();
    await settings.locator('.setting-item-label', { hasText: 'Default Model' }).first().waitFor({ timeout: 30_000 }).catch(async () => { await page.screenshot({ path: path.join(out, 'settings-debug.png') }); throw new Error('no settings page'); });
    await page.waitForTimeout(800);
    await clip(page, path.join(out, 'settings.png'), (await page.locator('.editor-group-container.active').boundingBox())!, 0);
  } finally {
    await vscode.dispose();
    await gemini.close();
  }
}
