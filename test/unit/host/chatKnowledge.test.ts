// The chat controller's project-knowledge hooks: the system prompt comes from the knowledge feature on every
// request, a message it refuses is never sent, an expanded /command is what the model and the transcript get.
import { strict as assert } from 'node:assert';
import type { GatewayRequest, ModelGateway } from '../../../src/host/chat/modelGateway';
import { CHAT_SYSTEM_PROMPT } from '../../../src/core/chat/systemPrompt';
import type { ChatKnowledge } from '../../../src/host/knowledge/chatKnowledge';
import type { Log } from '../../../src/host/log';
import type { Usage } from '../../../src/core/providers/types';
import type { HostMessage } from '../../../src/shared/protocol';
import { chatUnderTest } from '../../support/chatUnderTest';

const silentLog = { trace() {}, info() {}, warn() {}, error() {} } as unknown as Log;

class RecordingGateway implements ModelGateway {
  readonly requests: GatewayRequest[] = [];
  models() {
    return [{ slot: 'gemini' as const, label: 'Gemini', modelId: 'gemini-3.1-flash-lite', supportsThinking: true }];
  }
  label() {
    return 'Gemini';
  }
  async *stream(request: GatewayRequest) {
    this.requests.push(request);
    yield { type: 'text' as const, text: 'ok' };
    yield { type: 'finish' as const, reason: 'stop' as const };
  }
  costUsd(_slot: 'gemini' | 'gpt', _usage: Usage) {
    return 0;
  }
}

function memento() {
  const values = new Map<string, unknown>();
  return { get: <T>(key: string) => values.get(key) as T | undefined, update: async (key: string, value: unknown) => void values.set(key, value) };
}

/** The hooks a test gives; every message is offered to prepareMessage, no folder is packed. */
type Hooks = Omit<ChatKnowledge, 'needsPreparation' | 'withFolderContext'> & Partial<ChatKnowledge>;

function setup(hooks: Hooks) {
  const knowledge: ChatKnowledge = { needsPreparation: () => true, withFolderContext: (_question, context) => context, ...hooks };
  const gateway = new RecordingGateway();
  const settings = () => ({ autoContinueLimit: 0, defaultModel: 'gemini' as const, thinkingLevel: 'low' as const });
  const chat = chatUnderTest(gateway, { settings, contextForTurn: async () => undefined, memento: memento(), knowledge }, silentLog);
  return { ...chat, gateway };
}

async function idle(busy: () => boolean) {
  for (let i = 0; i < 1000 && busy(); i++) await new Promise((r) => setTimeout(r, 1));
}

describe('chat controller: project-knowledge hooks', () => {
  it('asks for the system prompt on each request and sends what it returns', async () => {
    const slots: string[] = [];
    const { controller, gateway, surface } = setup({
      systemPrompt: async (base, slot) => (slots.push(slot), `${base}\n\n# Project instructions\nUse tabs.`),
      prepareMessage: async (text) => text,
      handle: async () => {},
    });
    await controller.handle({ type: 'ready' }, surface);
    await controller.handle({ type: 'send', text: 'Hi', images: [] }, surface);
    await idle(() => controller.busy);
    assert.equal(gateway.requests[0].system, `${CHAT_SYSTEM_PROMPT}\n\n# Project instructions\nUse tabs.`);
    assert.deepEqual(slots, ['gemini']);
  });

  it('sends the prepared text (an expanded /command), and nothing at all when the feature refuses', async () => {
    const { controller, gateway, surface, posted } = setup({
      systemPrompt: async (base) => base,
      prepareMessage: async (text) => (text.startsWith('/review') ? 'Review the selection for bugs.' : text === '/broken' ? undefined : text),
      handle: async () => {},
    });
    await controller.handle({ type: 'ready' }, surface);
    await controller.handle({ type: 'send', text: '/broken', images: [] }, surface);
    await idle(() => controller.busy);
    assert.equal(gateway.requests.length, 0, 'a refused message is never sent');
    assert.equal(posted.filter((m) => m.type === 'messageAdded').length, 0);

    await controller.handle({ type: 'send', text: '/review', images: [] }, surface);
    await idle(() => controller.busy);
    assert.equal(gateway.requests.length, 1);
    assert.deepEqual(gateway.requests[0].messages[0].parts[0], { kind: 'text', text: 'Review the selection for bugs.' });
    const added = posted.find((m): m is Extract<HostMessage, { type: 'messageAdded' }> => m.type === 'messageAdded');
    assert.equal(added?.message.text, 'Review the selection for bugs.');
  });

  it('routes the rules chip messages to the feature and replays its last messages to a view that loads later', async () => {
    const handled: string[] = [];
    const { controller, surface, posted } = setup({ systemPrompt: async (b) => b, prepareMessage: async (t) => t, handle: async (m) => void handled.push(m.type) });
    controller.postKnowledge({ type: 'rules', chip: { state: 'on', title: 'Rules: AGENTS.md', tokens: 40, files: [], notes: [] } });
    controller.postKnowledge({ type: 'slashCommands', commands: [{ name: 'review', description: 'Review', source: 'promptFile' }] });
    controller.postKnowledge({ type: 'notice', level: 'error', text: 'only once' });
    assert.deepEqual(posted.map((m) => m.type), ['rules', 'slashCommands', 'notice'], 'each is shown at once');
    posted.length = 0;
    await controller.handle({ type: 'ready' }, surface);
    const types = posted.map((m) => m.type);
    assert.deepEqual(types.filter((t) => t === 'rules' || t === 'slashCommands'), ['rules', 'slashCommands']);
    assert.ok(!types.includes('notice'), 'notices are not replayed');
    await controller.handle({ type: 'setRulesEnabled', enabled: false }, surface);
    await controller.handle({ type: 'openInstructionFile', path: 'AGENTS.md' }, surface);
    assert.deepEqual(handled, ['setRulesEnabled', 'openInstructionFile']);
  });
});
