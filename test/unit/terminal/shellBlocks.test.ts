import { strict as assert } from 'node:assert';
import { findShellBlocks, isShellLanguage, terminalPasteText } from '../../../src/core/terminal/shellBlocks';

describe('shell blocks for Run in Terminal', () => {
  it('finds the shell blocks of an answer, with the text to paste and never a trailing newline', () => {
    const answer = [
      'The file does not exist. List the folder first:',
      '',
      '```bash',
      'ls -la',
      'ls -la src/',
      '```',
      '',
      'Or in Python:',
      '```python',
      'import os',
      '```',
      '',
      '~~~sh',
      'npm install',
      '',
      '~~~',
    ].join('\n');
    const blocks = findShellBlocks(answer);
    assert.deepEqual(
      blocks.map((b) => [b.language, b.paste, b.commands, b.complete, b.startLine, b.endLine]),
      [
        ['bash', 'ls -la\nls -la src/', ['ls -la', 'ls -la src/'], true, 2, 5],
        ['sh', 'npm install', ['npm install'], true, 12, 15],
      ],
    );
    for (const b of blocks) assert.ok(!/\s$/.test(b.paste));
  });

  it('knows every shell fence language, in any case and with attributes', () => {
    for (const lang of ['bash', 'sh', 'zsh', 'shell', 'console', 'powershell', 'pwsh', 'fish', 'Bash', 'shell {.line-numbers}', 'ps1', 'cmd', 'shellsession']) assert.ok(isShellLanguage(lang), lang);
    for (const lang of ['python', 'js', 'text', '', 'diff', 'json']) assert.ok(!isShellLanguage(lang), lang);
  });

  it('takes only the commands of a console transcript, without prompts or output', () => {
    const code = ['$ npm test', '> shop@1.0.0 test', '> mocha', '', '  1 failing', '$ npm run lint -- --fix', 'done'].join('\n');
    assert.deepEqual(terminalPasteText('console', code), { paste: 'npm test\nnpm run lint -- --fix', commands: ['npm test', 'npm run lint -- --fix'] });
  });

  it('keeps continuation lines with the command they continue', () => {
    const code = '$ docker run \\\n>   -p 8080:80 \\\n>   nginx\nabc123';
    assert.deepEqual(terminalPasteText('console', code), { paste: 'docker run \\\n  -p 8080:80 \\\n  nginx', commands: ['docker run -p 8080:80 nginx'] });
    const script = 'find . -name "*.log" \\\n  -mtime +7 \\\n  -delete\necho done';
    assert.deepEqual(terminalPasteText('bash', script)?.commands, ['find . -name "*.log" -mtime +7 -delete', 'echo done']);
  });

  it('strips user@host, zsh and PowerShell prompts', () => {
    assert.equal(terminalPasteText('console', 'me@box:~/shop$ make build\nok')?.paste, 'make build');
    assert.equal(terminalPasteText('console', '% brew install jq')?.paste, 'brew install jq');
    assert.equal(terminalPasteText('powershell', 'PS C:\\src\\shop> dotnet build\nBuild succeeded.\nPS C:\\src\\shop> dotnet test')?.paste, 'dotnet build\ndotnet test');
  });

  it('reads a bash block with $ prompts as a transcript too', () => {
    assert.deepEqual(terminalPasteText('bash', '$ git status\nOn branch main\n$ git add -A'), { paste: 'git status\ngit add -A', commands: ['git status', 'git add -A'] });
  });

  it('pastes a script as written, comments included, and lists its commands without them', () => {
    const code = '# install the tools\npip install -r requirements.txt\n\npytest -q\n\n\n';
    assert.deepEqual(terminalPasteText('sh', code), { paste: '# install the tools\npip install -r requirements.txt\n\npytest -q', commands: ['pip install -r requirements.txt', 'pytest -q'] });
  });

  it('offers nothing for a block with no command: output only, comments only, empty', () => {
    assert.equal(terminalPasteText('console', 'total 0\ndrwxr-xr-x 2 me me 40 .'), undefined);
    assert.equal(terminalPasteText('bash', '# nothing to run here'), undefined);
    assert.equal(terminalPasteText('bash', '\n\n'), undefined);
    assert.equal(terminalPasteText('python', 'print(1)'), undefined);
    assert.deepEqual(findShellBlocks('```console\nfile.txt\n```'), []);
  });

  it('reads a block nested in a list, removing its indentation', () => {
    const answer = '1. Install the runner:\n   ```sh\n   npm i -D vitest\n     --save-exact\n   ```\n2. Run it.';
    const [block] = findShellBlocks(answer);
    assert.equal(block.code, 'npm i -D vitest\n  --save-exact');
    assert.equal(block.paste, 'npm i -D vitest\n  --save-exact');
  });

  it('marks a block still streaming as incomplete', () => {
    const [block] = findShellBlocks('Run:\n```bash\nnpm ci');
    assert.deepEqual([block.paste, block.complete, block.endLine], ['npm ci', false, 2]);
  });

  it('ignores shell fences inside another fenced block, and reads CRLF answers', () => {
    const answer = '````markdown\nIn the README:\n```bash\nrm -rf /\n```\n````\n\r\n```zsh\r\nsource ~/.zshrc\r\n```\r\n';
    assert.deepEqual(findShellBlocks(answer).map((b) => b.paste), ['source ~/.zshrc']);
  });
});
