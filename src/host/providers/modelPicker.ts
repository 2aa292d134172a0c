import * as vscode from 'vscode';
import { chooseModel, describeLimits } from '../../core/providers/modelCatalog';
import type { ModelSlot } from '../../core/providers/types';
import type { Log } from '../log';
import type { ModelService } from './modelService';
import type { TandemSettings } from '../settings';

/**
 * "Choose the model…": lists what the slot's endpoint offers and writes the picked id, with its limits and prices
 * where Tandem knows them, to the user's settings (these settings decide where a key goes and what is spent, so
 * never to a workspace). Numbers it cannot verify stay as they are, and the user is told.
 */
export async function pickModelId(slot: ModelSlot, models: ModelService, settings: () => TandemSettings, log: Log): Promise<void> {
  const endpoint = models.endpointLabel(slot);
  const listed = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Tandem: listing the models of ${endpoint}…`, cancellable: true }, (_progress, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    return models.listModels(slot, abort.signal);
  });
  if (!listed.ok) {
    void vscode.window.showErrorMessage(`Tandem could not list the models of ${endpoint}: ${listed.message}`);
    return;
  }
  if (listed.models.length === 0) {
    void vscode.window.showInformationMessage(`${endpoint} lists no models. Set tandem.${slot}.model in Settings to use one by its id.`);
    return;
  }
  const current = settings()[slot];
  const items = [...listed.models]
    .sort((a, b) => Number(b.id === current.model) - Number(a.id === current.model) || a.id.localeCompare(b.id))
    .map((model) => ({ label: model.id, description: model.id === current.model ? 'in use' : model.displayName, detail: describeLimits(model), model }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder: `The model Tandem uses for ${models.label(slot)} (${endpoint})`, matchOnDescription: true, matchOnDetail: true });
  if (!picked) return;

  const choice = chooseModel(picked.model, current);
  const config = vscode.workspace.getConfiguration('tandem');
  const global = vscode.ConfigurationTarget.Global;
  await config.update(`${slot}.model`, choice.model, global);
  await config.update(`${slot}.contextWindow`, choice.contextWindow, global);
  await config.update(`${slot}.maxOutputTokens`, choice.maxOutputTokens, global);
  await config.update(`${slot}.price`, choice.price, global);
  log.info(`${models.label(slot)} now uses ${choice.model} (${choice.contextWindow} context, ${choice.maxOutputTokens} output).`);
  if (choice.unverified) {
    const open = await vscode.window.showWarningMessage(choice.unverified, 'Open Settings');
    if (open) await vscode.commands.executeCommand('workbench.action.openSettings', `tandem.${slot}`);
  } else void vscode.window.showInformationMessage(`Tandem: ${models.label(slot)} now uses ${choice.model}.`);
}
