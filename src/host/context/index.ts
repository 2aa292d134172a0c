// The context feature: what goes with a question (the service itself is built with the others, since the chat asks
// it for every turn) and "Add to Tandem Chat" from the explorer, the editor title and the palette.
import * as vscode from 'vscode';
import type { TandemServices } from '../services';

export function activateContext(services: TandemServices): vscode.Disposable {
  const { context } = services;
  return vscode.commands.registerCommand('tandem.addToChat', (uri?: unknown, uris?: unknown) => context.addToChat(uri, uris));
}
