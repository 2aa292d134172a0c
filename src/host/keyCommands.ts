import * as vscode from 'vscode';
import type { ModelSlot } from '../core/providers/types';
import type { Log } from './log';
import type { ModelService } from './models';
import { CREDENTIALS, type CredentialId, type KeyStore } from './secrets';

/** Set API Key, Clear API Key and Test Connection. */
export function registerKeyCommands(keys: KeyStore, models: ModelService, log: Log): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tandem.setApiKey', (id?: CredentialId) => setApiKey(keys, models, log, id)),
    vscode.commands.registerCommand('tandem.clearApiKey', () => clearApiKey(keys, models, log)),
    vscode.commands.registerCommand('tandem.testConnection', () => testConnection(models)),
  ];
}

async function pickCredential(models: ModelService, placeHolder: string): Promise<CredentialId | undefined> {
  const inUse = new Set(models.credentialsInUse());
  const items = [...CREDENTIALS]
    .sort((a, b) => Number(inUse.has(b.id)) - Number(inUse.has(a.id)))
    .map((c) => ({ label: c.label, description: inUse.has(c.id) ? 'used by your settings' : undefined, detail: c.detail, id: c.id }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder, ignoreFocusOut: true });
  return picked?.id;
}

async function setApiKey(keys: KeyStore, models: ModelService, log: Log, preset?: CredentialId): Promise<void> {
  const id = preset && CREDENTIALS.some((c) => c.id === preset) ? preset : await pickCredential(models, 'Which key do you want to set?');
  if (!id) return;
  const label = CREDENTIALS.find((c) => c.id === id)!.label;
  const secret = await vscode.window.showInputBox({
    title: `Tandem: ${label}`,
    prompt: `Paste your ${label}. It is kept in VS Code's secret storage, never in settings or logs.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => {
      const trimmed = value.trim();
      if (!trimmed) return 'The key is empty.';
      if (/\s/.test(trimmed) || [...trimmed].some((ch) => ch.charCodeAt(0) < 0x20)) return 'A key has no spaces or line breaks.';
      if (trimmed.length > 4096) return 'That is too long to be a key.';
      return undefined;
    },
  });
  if (secret === undefined) return;
  const origins = models.originsFor(id);
  await keys.set(id, secret.trim(), origins);
  log.info(`${label} saved (for ${origins.join(', ') || 'no endpoint yet'}).`);
  const choice = await vscode.window.showInformationMessage(`${label} saved.`, 'Test Connection');
  if (choice === 'Test Connection') await testConnection(models);
}

async function clearApiKey(keys: KeyStore, models: ModelService, log: Log): Promise<void> {
  const id = await pickCredential(models, 'Which key do you want to remove?');
  if (!id) return;
  await keys.delete(id);
  const label = CREDENTIALS.find((c) => c.id === id)!.label;
  log.info(`${label} removed.`);
  void vscode.window.showInformationMessage(`${label} removed from this machine.`);
}

async function testConnection(models: ModelService): Promise<void> {
  const slots = await models.configuredSlots();
  if (slots.length === 0) {
    const choice = await vscode.window.showWarningMessage('No API key is set yet.', 'Set API Key');
    if (choice) await vscode.commands.executeCommand('tandem.setApiKey');
    return;
  }
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Tandem: testing the connection…', cancellable: true },
    async (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      await Promise.all(slots.map((slot) => reportTest(models, slot, abort.signal)));
    },
  );
}

async function reportTest(models: ModelService, slot: ModelSlot, signal: AbortSignal): Promise<void> {
  const result = await models.testConnection(slot, signal);
  const name = models.endpointLabel(slot);
  if (result.ok) {
    void vscode.window.showInformationMessage(`Tandem: ${name} connected in ${result.ms} ms.`);
    return;
  }
  if (result.error.kind === 'cancelled') return;
  const actions = result.error.action === 'setKey' ? ['Set API Key'] : result.error.action === 'openSettings' ? ['Open Settings'] : [];
  const choice = await vscode.window.showErrorMessage(`Tandem: ${name}: ${result.error.message}`, ...actions);
  if (choice === 'Set API Key') await vscode.commands.executeCommand('tandem.setApiKey', models.credentialFor(slot));
  if (choice === 'Open Settings') await vscode.commands.executeCommand('tandem.openSettings');
}
