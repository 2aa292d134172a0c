// The services every feature is given by activate(): built once, each owned (and disposed) by the extension.
// A feature reads what it needs from here instead of reaching into another feature's objects.
import type * as vscode from 'vscode';
import type { ChatController } from './chat/chatController';
import type { ChatViews } from './chat/chatViews';
import type { ContextService } from './context/contextService';
import type { SuggestionController } from './edits/inlineDiff/suggestionController';
import type { KnowledgeService } from './knowledge/knowledgeService';
import type { Log } from './log';
import type { KeyStore } from './providers/keyStore';
import type { ModelChoice } from './providers/modelChoice';
import type { ModelService } from './providers/modelService';
import type { TandemStatusBar } from './providers/statusBar';
import type { TandemSettings } from './settings';

export interface TandemServices {
  readonly log: Log;
  readonly keys: KeyStore;
  readonly models: ModelService;
  /** The model new questions go to, and Gemini's thinking level. */
  readonly choice: ModelChoice;
  /** The user's settings as they are now (read again after each change; machine-scoped ones never from a workspace). */
  readonly settings: () => TandemSettings;
  readonly statusBar: TandemStatusBar;
  readonly suggestions: SuggestionController;
  readonly chat: ChatController;
  readonly chatViews: ChatViews;
  readonly context: ContextService;
  /** This machine's state across workspaces (a day's completion spend survives a reload). */
  readonly globalState: vscode.Memento;
  /** Instruction files, prompt files, @folder: what the chat and the edit commands send besides their own prompts. */
  readonly knowledge: KnowledgeService;
}
