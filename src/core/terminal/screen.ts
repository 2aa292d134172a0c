// What a command's raw output looked like on screen. Shell integration hands over the bytes the program wrote:
// colours, hyperlinks and the shell's own OSC 633 marks, and progress bars that redraw one line with \r or several
// with cursor-up and erase-line. Emulating the few moves they use gives the final text once, where stripping the
// escapes alone would leave every frame of every progress bar. Full-screen programs (the alternate screen of
// less, vim, top) leave nothing behind, as on screen.

/** Columns a cursor move may reach: a hostile `ESC[99999C` must not build a huge line. */
const MAX_COLUMN = 4096;

const TOKEN = new RegExp(
  [
    String.raw`\x1b\[([0-?]*)[ -/]*([@-~])`, // CSI: parameters, intermediates, final byte
    String.raw`\x1b\][\s\S]*?(?:\x07|\x1b\\|$)`, // OSC (titles, hyperlinks, shell integration) up to BEL or ST
    String.raw`\x1b[PX^_][\s\S]*?(?:\x1b\\|$)`, // DCS, SOS, PM, APC strings
    String.raw`\x1b[()*+\-./][\s\S]?`, // character set designation
    String.raw`\x1b([\s\S])?`, // any other escape: one character
    String.raw`([\r\n\b])`,
    String.raw`[\x00-\x07\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]+`, // other control characters (bell…): dropped
    String.raw`([^\x00-\x08\x0a-\x1f\x7f]+)`, // printable text (tabs included)
  ].join('|'),
  'g',
);

class Screen {
  lines: string[] = [''];
  row = 0;
  col = 0;
  private savedCursor: [number, number] = [0, 0];
  private mainScreen: { lines: string[]; row: number; col: number } | undefined;

  write(text: string): void {
    const line = this.lines[this.row];
    const start = line.length < this.col ? line + ' '.repeat(this.col - line.length) : line;
    this.lines[this.row] = start.slice(0, this.col) + text + start.slice(this.col + text.length);
    this.col += text.length;
  }

  newline(): void {
    this.row++;
    this.col = 0;
    if (this.row >= this.lines.length) this.lines.push('');
  }

  moveTo(row: number, col: number): void {
    this.row = Math.max(0, Math.min(this.lines.length - 1, row));
    this.col = Math.max(0, Math.min(MAX_COLUMN, col));
  }

  eraseInLine(mode: number): void {
    const line = this.lines[this.row];
    if (mode === 0) this.lines[this.row] = line.slice(0, this.col);
    else if (mode === 1) this.lines[this.row] = ' '.repeat(Math.min(this.col + 1, line.length)) + line.slice(this.col + 1);
    else this.lines[this.row] = '';
  }

  eraseInDisplay(mode: number): void {
    if (mode === 0) {
      this.eraseInLine(0);
      this.lines.length = this.row + 1;
    } else if (mode === 1) {
      for (let r = 0; r < this.row; r++) this.lines[r] = '';
      this.eraseInLine(1);
    } else {
      // `clear`: what was on screen before is gone, for the reader as for the user.
      this.lines = [''];
      this.row = 0;
      this.col = 0;
    }
  }

  saveCursor(): void {
    this.savedCursor = [this.row, this.col];
  }

  restoreCursor(): void {
    this.moveTo(...this.savedCursor);
  }

  alternateScreen(on: boolean): void {
    if (on && !this.mainScreen) {
      this.mainScreen = { lines: this.lines, row: this.row, col: this.col };
      this.lines = [''];
      this.row = 0;
      this.col = 0;
    } else if (!on && this.mainScreen) {
      ({ lines: this.lines, row: this.row, col: this.col } = this.mainScreen);
      this.mainScreen = undefined;
    }
  }

  csi(params: string, final: string): void {
    const numbers = params.replace(/^[?>=<]/, '').split(';').map((p) => (p === '' ? undefined : Number(p)));
    const n = Math.max(1, numbers[0] ?? 1);
    switch (final) {
      case 'A':
        return this.moveTo(this.row - n, this.col);
      case 'B':
        return this.moveTo(this.row + n, this.col);
      case 'C':
        return this.moveTo(this.row, this.col + n);
      case 'D':
        return this.moveTo(this.row, this.col - n);
      case 'E':
        return this.moveTo(this.row + n, 0);
      case 'F':
        return this.moveTo(this.row - n, 0);
      case 'G':
        return this.moveTo(this.row, n - 1);
      case 'K':
        return this.eraseInLine(numbers[0] ?? 0);
      case 'J':
        return this.eraseInDisplay(numbers[0] ?? 0);
      case 's':
        return this.saveCursor();
      case 'u':
        return this.restoreCursor();
      case 'h':
      case 'l':
        if (params.startsWith('?') && numbers.some((m) => m === 1049 || m === 1047 || m === 47)) this.alternateScreen(final === 'h');
        return;
      default:
        // Colours (m), absolute positions (H, f: the screen's origin is unknown here), scrolling, modes: no text.
        return;
    }
  }

  escape(char: string | undefined): void {
    if (char === '7') this.saveCursor();
    else if (char === '8') this.restoreCursor();
    else if (char === 'M') this.moveTo(this.row - 1, this.col);
    else if (char === 'D') this.moveTo(this.row + 1, this.col);
    else if (char === 'E') this.newline();
    else if (char === 'c') this.eraseInDisplay(2);
  }
}

/** The output's final text: escapes applied or dropped, trailing spaces and trailing blank lines removed. */
export function renderTerminalOutput(raw: string): string {
  const screen = new Screen();
  for (const match of raw.replace(/\r\n/g, '\n').matchAll(TOKEN)) {
    const [, csiParams, csiFinal, escapeChar, control, text] = match;
    if (csiFinal !== undefined) screen.csi(csiParams ?? '', csiFinal);
    else if (text !== undefined) screen.write(text);
    else if (control === '\n') screen.newline();
    else if (control === '\r') screen.moveTo(screen.row, 0);
    else if (control === '\b') screen.moveTo(screen.row, screen.col - 1);
    else if (escapeChar !== undefined) screen.escape(escapeChar);
  }
  const lines = screen.lines.map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}
