// The terminal feature: the last commands of each terminal (shell integration), `@terminal` in the composer,
// Explain/Fix Last Command and Explain with Tandem in the terminal's context menu, Run in Terminal for shell blocks.
import * as vscode from 'vscode';
import type { TandemServices } from '../services';
import { TerminalCommands } from './terminalCommands';
import { TerminalHistory } from './terminalHistory';

export function activateTerminal(services: TandemServices): vscode.Disposable {
  const history = new TerminalHistory(services.log);
  const commands = new TerminalCommands(services, history);
  return vscode.Disposable.from(history, ...commands.register());
}
