import { ConversationStore } from '../../src/core/chat/store';
import { ChatController, type ChatHost } from '../../src/host/chat/chatController';
import type { ChatSurface } from '../../src/host/chat/chatSurface';
import type { ModelGateway } from '../../src/host/chat/modelGateway';
import type { Log } from '../../src/host/log';
import type { HostMessage } from '../../src/shared/protocol';
import { MemoryFs } from './memoryFs';

/** A chat controller on in-memory storage, attached to a surface that records what it posts; the host's
 * actions (links, copy, code actions, export) do nothing. */
export function chatUnderTest(gateway: ModelGateway, host: Pick<ChatHost, 'settings' | 'contextForTurn' | 'memento'> & Partial<Pick<ChatHost, 'applyAnswer' | 'knowledge'>>, log: Log, fs = new MemoryFs()) {
  const fullHost: ChatHost = {
    codeAction: async () => {},
    applyAnswer: async () => {},
    openLink: async () => {},
    copy: async () => {},
    runCommand: async () => {},
    exportChat: async () => {},
    onChatsChanged: () => {},
    ...host,
  };
  const controller = new ChatController(new ConversationStore(fs), gateway, fullHost, log);
  const posted: HostMessage[] = [];
  const surface = { post: (m: HostMessage) => posted.push(m), onDidDispose: () => {} } as unknown as ChatSurface;
  controller.attach(surface);
  return { controller, posted, surface, fs };
}
