// The services every feature is given by activate(): built once, each owned (and disposed) by the extension.
// A feature reads what it needs from here instead of reaching into another feature's objects.
import type { ChatController } from './chat/chatController';
import type { ChatViews } from './chat/chatViews';
import type { ContextService } from './context/contextService';
import type { SuggestionController } from './edits/inlineDiff/suggestionController';
import type { KnowledgeService } from './knowledge/knowledgeService';
import type { Log } from './log';
import type { KeyStore } from './providers/keyStore';
import type { ModelService } from './providers/modelService';
import type { TandemStatusBar } from './providers/statusBar';
import type { TandemSettings } from './settings';

export interface TandemServices {
  readonly log: Log;
  readonly keys: KeyStore;
  readonly models: ModelService;
  /** The user's settings as they are now (read again on each call; machine-scoped ones never from a workspace). */
  readonly settings: () => TandemSettings;
  readonly statusBar: TandemStatusBar;
  readonly suggestions: SuggestionController;
  readonly chat: ChatController;
  readonly chatViews: ChatViews;
  readonly context: ContextService;
  /** Instruction files, prompt files, @folder: what the chat and the edit commands send besides their own prompts. */
  readonly knowledge: KnowledgeService;
}
