// Shell code blocks in an answer, for its Run in Terminal button: the text that is pasted into the terminal. It
// never ends with a newline, so pasting runs nothing: the user reads it and presses Enter. A session transcript
// (```console, or any shell block whose lines start with a `$ ` prompt) gives only its commands, without the
// prompts and without the output lines between them.

import { SHELL_LANGUAGES } from '../vocabulary';

export { SHELL_LANGUAGES };

/** Languages that are transcripts of a session: prompts mark the commands, other lines are output. */
const SESSION_LANGUAGES: ReadonlySet<string> = new Set(['console', 'shellsession', 'sh-session', 'shell-session', 'terminal']);

export interface ShellBlock {
  /** The fence's language, lowercased. */
  readonly language: string;
  /** The block's text as written (indentation of a block nested in a list removed). */
  readonly code: string;
  /** What Run in Terminal pastes: commands only, no trailing newline. */
  readonly paste: string;
  /** One entry per command, continuation lines joined, comments and blank lines left out. */
  readonly commands: readonly string[];
  /** The block's closing fence has arrived (an answer still streaming may end inside a block). */
  readonly complete: boolean;
  /** 0-based lines of the opening and closing fences in the answer. */
  readonly startLine: number;
  readonly endLine: number;
}

/** `$ `, `% `, `❯ `, `➜ `, `user@host:~/app$ `, `PS C:\src> `, `PS> `. */
const PROMPT = /^(?:[\w.-]+@[\w.-]+(?::[^\s$#]*)?[$#] |[$%❯➜] |PS(?: [^>\n]*)?> )/;
const CONTINUED = /(?:\\|`|\|\||&&|\|)\s*$/;

export function isShellLanguage(info: string): boolean {
  return SHELL_LANGUAGES.has(languageOf(info));
}

function languageOf(info: string): string {
  return (info.trim().split(/[\s{]/)[0] ?? '').toLowerCase();
}

/** Commands of a session transcript: prompt lines and the lines that continue them (`\` at the end, `> ` PS2). */
function sessionCommands(lines: readonly string[]): string[][] {
  const commands: string[][] = [];
  let open: string[] | undefined;
  for (const line of lines) {
    const prompt = PROMPT.exec(line);
    if (prompt) {
      open = [line.slice(prompt[0].length)];
      commands.push(open);
    } else if (open && CONTINUED.test(open[open.length - 1])) {
      open.push(line.replace(/^> ?/, ''));
    } else open = undefined;
  }
  return commands;
}

/** Commands of a script: each line, with continuation lines joined to the line they continue. */
function scriptCommands(lines: readonly string[]): string[][] {
  const commands: string[][] = [];
  let open: string[] | undefined;
  for (const line of lines) {
    if (open && CONTINUED.test(open[open.length - 1])) open.push(line);
    else {
      open = [line];
      commands.push(open);
    }
  }
  return commands;
}

function isComment(command: string): boolean {
  return /^\s*(?:#|::|rem\s|REM\s)/.test(command) || command.trim() === '';
}

/** What Run in Terminal pastes for a block of `code` in `language`, or undefined when there is nothing to run. */
export function terminalPasteText(language: string, code: string): { paste: string; commands: string[] } | undefined {
  const lang = languageOf(language);
  if (!SHELL_LANGUAGES.has(lang)) return undefined;
  const lines = code.replace(/\r\n?/g, '\n').split('\n');
  // In a bash or PowerShell block, a `$ ` or `PS …> ` prompt shows the block is a transcript too.
  const session = SESSION_LANGUAGES.has(lang) || lines.some((l) => PROMPT.test(l) && /^(?:\$ |PS)/.test(l));
  const grouped = session ? sessionCommands(lines) : scriptCommands(lines);
  const pasted = grouped.map((c) => c.join('\n')).filter((c) => (session ? c.trim() !== '' : true));
  const paste = pasted.join('\n').replace(/^\s*\n/, '').replace(/\s+$/, '');
  const commands = grouped.map((c) => c.map((l) => l.trim()).join(' ').replace(/\s*\\\s+/g, ' ').trim()).filter((c) => !isComment(c));
  return paste === '' || commands.length === 0 ? undefined : { paste, commands };
}

const OPENING = /^( {0,12})(`{3,}|~{3,})(.*)$/;

/** Every shell block of a markdown answer that has something to paste, in order. */
export function findShellBlocks(markdown: string): ShellBlock[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: ShellBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPENING.exec(lines[i]);
    if (!open || (open[2][0] === '`' && open[3].includes('`'))) continue;
    const [, indent, fence, info] = open;
    const closing = new RegExp(String.raw`^ {0,${indent.length + 3}}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\s*$`);
    let end = i + 1;
    while (end < lines.length && !closing.test(lines[end])) end++;
    const complete = end < lines.length;
    const body = lines.slice(i + 1, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()));
    const code = body.join('\n');
    const language = languageOf(info);
    const text = terminalPasteText(language, code);
    if (text) blocks.push({ language, code, paste: text.paste, commands: text.commands, complete, startLine: i, endLine: complete ? end : lines.length - 1 });
    i = end;
  }
  return blocks;
}
