// The providers feature: keys (Set, Clear, Test Connection) and what the status bar says about the model and spend.
import * as vscode from 'vscode';
import type { TandemServices } from '../services';
import { registerKeyCommands } from './keyCommands';

export function activateProviders(services: TandemServices): vscode.Disposable {
  const { keys, models, log, statusBar, chat } = services;
  return vscode.Disposable.from(
    ...registerKeyCommands(keys, models, log),
    models.onDidSpend((amount) => {
      statusBar.addCost(amount);
      statusBar.update(chat.model);
    }),
  );
}
