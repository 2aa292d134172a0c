import { strict as assert } from 'node:assert';
import { renderTerminalOutput } from '../../../src/core/terminal/screen';

const ESC = '\x1b';

describe('terminal output as the screen showed it', () => {
  it('drops colours and other SGR attributes', () => {
    const ls = `${ESC}[0m${ESC}[01;34msrc${ESC}[0m  ${ESC}[01;32mrun.sh${ESC}[0m\n${ESC}[1;31merror${ESC}[39;49m: failed`;
    assert.equal(renderTerminalOutput(ls), 'src  run.sh\nerror: failed');
  });

  it("drops OSC sequences: shell integration marks, window titles, and hyperlinks' targets (keeping their text)", () => {
    const raw = `${ESC}]633;C\x07${ESC}]0;npm test${ESC}\\see ${ESC}]8;;https://example.test/docs\x07the docs${ESC}]8;;\x07\n${ESC}]633;D;1\x07`;
    assert.equal(renderTerminalOutput(raw), 'see the docs');
  });

  it('keeps only the last frame of a progress line redrawn with \\r', () => {
    const pip = 'Downloading x.whl\n   ━━━━━━━━━━━━━━━━━━ 10% 1.2 MB\r   ━━━━━━━━━━━━━━━━━━ 55% 6.1 MB\r   ━━━━━━━━━━━━━━━━━━ 100% 11 MB\nInstalled';
    assert.equal(renderTerminalOutput(pip), 'Downloading x.whl\n   ━━━━━━━━━━━━━━━━━━ 100% 11 MB\nInstalled');
    const spinner = `⠙ reify: timing${ESC}[K\r⠹ reify: timing${ESC}[K\r${ESC}[K\nadded 12 packages in 2s\n`;
    assert.equal(renderTerminalOutput(spinner), '\nadded 12 packages in 2s');
  });

  it('overwrites what a shorter frame does not erase, as a terminal does', () => {
    assert.equal(renderTerminalOutput('Progress 100%\rDone'), 'Doneress 100%');
    assert.equal(renderTerminalOutput(`Progress 100%\r${ESC}[2KDone`), 'Done');
  });

  it('redraws several lines moved over with cursor-up and erase-line (docker pull, cargo, npm)', () => {
    const docker = [
      'a1b2: Pulling fs layer\n',
      'c3d4: Pulling fs layer\n',
      `${ESC}[2A${ESC}[2K\ra1b2: Downloading 40%\n`,
      `${ESC}[2K\rc3d4: Downloading 10%\n`,
      `${ESC}[2A${ESC}[2K\ra1b2: Pull complete\n`,
      `${ESC}[2K\rc3d4: Pull complete\n`,
      'Status: Downloaded newer image\n',
    ].join('');
    assert.equal(renderTerminalOutput(docker), 'a1b2: Pull complete\nc3d4: Pull complete\nStatus: Downloaded newer image');
  });

  it('applies backspaces, column moves and saved cursor positions', () => {
    assert.equal(renderTerminalOutput('abc\b\bX'), 'aXc');
    assert.equal(renderTerminalOutput(`name${ESC}[10Gvalue`), 'name     value');
    assert.equal(renderTerminalOutput(`Loading${ESC}7...${ESC}8 done`), 'Loading done');
    assert.equal(renderTerminalOutput(`12345${ESC}[3Dx`), '12x45');
  });

  it('leaves nothing of a full-screen program on the alternate screen', () => {
    const less = `before\n${ESC}[?1049h${ESC}[HPAGE ONE\nPAGE TWO${ESC}[?1049lafter`;
    assert.equal(renderTerminalOutput(less), 'before\nafter');
  });

  it('starts over after a clear screen', () => {
    assert.equal(renderTerminalOutput(`old output\nmore\n${ESC}[2J${ESC}[Hnew output`), 'new output');
    assert.equal(renderTerminalOutput(`old\n${ESC}cnew`), 'new');
  });

  it('drops bells and other control characters, keeps tabs, reads CRLF as one line end', () => {
    assert.equal(renderTerminalOutput('a\x07b\x00c\td\r\ne\r\n'), 'abc\td\ne');
  });

  it('trims trailing spaces and trailing blank lines', () => {
    assert.equal(renderTerminalOutput('done   \n\n\n'), 'done');
    assert.equal(renderTerminalOutput(''), '');
  });

  it('caps cursor moves, so a hostile sequence cannot build a huge line', () => {
    const out = renderTerminalOutput(`a${ESC}[999999Cb`);
    assert.ok(out.length < 5000, String(out.length));
    assert.ok(out.startsWith('a') && out.endsWith('b'));
    assert.equal(renderTerminalOutput(`one\ntwo${ESC}[999999A${ESC}[999999B!`), 'one\ntwo!');
  });

  it('survives sequences cut off at the end of the output', () => {
    assert.equal(renderTerminalOutput(`ok${ESC}[`), 'ok');
    assert.equal(renderTerminalOutput(`ok${ESC}]633;D`), 'ok');
    assert.equal(renderTerminalOutput(`ok${ESC}`), 'ok');
  });
});
