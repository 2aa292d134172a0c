import * as vscode from 'vscode';
import { ConversationStore } from './core/chat/store';
import { setO200kLoader } from './core/context/tokens';
import { redactSecrets } from './core/providers/redact';
import { activateChat } from './host/chat';
import { activateCompletions } from './host/completions';
import { activateCommits } from './host/commits';
import { exportConversation, insertAtCursor, openModelLink, saveAsNewFile } from './host/chat/chatActions';
import { ChatController } from './host/chat/chatController';
import { chatFileSystem } from './host/chat/chatFileSystem';
import { ChatViews } from './host/chat/chatViews';
import { activateContext } from './host/context';
import { ContextService } from './host/context/contextService';
import { loadBundledO200k } from './host/context/tokenizerLoader';
import { activateEdits } from './host/edits';
import { activateKnowledge } from './host/knowledge';
import { KnowledgeService } from './host/knowledge/knowledgeService';
import { WorkspaceExclusion } from './host/context/workspaceExclusion';
import { applyAnswer } from './host/edits/applyAnswer';
import { applyCodeBlock } from './host/edits/applyCodeBlock';
import { SuggestionController } from './host/edits/inlineDiff/suggestionController';
import { Log } from './host/log';
import { activateProviders } from './host/providers';
import { activateTerminal } from './host/terminal';
import { KeyStore } from './host/providers/keyStore';
import { ModelChoice } from './host/providers/modelChoice';
import { ModelService } from './host/providers/modelService';
import { createProvider } from './host/providers/providerFactory';
import { TandemStatusBar } from './host/providers/statusBar';
import type { TandemServices } from './host/services';
import { readSettings, watchSettingChanges } from './host/settings';

/** Builds the services, then registers each feature. Nothing here waits on I/O: activation stays instant. */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  context.subscriptions.push(watchSettingChanges());
  const services = createServices(context);
  pendingSaves = () => services.chat.saved();
  context.subscriptions.push(
    activateProviders(services),
    activateChat(services),
    activateContext(services),
    activateEdits(services),
    activateCompletions(services),
    activateKnowledge(services),
    activateCommits(services),
    activateTerminal(services),
  );
  services.statusBar.update(services.choice.slot);
  services.log.info(`Tandem ${String(context.extension.packageJSON.version)} activated in ${(performance.now() - started).toFixed(1)} ms.`);
}

/** What a closing window waits for: an answer shown is saved a moment later (chatController.ts). */
let pendingSaves: (() => Promise<void>) | undefined;

export function deactivate(): Promise<void> | undefined {
  // Everything else is disposed through context.subscriptions, after this.
  return pendingSaves?.();
}

/** Every service, each registered for disposal in the order it was made (disposed in reverse). */
function createServices(context: vscode.ExtensionContext): TandemServices {
  const own = <T extends vscode.Disposable>(item: T): T => {
    context.subscriptions.push(item);
    return item;
  };
  setO200kLoader(() => loadBundledO200k(vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath));
  const keys = own(new KeyStore(context.secrets));
  const log = own(new Log((text) => redactSecrets(text, keys.knownSecrets())));
  const models = own(new ModelService(keys, log, readSettings, createProvider));
  const statusBar = own(new TandemStatusBar((slot) => models.statusModel(slot)));
  const suggestions = own(new SuggestionController(log));
  const choice = own(new ModelChoice(context.workspaceState, () => {
    const s = readSettings();
    return { defaultModel: s.defaultModel, thinkingLevel: s.gemini.thinkingLevel };
  }));
  const exclusion = own(new WorkspaceExclusion(readSettings, log));
  const contextService = own(new ContextService(exclusion, choice, readSettings, context.workspaceState, log));
  const knowledge = own(new KnowledgeService(exclusion, readSettings, context.workspaceState, log));

  const chat: ChatController = own(new ChatController(new ConversationStore(chatFileSystem(context)), models, choice, contextService, {
    settings: () => ({ autoContinueLimit: readSettings().chat.autoContinueLimit }),
    codeAction: async (action, code, language): Promise<void> => {
      if (action === 'insert') return insertAtCursor(code);
      if (action === 'save') return saveAsNewFile(code, language);
      const answers = chat.current.messages.filter((m) => m.role === 'assistant').map((m) => m.text);
      return applyCodeBlock(code, language, answers, suggestions);
    },
    applyAnswer: (answer) => applyAnswer(answer, suggestions),
    openLink: openModelLink,
    copy: (text) => Promise.resolve(vscode.env.clipboard.writeText(text)),
    runCommand: async (command) => {
      await vscode.commands.executeCommand(command);
    },
    exportChat: (conversation) => exportConversation(conversation, (slot) => models.label(slot)),
    onChatsChanged: () => statusBar.update(choice.slot),
    memento: context.workspaceState,
    knowledge,
  }, log));
  const chatViews = own(new ChatViews(context.extensionUri, chat, log));
  return { log, keys, models, choice, settings: readSettings, statusBar, suggestions, chat, chatViews, context: contextService, globalState: context.globalState, knowledge };
}
