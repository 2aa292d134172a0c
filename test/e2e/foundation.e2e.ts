import { strict as assert } from 'node:assert';
import { CONTRIBUTED_COMMANDS, EXTENSION_ID, PALETTE_RULES, VscodeSession } from './harness';

describe('foundation: Tandem in VS Code 1.139 (code-server)', () => {
  let vscode: VscodeSession;

  before(async () => {
    vscode = await VscodeSession.start({ files: { 'src/app.ts': 'export const answer = 42;\n' } });
  });
  after(async () => {
    await vscode?.dispose();
  });

  it('activates once the window has started, before any Tandem view or command is used', async () => {
    // So its lightbulb fix on a diagnostic and its status bar item are there from the start.
    await vscode.waitForLogLine(/Tandem .* activated in [\d.]+ ms/, () => vscode.readTandemLog(), 60_000);
    await vscode.page.locator('.statusbar-item[aria-label^="Tandem: Gemini 3.1 Flash-Lite"]').first().waitFor({ timeout: 30_000 });
  });

  it('opens the Tandem view from the activity bar and its webview renders', async () => {
    const frame = await vscode.openTandemView();
    assert.ok(await frame.locator('[data-testid="tandem-app"]').isVisible());
    await vscode.screenshot('foundation-view');
  });

  it('activates without an error in the extension host log', async () => {
    await vscode.waitForLogLine(new RegExp(`${EXTENSION_ID.replace('.', '\\.')}`));
    const log = vscode.readExtHostLog();
    assert.doesNotMatch(log, new RegExp(`Activating extension '?${EXTENSION_ID}'? failed`, 'i'));
    assert.doesNotMatch(log, /\[error\][^\n]*tandem/i);
    assert.match(vscode.readTandemLog(), /Tandem .* activated in [\d.]+ ms/);
  });

  it('lists every contributed command in the palette under "Tandem:"', async () => {
    await vscode.openFile('src/app.ts');
    const entries = await vscode.paletteEntries('Tandem:');
    // Commands that only make sense in a state (a pending suggestion, a draft or a commit message being written, an
    // open terminal) or with arguments stay out of the palette.
    const hidden = new Set(PALETTE_RULES.filter((r) => r.when === 'false' || /tandem\.(suggestionPending|draftInProgress|generatingCommitMessage)|terminalIsOpen/.test(r.when)).map((r) => r.command));
    const expected = CONTRIBUTED_COMMANDS.filter((c) => c.category === 'Tandem' && !hidden.has(c.command)).map((c) => `Tandem: ${c.title}`);
    assert.ok(expected.length >= 10, 'package.json contributes the commands');
    const missing = expected.filter((title) => !entries.includes(title));
    assert.deepEqual(missing, [], `missing from the palette; saw ${entries.join(' | ')}`);
  });
});
