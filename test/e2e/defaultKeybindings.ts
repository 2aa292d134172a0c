// VS Code's default keybindings as a running workbench lists them for a platform: "Preferences: Open Default
// Keyboard Shortcuts (JSON)" shows the defaults (built-in and extension contributions) of the platform the
// workbench runs on, which in a browser comes from the user agent.
import { parseDefaultKeybindings, type DefaultKeys, type Platform } from '../support/keybindings';
import { waitFor, type VscodeSession } from './harness';

const CHROME = 'AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
export const USER_AGENTS: Readonly<Record<Platform, string>> = {
  linux: `Mozilla/5.0 (X11; Linux x86_64) ${CHROME}`,
  mac: `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) ${CHROME}`,
  win: `Mozilla/5.0 (Windows NT 10.0; Win64; x64) ${CHROME}`,
};

/** The raw JSON text of the default keybindings, and the same parsed (Tandem's entries left out). */
/** Runs the palette's best match for `title` (VS Code ranks the exact title first). */
async function paletteRun(session: VscodeSession, title: string): Promise<void> {
  const page = session.page;
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
  await input.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 15_000 });
}

export async function readDefaultKeybindings(session: VscodeSession): Promise<{ text: string; defaults: DefaultKeys }> {
  const page = session.page;
  await session.runCommand('Preferences: Open Default Keyboard Shortcuts (JSON)');
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  await page.locator('.tab.active', { hasText: /Default Keybindings|keybindings\.json/ }).first().waitFor({ timeout: 30_000 });
  await editor.locator('.view-lines', { hasText: '"command"' }).waitFor({ timeout: 30_000 });
  await editor.locator('.view-lines').click();
  // Through the palette, not keys: the primary modifier differs per platform and a browser may keep Cmd+C.
  const text = await waitFor('the default keybindings on the clipboard', async () => {
    for (const command of ['Select All', 'Copy']) await paletteRun(session, command);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    return copied.includes('"command"') && /\n\/\/ - /.test(copied) ? copied : undefined;
  }, 60_000, 500);
  return { text, defaults: parseDefaultKeybindings(text) };
}
