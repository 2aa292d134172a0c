// A terminal command as context for the model (`@terminal`, Fix Last Command): the command, its exit code and its
// output as the screen showed it, redacted, and cut from the middle when long. The middle goes because the start
// says what ran (the first error a compiler reports) and the end says how it ended (a test summary, the fatal
// error); two thirds of the room go to the end. Runs of one repeated line become one line and a count.
import { fenceFor } from '../context/render';
import { redactContextText } from '../context/redact';
import type { Counter } from '../context/items';
import { renderTerminalOutput } from './screen';

export interface TerminalExecution {
  /** The command line as shell integration reports it. */
  readonly command: string;
  /** Undefined when the shell did not report one. */
  readonly exitCode?: number;
  /** The raw output (execution.read()), escapes and all. */
  readonly output: string;
  readonly cwd?: string;
  /** The shell's name as VS Code reports it or the terminal's executable: bash, zsh, fish, pwsh, cmd… */
  readonly shell?: string;
}

export interface TrimmedOutput {
  readonly text: string;
  /** Lines of the cleaned output. */
  readonly lines: number;
  /** Lines cut from the middle (0 when the output fit). */
  readonly cutLines: number;
}

/** Tokens a command's context takes by default: a log's first errors and its summary fit; more costs without helping. */
export const TERMINAL_CONTEXT_TOKENS = 4000;

/** Longer lines (a minified bundle, a JSON blob) keep their start: nobody reads the rest of such a line either. */
const MAX_LINE_CHARS = 2000;
const MIN_REPEATS = 3;
const TAIL_SHARE = 2 / 3;

function capLine(line: string): string {
  return line.length <= MAX_LINE_CHARS ? line : `${line.slice(0, MAX_LINE_CHARS)} … [${(line.length - MAX_LINE_CHARS).toLocaleString('en-US')} more characters]`;
}

function collapseRepeats(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i + 1;
    while (j < lines.length && lines[j] === lines[i]) j++;
    const run = j - i;
    if (run >= MIN_REPEATS && lines[i].trim() !== '') out.push(lines[i], `[the line above repeated ${(run - 1).toLocaleString('en-US')} more times]`);
    else out.push(...lines.slice(i, j));
    i = j;
  }
  return out;
}

function cutMarker(cut: number): string {
  return `[… ${cut.toLocaleString('en-US')} ${cut === 1 ? 'line' : 'lines'} cut from the middle …]`;
}

/** The cleaned output within `budget` tokens, cut from the middle with a marker saying how many lines went. */
export function trimTerminalOutput(raw: string, options: { readonly budget: number; readonly count: Counter }): TrimmedOutput {
  const { count } = options;
  const budget = Math.max(0, Math.floor(options.budget));
  const cleaned = redactContextText(renderTerminalOutput(raw), 'shellscript');
  const lines = collapseRepeats(cleaned === '' ? [] : cleaned.split('\n').map(capLine));
  const lineCost = (line: string): number => count(`${line}\n`);
  let total = 0;
  for (const line of lines) {
    total += lineCost(line);
    if (total > budget) break;
  }
  if (total <= budget) return { text: lines.join('\n'), lines: lines.length, cutLines: 0 };

  const room = budget - lineCost(cutMarker(lines.length));
  let tailStart = lines.length;
  let used = 0;
  while (tailStart > 0 && used + lineCost(lines[tailStart - 1]) <= room * TAIL_SHARE) used += lineCost(lines[--tailStart]);
  let headEnd = 0;
  while (headEnd < tailStart && used + lineCost(lines[headEnd]) <= room) used += lineCost(lines[headEnd++]);
  // What the head could not use (one long line) goes back to the tail.
  while (tailStart > headEnd && used + lineCost(lines[tailStart - 1]) <= room) used += lineCost(lines[--tailStart]);
  const cut = tailStart - headEnd;
  const kept = cut > 0 ? [...lines.slice(0, headEnd), cutMarker(cut), ...lines.slice(tailStart)] : lines;
  return { text: room < 0 ? '' : kept.join('\n'), lines: lines.length, cutLines: room < 0 ? lines.length : cut };
}

/** What an exit code usually means in a POSIX shell; PowerShell and cmd use their own codes. */
function exitMeaning(code: number, shell: string | undefined): string | undefined {
  if (code === 0) return 'success';
  if (shell !== undefined && /^(?:pwsh|powershell|cmd)/i.test(shellName(shell))) return undefined;
  const meanings: Record<number, string> = {
    126: 'found but not executable',
    127: 'command not found',
    130: 'interrupted with Ctrl+C',
    137: 'killed (SIGKILL, often out of memory)',
    139: 'segmentation fault',
    143: 'terminated (SIGTERM)',
  };
  return meanings[code];
}

/** `/usr/bin/zsh` → zsh, `C:\…\pwsh.exe` → pwsh. */
export function shellName(shell: string): string {
  return (shell.split(/[\\/]/).pop() ?? shell).replace(/\.exe$/i, '').toLowerCase();
}

export function describeExitCode(exitCode: number | undefined, shell?: string): string {
  if (exitCode === undefined) return 'exit code unknown';
  const meaning = exitMeaning(exitCode, shell);
  return meaning ? `exit code ${exitCode} (${meaning})` : `exit code ${exitCode}`;
}

export interface TerminalContext {
  readonly text: string;
  readonly cutLines: number;
}

/** The command, where and how it ran, its exit code and its output, for the model. */
export function formatTerminalContext(execution: TerminalExecution, options: { readonly budget: number; readonly count: Counter }): TerminalContext {
  const command = redactContextText(execution.command.trim(), 'shellscript');
  const where = [execution.cwd ? `in ${execution.cwd}` : '', execution.shell ? `(${shellName(execution.shell)})` : ''].filter((p) => p !== '').join(' ');
  const commandFence = fenceFor(command);
  const head = `Last terminal command${where ? `, ${where}` : ''}, ${describeExitCode(execution.exitCode, execution.shell)}:\n${commandFence}sh\n${command}\n${commandFence}\nOutput`;
  const frame = (out: string, cut: number, total: number): string => {
    if (out === '') return total > 0 ? `${head}: (${total.toLocaleString('en-US')} lines, none fit in the context)` : `${head}: (none)`;
    const fence = fenceFor(out);
    const size = cut > 0 ? ` (${total.toLocaleString('en-US')} lines, the middle cut)` : '';
    return `${head}${size}:\n${fence}text\n${out}\n${fence}`;
  };
  const overhead = options.count(frame('x', 1, 999_999)) + 4;
  const output = trimTerminalOutput(execution.output, { budget: options.budget - overhead, count: options.count });
  return { text: frame(output.text, output.cutLines, output.lines), cutLines: output.cutLines };
}
