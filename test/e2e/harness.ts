// The one harness for end-to-end tests in a real VS Code: code-server 4.139.1 (VS Code 1.139.1) with the packaged
// VSIX installed, driven by Debian's Chromium through playwright-core. Every wait is for a condition; every
// process started here is killed in dispose(), also when a test fails or the run is interrupted.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { freePort, MACHINE_SCOPED, stageExtension, workbenchUrl } from './codeServer';

export { CONTRIBUTED_COMMANDS, EXTENSION_ID, PALETTE_RULES } from './codeServer';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const paths = require('../../scripts/vscode-paths.js') as { root: string; toolsDir: string; nodeBinDir: string; codeServerBin: string; chromiumPath: string };

const ROOT = paths.root;
const RESULTS_DIR = path.join(ROOT, 'test-results');

export interface SessionOptions {
  /** Written to the settings files before start: machine-scoped Tandem settings to Remote, the rest to User. */
  readonly settings?: Record<string, unknown>;
  /** Files of the temporary workspace, relative path → content. */
  readonly files?: Record<string, string>;
  /** Runs once the workspace's files are written, before VS Code opens it (e.g. `git init` and a first commit). */
  readonly prepare?: (workspace: string) => void;
  /** Keep workspace trust on (for Restricted Mode tests): the folder opens untrusted. */
  readonly restricted?: boolean;
  /** Extra environment for the extension host. */
  readonly env?: Record<string, string>;
  /**
   * Load Tandem from the source tree (its `dist/`) instead of the packaged VSIX, and run this bundled mocha suite in
   * the extension host (VS Code's `extensionTestsPath`, through the smoke-test driver's payload).
   */
  readonly inHostTests?: string;
  /** The browser's user agent: VS Code in a browser takes its platform (keys, menus) from it. */
  readonly userAgent?: string;
}

const live = new Set<VscodeSession>();

/** Polls `check` until it returns a value, or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Types a question into the chat and sends it, once the previous answer has fully ended (Enter does not send
 * while Tandem is busy); returns when the panel took it (the input is cleared). */
export async function sendPrompt(frame: FrameLocator, text: string): Promise<void> {
  await frame.getByTestId('send').waitFor();
  const input = frame.getByTestId('prompt-input');
  await input.fill(text);
  await input.press('Enter');
  await waitFor('the question to be sent', async () => ((await input.inputValue()) === '' ? true : undefined));
}

/** The line Tandem logs once `activate` has returned. */
export const TANDEM_ACTIVATED = /Tandem .* activated in [\d.]+ ms/;

export class VscodeSession {
  readonly page: Page;
  private constructor(
    readonly port: number,
    readonly workspace: string,
    readonly userDataDir: string,
    readonly extensionsDir: string,
    private readonly server: ChildProcess,
    private readonly browser: Browser,
    page: Page,
    readonly serverOutput: string[],
  ) {
    this.page = page;
  }

  static async start(options: SessionOptions = {}): Promise<VscodeSession> {
    const staging = options.inHostTests ? undefined : stageExtension();
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-'));
    const workspace = path.join(base, 'workspace');
    const userDataDir = path.join(base, 'user-data');
    const extensionsDir = path.join(base, 'extensions');
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    if (staging) fs.cpSync(staging, extensionsDir, { recursive: true });
    else fs.mkdirSync(extensionsDir, { recursive: true });
    for (const [file, content] of Object.entries(options.files ?? { 'README.md': '# Sample\n' })) {
      fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
      fs.writeFileSync(path.join(workspace, file), content);
    }
    fs.mkdirSync(workspace, { recursive: true });
    options.prepare?.(workspace);
    const settings = {
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'security.workspace.trust.startupPrompt': 'never',
      'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'chat.disableAIFeatures': true,
      ...options.settings,
    };
    // code-server's window is a remote one: VS Code reads machine-scoped settings (Tandem's routing and spend
    // settings) from the Remote settings file only, as it does over SSH or in a container.
    const remote = (key: string) => MACHINE_SCOPED.has(key);
    fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(Object.fromEntries(Object.entries(settings).filter(([k]) => !remote(k))), null, 2));
    fs.mkdirSync(path.join(userDataDir, 'Machine'), { recursive: true });
    fs.writeFileSync(path.join(userDataDir, 'Machine', 'settings.json'), JSON.stringify(Object.fromEntries(Object.entries(settings).filter(([k]) => remote(k))), null, 2));

    const port = await freePort();
    const args = [
      paths.codeServerBin,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--vscode-option', 'enable-smoke-test-driver',
    ];
    if (!options.restricted) args.push('--disable-workspace-trust');
    args.push(workspace);
    const server = spawn(path.join(paths.nodeBinDir, 'node'), args, {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env, PATH: `${paths.nodeBinDir}:${process.env.PATH}` },
    });
    const serverOutput: string[] = [];
    server.stdout?.on('data', (d: Buffer) => serverOutput.push(d.toString()));
    server.stderr?.on('data', (d: Buffer) => serverOutput.push(d.toString()));

    let browser: Browser | undefined;
    try {
      await waitFor('code-server to listen', async () => {
        if (server.exitCode !== null) throw new Error(`code-server exited: ${serverOutput.join('')}`);
        const response = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        return response?.ok ? true : undefined;
      }, 60_000);
      browser = await chromium.launch({
        executablePath: paths.chromiumPath,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
      });
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, userAgent: options.userAgent });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://127.0.0.1:${port}` });
      const page = await context.newPage();
      const session = new VscodeSession(port, workspace, userDataDir, extensionsDir, server, browser, page, serverOutput);
      live.add(session);
      await page.goto(workbenchUrl(port, workspace, options.inHostTests));
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      await session.waitForExtensionHost();
      // Tandem activates on startup finished, which can come after the first keystrokes on a slow machine: a
      // completion provider registered after the typing is never asked, so every session starts from an active Tandem.
      if (staging) await session.waitForLogLine(TANDEM_ACTIVATED, () => session.readTandemLog(), 120_000);
      return session;
    } catch (error) {
      await browser?.close().catch(() => undefined);
      killGroup(server);
      fs.rmSync(base, { recursive: true, force: true });
      throw error;
    }
  }

  /** The remote extension host's log file (present once the host has started). */
  extHostLogPath(): string | undefined {
    const logs = path.join(this.userDataDir, 'logs');
    if (!fs.existsSync(logs)) return undefined;
    for (const session of fs.readdirSync(logs).sort().reverse()) {
      const candidates = [path.join(logs, session, 'exthost1', 'remoteexthost.log'), path.join(logs, session, 'remoteexthost.log')];
      for (const candidate of candidates) if (fs.existsSync(candidate)) return candidate;
    }
    return undefined;
  }

  readExtHostLog(): string {
    const file = this.extHostLogPath();
    return file ? fs.readFileSync(file, 'utf8') : '';
  }

  /** Tandem's own output channel log (Output → Tandem), where the extension writes. */
  readTandemLog(): string {
    const logs = path.join(this.userDataDir, 'logs');
    if (!fs.existsSync(logs)) return '';
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/Tandem\.log$/.test(entry.name)) found.push(fs.readFileSync(full, 'utf8'));
      }
    };
    walk(logs);
    return found.join('\n');
  }

  async waitForLogLine(pattern: RegExp, read: () => string = () => this.readExtHostLog(), timeoutMs = 30_000): Promise<string> {
    return waitFor(`log line ${pattern}`, () => read().split('\n').find((line) => pattern.test(line)), timeoutMs);
  }

  private async waitForExtensionHost(): Promise<void> {
    await this.waitForLogLine(/Extension host .*started|ExtensionService#_doActivateExtension|eager extensions activated/i, undefined, 60_000);
  }

  /** Runs a command by its palette title, e.g. "Tandem: Open Chat". */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    // The palette the previous command closed can still be on screen and take the text as it goes: open it again
    // until the row shows, with a ceiling far above the slowest run.
    let shown: string[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      await this.openPalette();
      try {
        // The closing widget can also go from under the text being typed (inert, then hidden): that is a retry too.
        await input.fill(`>${title}`, { timeout: 15_000 });
        await row.waitFor({ timeout: attempt === 1 ? 15_000 : 30_000 });
        await input.press('Enter');
        return;
      } catch {
        shown = await this.page.locator('.quick-input-list .monaco-list-row').allInnerTexts().catch(() => []);
        // Escape only closes an open palette: in an editor it would also drop the selection.
        if (await input.isVisible()) await this.page.keyboard.press('Escape');
      }
    }
    throw new Error(`"${title}" is not in the command palette; it listed: ${shown.slice(0, 8).join(' | ') || 'nothing'}`);
  }

  /** Moves keyboard focus into the active text editor (for typing, undo, save). */
  async focusEditor(): Promise<void> {
    await this.runCommand('View: Focus Active Editor Group');
    await this.page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor({ timeout: 10_000 });
  }

  /** Opens a workspace file through Quick Open and waits for its editor. */
  async openFile(relativePath: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.runCommand('Go to File...');
    const input = this.page.locator('.quick-input-widget input');
    await input.fill(relativePath);
    const name = path.basename(relativePath);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15_000 });
    await input.press('Enter');
    await this.page.locator(`.tab.active[aria-label*="${name}"], .tab.active:has-text("${name}")`).first().waitFor({ timeout: 15_000 });
  }

  private async openPalette(): Promise<void> {
    // Escape only closes an open quick input: in an editor it would also drop the selection.
    if (await this.page.locator('.quick-input-widget input').isVisible()) await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('F1');
    await this.page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 15_000 });
  }

  /** Palette entries whose label starts with `prefix` (e.g. "Tandem:"), scrolling through the whole list. */
  async paletteEntries(prefix: string): Promise<string[]> {
    await this.openPalette();
    const input = this.page.locator('.quick-input-widget input');
    await input.fill(`>${prefix}`);
    await this.page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 15_000 });
    const seen = new Set<string>();
    let stableRounds = 0;
    while (stableRounds < 3) {
      const before = seen.size;
      const labels = await this.page.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
      for (const label of labels) if (label.startsWith(prefix)) seen.add(label.trim());
      await input.press('PageDown');
      stableRounds = seen.size === before ? stableRounds + 1 : 0;
    }
    await this.page.keyboard.press('Escape');
    return [...seen];
  }

  /** Reloads the window and opens the chat again; returns its new frame. */
  async reloadWindow(): Promise<FrameLocator> {
    await this.runCommand('Developer: Reload Window');
    await this.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    return this.openTandemView();
  }

  /** Opens Tandem's activity-bar container and returns the chat webview's inner frame once it rendered. */
  async openTandemView(): Promise<FrameLocator> {
    const icon = this.page.locator('.activitybar [aria-label^="Tandem"]').first();
    const frame = this.chatFrame();
    const app = frame.locator('[data-testid="tandem-app"]');
    // A reloaded window may open the view itself, and a click on the icon of the open container closes it:
    // click only while the container is not open, until the chat has rendered.
    await waitFor('the Tandem chat view', async () => {
      if (await app.isVisible().catch(() => false)) return true;
      const open = await icon.evaluate((el) => !!el.closest('.action-item')?.classList.contains('checked')).catch(() => false);
      if (!open) await icon.click();
      return undefined;
    }, 30_000, 250);
    return frame;
  }

  /** The chat webview's document (VS Code nests it in two iframes). */
  chatFrame(): FrameLocator {
    return this.page.frameLocator('.pane-body iframe.webview.ready, iframe.webview.ready').first().frameLocator('iframe#active-frame, iframe').first();
  }

  /** Messages of the notifications shown as toasts or in the notification center. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notification-list-item-message').allInnerTexts();
  }

  /** The notification (toast or center entry) whose message matches; opens the center when no toast shows it. */
  notification(pattern: RegExp) {
    return this.page.locator('.notification-list-item', { hasText: pattern }).first();
  }

  async waitForNotification(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    return waitFor(
      `a notification matching ${pattern}`,
      async () => {
        const found = (await this.notifications()).find((n) => pattern.test(n));
        if (found) return found;
        // Without window focus VS Code may file notifications in the center instead of showing a toast.
        if (!(await this.page.locator('.notifications-center.visible').isVisible())) {
          await this.page.locator('.statusbar-item[id*="notifications"] a, .statusbar-item[aria-label*="otification"] a').last().click().catch(() => undefined);
        }
        return undefined;
      },
      timeoutMs,
      250,
    );
  }

  /** Types into the focused quick input (input box or quick pick) and accepts. */
  async answerQuickInput(text: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(text);
    await input.press('Enter');
  }

  /** Picks the quick-pick row whose label contains `label`, and waits for the pick to go: a step that follows (an
   * input box in the same widget) must not take text typed while the pick was still on screen. */
  async pickQuickItem(label: string): Promise<void> {
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await row.waitFor({ state: 'hidden', timeout: 30_000 });
  }

  /** After a failed test (mocha's afterEach `this.currentTest`): a screenshot named after it, and the end of Tandem's
   * log on the console, since CI keeps only what was printed. */
  async screenshotIfFailed(test: { state?: string; title: string } | undefined, prefix = 'failed'): Promise<void> {
    if (test?.state !== 'failed') return;
    await this.screenshot(`${prefix}-${test.title.slice(0, 40).replace(/\W+/g, '-')}`);
    console.log(`--- the last lines of Tandem's log (${test.title.slice(0, 60)}) ---\n${this.readTandemLog().trimEnd().split('\n').slice(-25).join('\n')}\n---`);
  }

  async screenshot(name: string): Promise<string> {
    const file = path.join(RESULTS_DIR, 'screenshots', `${name}.png`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file });
    return file;
  }

  async dispose(): Promise<void> {
    if (!live.delete(this)) return;
    await this.browser.close().catch(() => undefined);
    killGroup(this.server);
    await waitFor('code-server to exit', () => (this.server.exitCode !== null || this.server.signalCode !== null ? true : undefined), 10_000).catch(() => undefined);
    fs.rmSync(path.dirname(this.workspace), { recursive: true, force: true });
  }
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function disposeAllSync(): void {
  for (const session of live) {
    killGroup((session as unknown as { server: ChildProcess }).server);
  }
}
process.once('exit', disposeAllSync);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    disposeAllSync();
    process.exit(130);
  });
}
