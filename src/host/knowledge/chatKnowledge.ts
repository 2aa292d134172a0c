// What the chat controller asks of the project-knowledge feature: a few hooks, so the controller keeps no knowledge
// logic (the turn lifecycle is being restructured elsewhere; these are the only seams it has to keep).
import type { StoredMessage } from '../../core/chat/types';
import type { ModelSlot } from '../../core/providers/types';
import type { HostMessage, KnowledgeHostMessage, KnowledgeWebviewMessage } from '../../shared/protocol';

export interface ChatKnowledge {
  /** The system prompt for this chat's next request: `base` plus the instruction files that apply. */
  systemPrompt(base: string, slot: ModelSlot): Promise<string>;
  /**
   * A typed message as it is to be sent: a `/command` expanded, `@folder` packed (asking before a costly send).
   * Undefined: nothing is sent (the feature showed why, or ran a built-in command instead).
   */
  prepareMessage(text: string): Promise<string | undefined>;
  /** Whether `prepareMessage` has anything to do with this text (a `/command`, an `@folder`): checked at once, so
   * a plain question claims its turn before anything is awaited. */
  needsPreparation(text: string): boolean;
  /** The turn's context with the folder `prepareMessage` packed for this question, if any. */
  withFolderContext(question: string, editorContext: string | undefined): string | undefined;
  handle(message: KnowledgeWebviewMessage): Promise<void>;
}

/** What the knowledge feature reads of the chat and how it reaches the chat's views: the chat's side of the seam. */
export interface KnowledgeChat {
  readonly current: { readonly id: string; readonly messages: readonly StoredMessage[] };
  readonly model: ModelSlot;
  postKnowledge(message: KnowledgeHostMessage | Extract<HostMessage, { type: 'notice' | 'prefill' }>): void;
}
