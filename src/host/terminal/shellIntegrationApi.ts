// The terminal shell-integration API (VS Code 1.93+: window.onDidStart/EndTerminalShellExecution,
// Terminal.shellIntegration, TerminalShellExecution.read(); later Terminal.state.shell). The project's
// @types/vscode is 1.90, which predates it, and engines.vscode still admits 1.90, so the few shapes used are declared
// here, as VS Code 1.139's vscode.d.ts has them, and every use goes through shellIntegrationEvents(), which is
// undefined on a VS Code without them. Nothing else in Tandem reads these members.
import * as vscode from 'vscode';

export interface TerminalShellExecution {
  readonly commandLine: { readonly value: string; readonly isTrusted: boolean; readonly confidence: number };
  readonly cwd: vscode.Uri | undefined;
  /** The raw output, escapes included; only what is written after the first call (call it at start). */
  read(): AsyncIterable<string>;
}

export interface TerminalShellExecutionStartEvent {
  readonly terminal: vscode.Terminal;
  readonly execution: TerminalShellExecution;
}

export interface TerminalShellExecutionEndEvent {
  readonly terminal: vscode.Terminal;
  readonly execution: TerminalShellExecution;
  /** Undefined when the shell did not report one (or the command was cancelled before it started). */
  readonly exitCode: number | undefined;
}

export interface ShellIntegrationEvents {
  readonly onDidStartTerminalShellExecution: vscode.Event<TerminalShellExecutionStartEvent>;
  readonly onDidEndTerminalShellExecution: vscode.Event<TerminalShellExecutionEndEvent>;
  readonly onDidChangeTerminalShellIntegration?: vscode.Event<{ readonly terminal: vscode.Terminal }>;
}

/** The window's shell-execution events, or undefined on a VS Code older than 1.93. */
export function shellIntegrationEvents(): ShellIntegrationEvents | undefined {
  const window = vscode.window as unknown as Partial<ShellIntegrationEvents>;
  if (typeof window.onDidStartTerminalShellExecution !== 'function' || typeof window.onDidEndTerminalShellExecution !== 'function') return undefined;
  return window as ShellIntegrationEvents;
}

/** Whether shell integration is active in this terminal now (it activates a moment after the shell starts). */
export function hasShellIntegration(terminal: vscode.Terminal): boolean {
  return (terminal as unknown as { shellIntegration?: unknown }).shellIntegration !== undefined;
}

/** The terminal's shell as VS Code knows it: Terminal.state.shell where VS Code reports it, else the path it was started with. */
export function shellOf(terminal: vscode.Terminal): string | undefined {
  const state = (terminal as unknown as { state?: { shell?: unknown } }).state;
  if (typeof state?.shell === 'string' && state.shell !== '') return state.shell;
  const options = terminal.creationOptions as { shellPath?: unknown };
  if (typeof options.shellPath === 'string' && options.shellPath !== '') return options.shellPath;
  return vscode.env.shell || undefined;
}
