import { strict as assert } from 'node:assert';
import { SHELL_INTEGRATION_HINT, buildFixLastCommandPrompt, buildLastCommandPrompt, buildTerminalSelectionPrompt, shellLanguage } from '../../../src/core/terminal/prompts';
import { findShellBlocks } from '../../../src/core/terminal/shellBlocks';
import { countTokens } from '../../../src/core/context/tokens';

const count = (text: string): number => countTokens(text, 'gpt');
const LS = { command: 'ls nosuchfile', exitCode: 2, output: "ls: cannot access 'nosuchfile': No such file or directory\n", shell: 'bash' };

describe('terminal prompts', () => {
  it('asks Fix Last Command for the cause and a corrected command in a block of the shell', () => {
    const { text, context } = buildFixLastCommandPrompt(LS, { budget: 2000, count, platform: 'linux' });
    assert.match(text, /^Fix my last terminal command: `ls nosuchfile` ended with exit code 2\./);
    assert.match(text, /one ```bash block, for a POSIX shell on Linux/);
    assert.match(text, /Warn before anything that deletes data/);
    assert.match(context, /exit code 2/);
    assert.match(context, /No such file or directory/);
  });

  it('Explain/Fix Last Command fixes a failed command (or one without an exit code) and explains one that succeeded', () => {
    assert.equal(buildLastCommandPrompt(LS, { budget: 2000, count }).intent, 'fix');
    assert.equal(buildLastCommandPrompt({ ...LS, exitCode: undefined }, { budget: 2000, count }).intent, 'fix');
    const ok = buildLastCommandPrompt({ command: 'git status', exitCode: 0, output: 'On branch main\nnothing to commit\n', shell: 'bash' }, { budget: 2000, count });
    assert.equal(ok.intent, 'explain');
    assert.match(ok.text, /^Explain my last terminal command `git status`: what it did/);
    assert.match(ok.context, /exit code 0 \(success\)/);
    assert.match(ok.context, /nothing to commit/);
  });

  it("names the terminal's own shell language, PowerShell on Windows when the shell is unknown", () => {
    assert.equal(shellLanguage('/bin/zsh'), 'zsh');
    assert.equal(shellLanguage('pwsh'), 'powershell');
    assert.equal(shellLanguage('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'), 'powershell');
    assert.equal(shellLanguage('fish'), 'fish');
    assert.equal(shellLanguage('cmd.exe'), 'cmd');
    assert.equal(shellLanguage(undefined, 'win32'), 'powershell');
    assert.equal(shellLanguage(undefined, 'darwin'), 'bash');
    const { text } = buildFixLastCommandPrompt({ ...LS, shell: 'pwsh' }, { budget: 2000, count, platform: 'win32' });
    assert.match(text, /one ```powershell block, for powershell on Windows/);
  });

  it('gets an answer whose block Run in Terminal can paste', () => {
    const answer = "`nosuchfile` does not exist in this folder. To see what is there:\n\n```bash\nls -la\n```";
    assert.deepEqual(findShellBlocks(answer).map((b) => b.paste), ['ls -la']);
  });

  it('shows only the first line of a multi-line command in the message, all of it in the context', () => {
    const { text, context } = buildFixLastCommandPrompt({ ...LS, command: 'for f in *.txt; do\n  cat "$f"\ndone' }, { budget: 2000, count });
    assert.match(text, /^Fix my last terminal command: `for f in \*\.txt; do` … ended with/);
    assert.match(context, /```sh\nfor f in \*\.txt; do\n {2}cat "\$f"\ndone\n```/);
  });

  it('explains or attaches a terminal selection, cleaned and redacted', () => {
    const explain = buildTerminalSelectionPrompt('\x1b[31mnpm ERR!\x1b[0m code E401\nnpm ERR! token sk-abcdefghijklmnop123 is invalid', 'explain');
    assert.match(explain.text, /^Explain this terminal output/);
    assert.equal(explain.context, 'Terminal selection:\n```text\nnpm ERR! code E401\nnpm ERR! token [redacted key] is invalid\n```');
    assert.equal(buildTerminalSelectionPrompt('ok', 'attach').text, '');
  });

  it('says how to turn shell integration on', () => {
    assert.match(SHELL_INTEGRATION_HINT, /terminal\.integrated\.shellIntegration\.enabled/);
    assert.match(SHELL_INTEGRATION_HINT, /https:\/\/code\.visualstudio\.com\/docs\/terminal\/shell-integration/);
  });
});
