import * as vscode from 'vscode';
import type { ModelSlot } from '../../core/providers/types';
import { exportConversation } from './chatActions';
import type { ChatController } from './chatController';
import type { ChatViews } from './chatViews';
import type { Log } from '../log';
import { pickModelId } from '../providers/modelPicker';
import type { ModelService } from '../providers/modelService';
import { readSettings } from '../settings';

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
    vscode.commands.registerCommand('tandem.switchModel', () => switchModel(controller, models, log)),
  ];
}

interface ModelItem extends vscode.QuickPickItem {
  readonly slot: ModelSlot;
  /** Opens the endpoint's model list for this slot instead of switching to it. */
  readonly choose?: boolean;
}

/** The current model carries a check and "current", and has the focus: `picked` means nothing in a single pick. */
async function switchModel(controller: ChatController, models: ModelService, log: Log): Promise<void> {
  const pick = vscode.window.createQuickPick<ModelItem>();
  pick.title = 'Tandem: Switch Model';
  pick.placeholder = 'The model for this chat and the next questions';
  const slots: ModelItem[] = models.modelOptions().map((m) => {
    const current = m.slot === controller.model;
    return { label: current ? `$(check) ${m.label}` : m.label, description: current ? `${m.modelId} · current` : m.modelId, detail: models.endpointLabel(m.slot), slot: m.slot };
  });
  const choosers: ModelItem[] = models.modelOptions().map((m) => ({ label: `$(list-unordered) Choose the ${m.label} model…`, description: 'from the models its endpoint lists', slot: m.slot, choose: true }));
  pick.items = [...slots, { label: 'Model ids', kind: vscode.QuickPickItemKind.Separator, slot: controller.model }, ...choosers];
  pick.activeItems = slots.filter((i) => i.slot === controller.model);
  const picked = await new Promise<ModelItem | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (picked?.choose) await pickModelId(picked.slot, models, readSettings, log);
  else if (picked && picked.slot !== controller.model) await controller.setModel(picked.slot);
}
