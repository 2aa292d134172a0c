import { ConversationStore } from '../../src/core/chat/store';
import { ChatController, type ChatContext, type ChatHost } from '../../src/host/chat/chatController';
import { ModelChoice, type ModelDefaults } from '../../src/host/providers/modelChoice';
import type { ModelSlot } from '../../src/core/providers/types';
import type { ChatSurface } from '../../src/host/chat/chatSurface';
import type { ModelGateway } from '../../src/host/chat/modelGateway';
import type { Log } from '../../src/host/log';
import type { HostMessage } from '../../src/shared/protocol';
import { conforming } from './protocolChecks';
import { MemoryFs } from './memoryFs';

export type ContextForTurn = (question: string, slot: ModelSlot, signal: AbortSignal) => Promise<string | undefined>;

/** The chat's side of the context, answering each turn with `forTurn`; there are no chips. */
function contextOf(forTurn: ContextForTurn): ChatContext {
  return {
    forTurn,
    remove: async () => {},
    setIncludeOpenEditors: async () => {},
    pickFile: async () => {},
    follow: () => {},
    onDidChangeChips: () => ({ dispose: () => {} }),
  };
}

/** A chat controller on in-memory storage, attached to a surface that records what it posts (each message checked
 * against the protocol's host message schema: a field the schema lacks fails the test); the host's actions
 * (links, copy, code actions, export) do nothing. */
export function chatUnderTest(
  gateway: ModelGateway,
  { contextForTurn, settings, ...host }: Pick<ChatHost, 'memento'> & Partial<Pick<ChatHost, 'applyAnswer' | 'knowledge'>> & { settings: () => ModelDefaults & { autoContinueLimit: number }; contextForTurn: ContextForTurn },
  log: Log,
  fs = new MemoryFs(),
) {
  const choice = new ModelChoice(host.memento, settings);
  const fullHost: ChatHost = {
    settings,
    codeAction: async () => {},
    applyAnswer: async () => {},
    openLink: async () => {},
    copy: async () => {},
    runCommand: async () => {},
    exportChat: async () => {},
    onChatsChanged: () => {},
    ...host,
  };
  const controller = new ChatController(new ConversationStore(fs), gateway, choice, contextOf(contextForTurn), fullHost, log);
  const posted: HostMessage[] = [];
  const surface = { post: (m: HostMessage) => posted.push(conforming(m)), onDidDispose: () => {} } as unknown as ChatSurface;
  controller.attach(surface);
  return { controller, posted, surface, fs, choice };
}
