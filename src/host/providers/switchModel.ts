// Tandem: Switch Model — the two models with their ids and endpoints, and a way into each endpoint's model list.
import * as vscode from 'vscode';
import type { ModelSlot } from '../../core/providers/types';
import type { Log } from '../log';
import { readSettings } from '../settings';
import type { ModelChoice } from './modelChoice';
import { pickModelId } from './modelPicker';
import type { ModelService } from './modelService';

interface ModelItem extends vscode.QuickPickItem {
  readonly slot: ModelSlot;
  /** Opens the endpoint's model list for this slot instead of switching to it. */
  readonly choose?: boolean;
}

/** The current model carries a check and "current", and has the focus: `picked` means nothing in a single pick. */
export async function switchModel(choice: ModelChoice, models: ModelService, log: Log): Promise<void> {
  const pick = vscode.window.createQuickPick<ModelItem>();
  pick.title = 'Tandem: Switch Model';
  pick.placeholder = 'The model for this chat and the next questions';
  const slots: ModelItem[] = models.modelOptions().map((m) => {
    const current = m.slot === choice.slot;
    return { label: current ? `$(check) ${m.label}` : m.label, description: current ? `${m.modelId} · current` : m.modelId, detail: models.endpointLabel(m.slot), slot: m.slot };
  });
  const choosers: ModelItem[] = models.modelOptions().map((m) => ({ label: `$(list-unordered) Choose the ${m.label} model…`, description: 'from the models its endpoint lists', slot: m.slot, choose: true }));
  pick.items = [...slots, { label: 'Model ids', kind: vscode.QuickPickItemKind.Separator, slot: choice.slot }, ...choosers];
  pick.activeItems = slots.filter((i) => i.slot === choice.slot);
  const picked = await new Promise<ModelItem | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (picked?.choose) await pickModelId(picked.slot, models, readSettings, log);
  else if (picked && picked.slot !== choice.slot) await choice.setSlot(picked.slot);
}
