import * as vscode from 'vscode';
import { setO200kLoader } from './core/context/tokens';
import { ConversationStore } from './core/chat/store';
import { redactSecrets } from './core/providers/redact';
import { exportConversation, insertAtCursor, openModelLink, saveAsNewFile } from './host/chat/chatActions';
import { ChatController } from './host/chat/chatController';
import { chatFileSystem } from './host/chat/chatFileSystem';
import { ChatViews } from './host/chat/chatViews';
import { registerChatCommands } from './host/chat/chatCommands';
import { ContextService } from './host/context/contextService';
import { CODE_ACTION_SELECTOR, TandemCodeActionProvider } from './host/edits/codeActions';
import { applyAnswer } from './host/edits/applyAnswer';
import { EditorCommands } from './host/edits/editorCommands';
import { SuggestionController } from './host/edits/inlineDiff/suggestionController';
import { registerKeyCommands } from './host/providers/keyCommands';
import { Log } from './host/log';
import { ModelService } from './host/providers/modelService';
import { createProvider } from './host/providers/providerFactory';
import { KeyStore } from './host/providers/keyStore';
import { readSettings } from './host/settings';
import { MODEL_SHORT_LABEL } from './host/providers/endpoints';
import { TandemStatusBar } from './host/providers/statusBar';
import { loadBundledO200k } from './host/context/tokenizerLoader';

/** Builds the services and registers every feature. Nothing here waits on I/O: activation stays instant. */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  setO200kLoader(() => loadBundledO200k(vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath));
  const keys = new KeyStore(context.secrets);
  const log = new Log((text) => redactSecrets(text, keys.knownSecrets()));
  const models = new ModelService(keys, log, readSettings, createProvider);
  const statusBar = new TandemStatusBar((slot) => ({ shortName: MODEL_SHORT_LABEL[slot], label: models.label(slot), route: `${models.endpointLabel(slot).replace(`${models.label(slot)} `, '')} · \`${models.modelId(slot)}\`` }));
  const suggestions = new SuggestionController(log);

  const controller = new ChatController(new ConversationStore(chatFileSystem(context)), models, {
    settings: () => {
      const s = readSettings();
      return { autoContinueLimit: s.chat.autoContinueLimit, defaultModel: s.defaultModel, thinkingLevel: s.gemini.thinkingLevel };
    },
    contextForTurn: (question, slot, signal): Promise<string | undefined> => contextService.contextForTurn(question, slot, signal),
    codeAction: async (action, code, language): Promise<void> => {
      if (action === 'insert') return insertAtCursor(code);
      if (action === 'save') return saveAsNewFile(code, language);
      return editorCommands.applyCodeBlock(code, language);
    },
    applyAnswer: (answer) => applyAnswer(answer, suggestions),
    openLink: openModelLink,
    copy: (text) => Promise.resolve(vscode.env.clipboard.writeText(text)),
    runCommand: async (command) => {
      await vscode.commands.executeCommand(command);
    },
    exportChat: (conversation) => exportConversation(conversation, (slot) => models.label(slot)),
    onChatsChanged: () => statusBar.update(controller.model),
    memento: context.workspaceState,
  }, log);
  const contextService = new ContextService(controller, readSettings, context.workspaceState, log);
  const views = new ChatViews(context.extensionUri, controller, log);
  const editorCommands = new EditorCommands(models, controller, views, suggestions, log);
  models.onDidSpend((amount) => {
    statusBar.addCost(amount);
    statusBar.update(controller.model);
  });

  context.subscriptions.push(
    keys,
    log,
    statusBar,
    controller,
    contextService,
    views,
    ...registerKeyCommands(keys, models, log),
    ...registerChatCommands(controller, views, models, log),
    suggestions,
    ...editorCommands.register(),
    vscode.languages.registerCodeActionsProvider(CODE_ACTION_SELECTOR, new TandemCodeActionProvider(), { providedCodeActionKinds: TandemCodeActionProvider.kinds }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('tandem')) return;
      controller.refreshModels();
      statusBar.update(controller.model);
    }),
  );
  statusBar.update(controller.model);
  log.info(`Tandem ${String(context.extension.packageJSON.version)} activated in ${(performance.now() - started).toFixed(1)} ms.`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
