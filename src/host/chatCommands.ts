import * as vscode from 'vscode';
import type { ModelSlot } from '../core/providers/types';
import { exportConversation } from './chat/chatActions';
import type { ChatController } from './chat/chatController';
import type { ChatViews } from './chat/chatViews';
import type { Log } from './log';
import type { ModelService } from './models';

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
    vscode.commands.registerCommand('tandem.switchModel', async () => {
      const items = models.modelOptions().map((m) => ({
        label: m.label,
        description: m.modelId,
        detail: models.endpointLabel(m.slot),
        picked: m.slot === controller.model,
        slot: m.slot as ModelSlot,
      }));
      const picked = await vscode.window.showQuickPick(items, { placeHolder: `Current: ${models.label(controller.model)}` });
      if (picked) await controller.setModel(picked.slot);
    }),
  ];
}
