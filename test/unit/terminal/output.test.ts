import { strict as assert } from 'node:assert';
import { describeExitCode, formatTerminalContext, shellName, trimTerminalOutput } from '../../../src/core/terminal/output';
import { countTokens } from '../../../src/core/context/tokens';

const count = (text: string): number => countTokens(text, 'gpt');

/** A test run's output: `n` numbered lines, then a failure summary. */
function testRun(n: number): string {
  const lines = ['> shop@1.0.0 test', '> mocha', ''];
  for (let i = 1; i <= n; i++) lines.push(`  ✔ cart case ${i} adds item ${i} and updates the total`);
  lines.push('', '  1) checkout applies the member discount', '  AssertionError: expected 90 to equal 81', '', `  ${n} passing (3s)`, '  1 failing');
  return `${lines.join('\r\n')}\r\n`;
}

describe('terminal output trimming', () => {
  it('keeps short output whole, cleaned of escapes', () => {
    const result = trimTerminalOutput('\x1b[31mError:\x1b[0m missing file\r\n', { budget: 500, count });
    assert.deepEqual(result, { text: 'Error: missing file', lines: 1, cutLines: 0 });
  });

  it('cuts long output from the middle, keeping its start and more of its end, within the budget', () => {
    const raw = testRun(3000);
    const result = trimTerminalOutput(raw, { budget: 1500, count });
    assert.ok(count(result.text) <= 1500, String(count(result.text)));
    const lines = result.text.split('\n');
    assert.equal(lines[0], '> shop@1.0.0 test');
    assert.equal(lines[lines.length - 1], '  1 failing');
    assert.ok(result.text.includes('AssertionError: expected 90 to equal 81'));
    const marker = lines.findIndex((l) => /^\[… [\d,]+ lines cut from the middle …\]$/.test(l));
    assert.ok(marker > 0);
    const cut = Number(/\[… ([\d,]+) lines/.exec(lines[marker])![1].replace(/,/g, ''));
    assert.equal(cut, result.cutLines);
    assert.equal(lines.length - 1 + cut, result.lines, 'kept + cut = all');
    assert.ok(lines.length - 1 - marker > marker, 'the end keeps more lines than the start');
  });

  it('turns a run of one repeated line into the line and a count', () => {
    const raw = `${'Waiting for the database…\n'.repeat(400)}Connected\n`;
    assert.equal(trimTerminalOutput(raw, { budget: 500, count }).text, 'Waiting for the database…\n[the line above repeated 399 more times]\nConnected');
  });

  it('keeps the start of a huge single line', () => {
    const raw = `{"items":[${'{"id":1,"name":"x"},'.repeat(2000)}]}`;
    const { text } = trimTerminalOutput(raw, { budget: 2000, count });
    assert.match(text, /^\{"items":\[\{"id":1/);
    assert.match(text, / … \[[\d,]+ more characters\]$/);
  });

  it('redacts secrets the output shows', () => {
    const raw = 'OPENAI_API_KEY=sk-proj-abcdefghijklmnop12345\nDB_PASSWORD=hunter2hunter2\nHOME=/home/me\n';
    const { text } = trimTerminalOutput(raw, { budget: 500, count });
    assert.ok(!text.includes('sk-proj-abcdefghijklmnop12345') && !text.includes('hunter2hunter2'), text);
    assert.match(text, /HOME=\/home\/me/);
  });

  it('gives nothing for a zero budget', () => {
    const result = trimTerminalOutput(testRun(10), { budget: 0, count });
    assert.equal(result.text, '');
  });
});

describe('terminal command as context', () => {
  it('says the command, where it ran, its exit code and its output', () => {
    const { text, cutLines } = formatTerminalContext(
      { command: 'ls nosuchfile', exitCode: 2, output: "ls: cannot access 'nosuchfile': No such file or directory\r\n", cwd: '/home/me/shop', shell: '/usr/bin/bash' },
      { budget: 2000, count },
    );
    assert.equal(cutLines, 0);
    assert.equal(text, "Last terminal command, in /home/me/shop (bash), exit code 2:\n```sh\nls nosuchfile\n```\nOutput:\n```text\nls: cannot access 'nosuchfile': No such file or directory\n```");
  });

  it('says what common exit codes mean in POSIX shells, and nothing for PowerShell', () => {
    assert.equal(describeExitCode(0), 'exit code 0 (success)');
    assert.equal(describeExitCode(127, 'zsh'), 'exit code 127 (command not found)');
    assert.equal(describeExitCode(130, 'bash'), 'exit code 130 (interrupted with Ctrl+C)');
    assert.equal(describeExitCode(1, 'bash'), 'exit code 1');
    assert.equal(describeExitCode(127, 'C:\\Program Files\\PowerShell\\7\\pwsh.exe'), 'exit code 127');
    assert.equal(describeExitCode(undefined), 'exit code unknown');
    assert.equal(shellName('C:\\Windows\\System32\\cmd.exe'), 'cmd');
  });

  it('stays within its budget, saying the middle was cut', () => {
    const { text, cutLines } = formatTerminalContext({ command: 'npm test', exitCode: 1, output: testRun(5000) }, { budget: 1200, count });
    assert.ok(count(text) <= 1200, String(count(text)));
    assert.ok(cutLines > 0);
    assert.match(text, /^Last terminal command, exit code 1:\n```sh\nnpm test\n```\nOutput \([\d,]+ lines, the middle cut\):\n```text\n/);
  });

  it('says when there was no output, and redacts the command', () => {
    const { text } = formatTerminalContext({ command: 'curl -H "Authorization: Bearer sk-abcdefghijklmnop123" https://api.test', exitCode: 0, output: '' }, { budget: 500, count });
    assert.ok(!text.includes('sk-abcdefghijklmnop123'));
    assert.match(text, /Output: \(none\)$/);
  });

  it('fences output that holds backticks with a longer fence', () => {
    const { text } = formatTerminalContext({ command: 'cat README.md', exitCode: 0, output: '```js\nx\n```\n' }, { budget: 500, count });
    assert.match(text, /Output:\n````text\n```js\nx\n```\n````$/);
  });
});
