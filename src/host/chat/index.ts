// The chat feature: its views (sidebar and editor panels) and its palette commands.
import * as vscode from 'vscode';
import type { TandemServices } from '../services';
import { registerChatCommands } from './chatCommands';

export function activateChat(services: TandemServices): vscode.Disposable {
  const { chat, chatViews, models, log } = services;
  return vscode.Disposable.from(
    ...registerChatCommands(chat, chatViews, models, log),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('tandem') && chat.refreshModels()),
  );
}
