import * as vscode from 'vscode';
import type { ModelSlot } from '../../core/providers/types';
import type { Log } from '../log';
import type { ConnectionTest, ModelService } from './modelService';
import { CREDENTIALS, type CredentialId } from '../../core/providers/endpointKinds';
import { showErrorWithActions } from './errorButtons';
import type { KeyStore } from './keyStore';

/** Set once a Test Connection succeeded: the walkthrough's key step completes on it (`onContext:`), not on a run. */
export const CONNECTED_CONTEXT = 'tandem.connectionTested';

/** Set API Key, Clear API Key and Test Connection. */
export function registerKeyCommands(keys: KeyStore, models: ModelService, log: Log): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tandem.setApiKey', (id?: CredentialId) => setApiKey(keys, models, log, id)),
    vscode.commands.registerCommand('tandem.clearApiKey', () => clearApiKey(keys, models, log)),
    vscode.commands.registerCommand('tandem.testConnection', () => testConnection(models)),
  ];
}

interface CredentialItem extends vscode.QuickPickItem {
  readonly id: CredentialId;
}

function credentialItems(models: ModelService): CredentialItem[] {
  const inUse = new Set(models.credentialsInUse());
  return [...CREDENTIALS]
    .sort((a, b) => Number(inUse.has(b.id)) - Number(inUse.has(a.id)))
    .map((c) => ({ label: c.label, description: inUse.has(c.id) ? 'used by your settings' : undefined, detail: c.detail, id: c.id }));
}

const SET_KEY_TITLE = 'Tandem: Set API Key';

/** Step 1 of 2: which key. Resolves undefined when dismissed. */
function pickKey(models: ModelService, selected?: CredentialId): Promise<CredentialId | undefined> {
  const pick = vscode.window.createQuickPick<CredentialItem>();
  pick.title = SET_KEY_TITLE;
  pick.step = 1;
  pick.totalSteps = 2;
  pick.placeholder = 'Which key do you want to set?';
  pick.ignoreFocusOut = true;
  pick.items = credentialItems(models);
  const current = pick.items.find((i) => i.id === selected);
  if (current) pick.activeItems = [current];
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]?.id);
      pick.dispose();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

/** Step 2 of 2: the key itself, in a password box. Resolves 'back' for the Back button, undefined when dismissed. */
function askSecret(label: string): Promise<string | 'back' | undefined> {
  const input = vscode.window.createInputBox();
  input.title = `${SET_KEY_TITLE}: ${label}`;
  input.step = 2;
  input.totalSteps = 2;
  input.buttons = [vscode.QuickInputButtons.Back];
  input.prompt = `Paste your ${label}. It is kept in VS Code's secret storage, never in settings or logs.`;
  input.password = true;
  input.ignoreFocusOut = true;
  const problem = (value: string): string | undefined => {
    const trimmed = value.trim();
    if (!trimmed) return 'The key is empty.';
    if (/\s/.test(trimmed) || [...trimmed].some((ch) => ch.charCodeAt(0) < 0x20)) return 'A key has no spaces or line breaks.';
    if (trimmed.length > 4096) return 'That is too long to be a key.';
    return undefined;
  };
  return new Promise((resolve) => {
    input.onDidChangeValue((value) => (input.validationMessage = value ? problem(value) : undefined));
    input.onDidTriggerButton(() => {
      resolve('back');
      input.dispose();
    });
    input.onDidAccept(() => {
      const message = problem(input.value);
      input.validationMessage = message;
      if (message) return;
      resolve(input.value.trim());
      input.dispose();
    });
    input.onDidHide(() => {
      resolve(undefined);
      input.dispose();
    });
    input.show();
  });
}

/** One flow: pick the key (skipped when a button named it), then paste it; Back returns to the pick. */
async function setApiKey(keys: KeyStore, models: ModelService, log: Log, preset?: CredentialId): Promise<void> {
  let id = preset && CREDENTIALS.some((c) => c.id === preset) ? preset : undefined;
  for (;;) {
    id ??= await pickKey(models);
    if (!id) return;
    const label = CREDENTIALS.find((c) => c.id === id)!.label;
    const secret = await askSecret(label);
    if (secret === undefined) return;
    if (secret === 'back') {
      id = await pickKey(models, id);
      if (!id) return;
      continue;
    }
    const origins = models.originsFor(id);
    await keys.set(id, secret, origins);
    log.info(`${label} saved (for ${origins.join(', ') || 'no endpoint yet'}).`);
    const choice = await vscode.window.showInformationMessage(`${label} saved.`, 'Test Connection');
    if (choice === 'Test Connection') await testConnection(models);
    return;
  }
}

async function clearApiKey(keys: KeyStore, models: ModelService, log: Log): Promise<void> {
  const picked = await vscode.window.showQuickPick(credentialItems(models), { title: 'Tandem: Clear API Key', placeHolder: 'Which key do you want to remove?', ignoreFocusOut: true });
  if (!picked) return;
  await keys.delete(picked.id);
  log.info(`${picked.label} removed.`);
  void vscode.window.showInformationMessage(`${picked.label} removed from this machine.`);
}

/** Tests every configured model at once; the progress ends before the one message with every result shows. */
async function testConnection(models: ModelService): Promise<void> {
  const slots = await models.configuredSlots();
  if (slots.length === 0) {
    const choice = await vscode.window.showWarningMessage('No API key is set yet.', 'Set API Key');
    if (choice) await vscode.commands.executeCommand('tandem.setApiKey');
    return;
  }
  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Tandem: testing the connection…', cancellable: true },
    async (_progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      try {
        return await Promise.all(slots.map(async (slot) => ({ slot, result: await models.testConnection(slot, abort.signal) })));
      } finally {
        cancel.dispose();
      }
    },
  );
  await reportTests(models, results);
}

async function reportTests(models: ModelService, results: { slot: ModelSlot; result: ConnectionTest }[]): Promise<void> {
  const shown = results.filter(({ result }) => result.ok || result.error.kind !== 'cancelled');
  if (shown.length === 0) return;
  if (shown.some(({ result }) => result.ok)) void vscode.commands.executeCommand('setContext', CONNECTED_CONTEXT, true);
  const lines = shown.map(({ slot, result }) => `${models.endpointLabel(slot)}${result.ok ? ` connected in ${result.ms} ms.` : `: ${result.error.message}`}`);
  const failed = shown.flatMap(({ slot, result }) => (result.ok ? [] : [{ slot, action: result.error.action }]));
  const message = `Tandem: ${lines.join(' ')}`;
  if (failed.length === 0) {
    void vscode.window.showInformationMessage(message);
    return;
  }
  const setKey = failed.find((f) => f.action === 'setKey');
  const actions = (['setKey', 'openSettings'] as const).filter((action) => failed.some((f) => f.action === action));
  await showErrorWithActions(message, actions, setKey ? { setKey: [models.credentialFor(setKey.slot)] } : {});
}
