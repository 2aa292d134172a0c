// The providers feature: keys (Set, Clear, Test Connection), the model choice, and what the status bar says about
// the model and spend.
import * as vscode from 'vscode';
import type { TandemServices } from '../services';
import { registerKeyCommands } from './keyCommands';
import { switchModel } from './switchModel';

export function activateProviders(services: TandemServices): vscode.Disposable {
  const { keys, models, log, statusBar, choice } = services;
  return vscode.Disposable.from(
    ...registerKeyCommands(keys, models, log),
    vscode.commands.registerCommand('tandem.switchModel', () => switchModel(choice, models, log)),
    models.onDidSpend((amount) => {
      statusBar.addCost(amount);
      statusBar.update(choice.slot);
    }),
    choice.onDidChange(() => statusBar.update(choice.slot)),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('tandem') && statusBar.update(choice.slot)),
  );
}
