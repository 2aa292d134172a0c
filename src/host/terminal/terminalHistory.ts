// The last commands of each terminal, as shell integration reports them: the command line, where it ran, its exit
// code and its output. Output is read from the moment a command starts (read() only gives what comes after its
// first call) and kept bounded: its first part and its latest part, the middle dropped, since the context
// trims from the middle anyway (core/terminal/output.ts). A closed terminal's history goes with it.
import * as vscode from 'vscode';
import type { TerminalExecution } from '../../core/terminal';
import { DisposableStore } from '../disposables';
import type { Log } from '../log';
import { OutputBuffer } from './outputBuffer';
import { shellIntegrationEvents, shellOf, type TerminalShellExecution } from './shellIntegrationApi';

/** Commands kept per terminal. */
export const COMMANDS_PER_TERMINAL = 10;
/** Characters of raw output kept per command: the start and the end, half each. */
export const OUTPUT_CHARS = 256 * 1024;
/** How long the end of a command waits for its output before it is recorded (later output still joins it). */
const READ_SETTLE_MS = 1000;

export interface RecordedExecution extends TerminalExecution {
  readonly endedAt: number;
}

interface Reading {
  readonly buffer: OutputBuffer;
  readonly done: Promise<void>;
}

export class TerminalHistory implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly byTerminal = new Map<vscode.Terminal, RecordedExecution[]>();
  private readonly reading = new Map<TerminalShellExecution, Reading>();
  private readonly changed = new vscode.EventEmitter<vscode.Terminal>();
  /** A command ended in this terminal and is now its last. */
  readonly onDidRecord = this.changed.event;
  /** False on a VS Code without the shell-execution API (before 1.93). */
  readonly supported: boolean;

  constructor(private readonly log: Log) {
    const events = shellIntegrationEvents();
    this.supported = events !== undefined;
    this.store.add(this.changed);
    if (!events) return;
    this.store.add(events.onDidStartTerminalShellExecution((e) => this.started(e.execution)));
    this.store.add(events.onDidEndTerminalShellExecution((e) => void this.ended(e.terminal, e.execution, e.exitCode)));
    this.store.add(vscode.window.onDidCloseTerminal((terminal) => this.byTerminal.delete(terminal)));
  }

  /** The newest command of `terminal`, if shell integration reported one. */
  last(terminal: vscode.Terminal): RecordedExecution | undefined {
    const list = this.byTerminal.get(terminal);
    return list?.[list.length - 1];
  }

  /** The commands of `terminal`, oldest first. */
  commands(terminal: vscode.Terminal): readonly RecordedExecution[] {
    return this.byTerminal.get(terminal) ?? [];
  }

  private started(execution: TerminalShellExecution): void {
    const buffer = new OutputBuffer(OUTPUT_CHARS);
    const done = (async () => {
      try {
        for await (const data of execution.read()) buffer.push(data);
      } catch (error) {
        this.log.warn(`Could not read a terminal command's output: ${error instanceof Error ? error.message : String(error)}`);
      }
    })();
    this.reading.set(execution, { buffer, done });
  }

  private async ended(terminal: vscode.Terminal, execution: TerminalShellExecution, exitCode: number | undefined): Promise<void> {
    const reading = this.reading.get(execution);
    if (reading) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([reading.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, READ_SETTLE_MS)))]);
      clearTimeout(timer);
      // The stream may still be delivering; its buffer stays with the record (bounded by OUTPUT_CHARS).
      void reading.done.finally(() => this.reading.delete(execution));
    }
    const command = execution.commandLine.value.trim();
    if (command === '') return;
    const buffer = reading?.buffer;
    const record: RecordedExecution = {
      command,
      exitCode,
      // Read when asked, not at the end: output that arrives after the settle wait (a busy window) still counts.
      get output() {
        return buffer?.text() ?? '';
      },
      cwd: execution.cwd?.fsPath,
      shell: shellOf(terminal),
      endedAt: Date.now(),
    };
    // Counts only, never the command or its text.
    this.log.info(`Terminal: a command ended (${exitCode === undefined ? 'no exit code' : `exit code ${exitCode}`}), ${record.output.length} characters of output read so far.`);
    const list = this.byTerminal.get(terminal) ?? [];
    list.push(record);
    if (list.length > COMMANDS_PER_TERMINAL) list.splice(0, list.length - COMMANDS_PER_TERMINAL);
    this.byTerminal.set(terminal, list);
    this.changed.fire(terminal);
  }

  dispose(): void {
    this.reading.clear();
    this.byTerminal.clear();
    this.store.dispose();
  }
}
