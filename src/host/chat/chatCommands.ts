import * as vscode from 'vscode';
import { exportConversation } from './chatActions';
import type { ChatController } from './chatController';
import type { ChatViews } from './chatViews';
import type { Log } from '../log';
import type { ModelService } from '../providers/modelService';

export function registerChatCommands(controller: ChatController, views: ChatViews, models: ModelService, log: Log): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tandem.openChat', () => views.reveal()),
    vscode.commands.registerCommand('tandem.openChatInEditor', () => views.openInEditor()),
    vscode.commands.registerCommand('tandem.newChat', async () => {
      await views.revealIfHidden();
      await controller.newChat();
    }),
    vscode.commands.registerCommand('tandem.showHistory', async () => {
      await views.revealIfHidden();
      await controller.postHistory();
    }),
    vscode.commands.registerCommand('tandem.exportChat', () => exportConversation(controller.current, (slot) => models.label(slot))),
    vscode.commands.registerCommand('tandem.openSettings', () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:tandem-oss.tandem')),
    vscode.commands.registerCommand('tandem.showLog', () => log.show()),
  ];
}
