import * as vscode from 'vscode';
import type { ModelSlot } from '../core/providers/types';
import { exportConversation } from './chat/chatActions';
import type { ChatController } from './chat/chatController';
import type { ChatViews } from './chat/chatViews';
import type { Log } from './log';
import { pickModelId } from './modelPicker';
import type { ModelService } from './models';
import { readSettings } from './settings';

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
      const slots = models.modelOptions().map((m) => ({
        label: m.label,
        description: m.modelId,
        detail: models.endpointLabel(m.slot),
        picked: m.slot === controller.model,
        slot: m.slot as ModelSlot,
        choose: false,
      }));
      const choosers = models.modelOptions().map((m) => ({
        label: `$(list-unordered) Choose the ${m.label} model…`,
        description: 'from the models its endpoint lists',
        slot: m.slot as ModelSlot,
        choose: true,
      }));
      const separator = { label: 'Model ids', kind: vscode.QuickPickItemKind.Separator, slot: 'gemini' as ModelSlot, choose: false };
      const picked = await vscode.window.showQuickPick([...slots, separator, ...choosers], { placeHolder: `Current: ${models.label(controller.model)}` });
      if (!picked) return;
      if (picked.choose) await pickModelId(picked.slot, models, readSettings, log);
      else await controller.setModel(picked.slot);
    }),
  ];
}
