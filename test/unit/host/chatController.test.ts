import { strict as assert } from 'node:assert';
import type { ChatController } from '../../../src/host/chat/chatController';
import type { GatewayRequest, ModelGateway } from '../../../src/host/chat/modelGateway';
import type { Log } from '../../../src/host/log';
import { chatUnderTest } from '../../support/chatUnderTest';
import { MemoryFs } from '../../support/memoryFs';
import { ConversationStore } from '../../../src/core/chat/store';
import type { Chunk, Usage } from '../../../src/core/providers/types';
import type { HostMessage } from '../../../src/shared/protocol';

type Script = (request: GatewayRequest, signal: AbortSignal) => AsyncIterable<Chunk>;

const usage = (promptTokens: number, outputTokens: number): Usage => ({ promptTokens, outputTokens, thoughtTokens: 0, cachedTokens: 0 });

class FakeGateway implements ModelGateway {
  readonly requests: GatewayRequest[] = [];
  constructor(private readonly scripts: Script[]) {}
  models() {
    return [
      { slot: 'gemini' as const, label: 'Gemini 3.1 Flash-Lite', modelId: 'gemini-3.1-flash-lite', supportsThinking: true },
      { slot: 'gpt' as const, label: 'GPT-5.3 Chat', modelId: 'gpt-5.3-chat-latest', supportsThinking: false },
    ];
  }
  label(slot: 'gemini' | 'gpt') {
    return slot === 'gpt' ? 'GPT-5.3 Chat' : 'Gemini 3.1 Flash-Lite';
  }
  stream(request: GatewayRequest, signal: AbortSignal) {
    this.requests.push(request);
    const script = this.scripts.shift();
    if (!script) throw new Error('no scripted answer left');
    return script(request, signal);
  }
  costUsd(_slot: 'gemini' | 'gpt', u: Usage) {
    return (u.promptTokens * 0.25 + u.outputTokens * 1.5) / 1e6;
  }
}

function answer(...chunks: Chunk[]): Script {
  return async function* () {
    yield* chunks;
  };
}

/** Streams text until aborted, then reports cancellation like a real provider. */
function endless(): Script {
  return async function* (_request, signal) {
    yield { type: 'text', text: 'partial ' };
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    yield { type: 'error', error: { kind: 'cancelled', message: 'Stopped.', action: 'none' } };
  };
}

class MemoryMemento {
  private readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown) {
    this.values.set(key, value);
  }
}

const silentLog = { trace() {}, info() {}, warn() {}, error() {} } as unknown as Log;

type ContextForTurn = (question: string, slot: 'gemini' | 'gpt', signal: AbortSignal) => Promise<string | undefined>;

function setup(scripts: Script[], fs = new MemoryFs(), memento = new MemoryMemento(), contextForTurn: ContextForTurn = async (question) => `CONTEXT for ${question}`, applied: string[] = []) {
  const gateway = new FakeGateway(scripts);
  const settings = () => ({ autoContinueLimit: 2, defaultModel: 'gemini' as const, thinkingLevel: 'low' as const });
  const { controller, posted, surface } = chatUnderTest(gateway, { settings, contextForTurn, memento, applyAnswer: async (text) => void applied.push(text) }, silentLog, fs);
  return { controller, gateway, posted, surface, fs, memento };
}

async function waitIdle(controller: ChatController) {
  for (let i = 0; i < 1000 && controller.busy; i++) await new Promise((r) => setTimeout(r, 1));
  assert.equal(controller.busy, false, 'answer did not finish');
}

function done(posted: HostMessage[]) {
  return posted.filter((m): m is Extract<HostMessage, { type: 'messageDone' }> => m.type === 'messageDone');
}

describe('chat controller', () => {
  it('streams an answer, sends context with the question, and records usage and cost', async () => {
    const { controller, gateway, posted, surface, fs } = setup([
      answer({ type: 'thought', text: 'hmm' }, { type: 'text', text: 'Hello ' }, { type: 'text', text: '**world**' }, { type: 'usage', usage: usage(1000, 2000) }, { type: 'finish', reason: 'stop' }),
    ]);
    await controller.handle({ type: 'ready' }, surface);
    assert.equal(posted[0].type, 'init');
    await controller.handle({ type: 'send', text: 'Say hi', images: [] }, surface);
    await waitIdle(controller);
    const final = done(posted)[0];
    assert.equal(final.message.text, 'Hello **world**');
    assert.equal(final.message.thoughts, 'hmm');
    assert.equal(final.message.finish, 'stop');
    assert.equal(final.message.usage?.costUsd, (1000 * 0.25 + 2000 * 1.5) / 1e6);
    assert.equal(final.totalCostUsd, final.message.usage?.costUsd);
    const sent = gateway.requests[0].messages;
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0].parts[0], { kind: 'text', text: 'CONTEXT for Say hi\n\nSay hi' });
    const text = posted.filter((m) => m.type === 'delta' && m.kind === 'text').map((m) => (m as { text: string }).text).join('');
    assert.equal(text, 'Hello **world**', 'deltas add up to the answer');
    assert.equal(fs.files.size, 1, 'chat persisted');
  });

  it('continues an answer cut at the output limit and joins it without a seam', async () => {
    const { controller, gateway, surface, posted } = setup([
      answer({ type: 'text', text: '```ts\nconst numbers = [1, 2, 3];\nconst doubled = numbers.map' }, { type: 'usage', usage: usage(10, 20) }, { type: 'finish', reason: 'length' }),
      answer({ type: 'text', text: '```ts\nconst doubled = numbers.map((n) => n * 2);\n```\n' }, { type: 'usage', usage: usage(30, 5) }, { type: 'finish', reason: 'stop' }),
    ]);
    await controller.handle({ type: 'ready' }, surface);
    await controller.handle({ type: 'send', text: 'double', images: [] }, surface);
    await waitIdle(controller);
    const final = done(posted)[0].message;
    assert.equal(final.text, '```ts\nconst numbers = [1, 2, 3];\nconst doubled = numbers.map((n) => n * 2);\n```\n');
    assert.equal(final.continuations, 1);
    assert.equal(final.finish, 'stop');
    assert.deepEqual(final.usage && [final.usage.promptTokens, final.usage.outputTokens], [40, 25]);
    const second = gateway.requests[1].messages;
    assert.equal(second[second.length - 2].role, 'assistant');
    assert.match((second[second.length - 1].parts[0] as { text: string }).text, /cut off at the output limit/);
  });

  it('stops after the continuation limit and reports the cut', async () => {
    let part = 0;
    const cut = () => answer({ type: 'text', text: `part ${++part} `.repeat(30) }, { type: 'finish', reason: 'length' });
    const { controller, surface, posted, gateway } = setup([cut(), cut(), cut()]);
    await controller.handle({ type: 'ready' }, surface);
    await controller.handle({ type: 'send', text: 'long', images: [] }, surface);
    await waitIdle(controller);
    assert.equal(gateway.requests.length, 3, 'one answer plus two continuations');
    assert.equal(done(posted)[0].message.finish, 'length');
  });

  it('Stop cancels the stream and keeps the partial answer', async () => {
    const { controller, surface, posted } = setup([endless()]);
    await controller.handle({ type: 'ready' }, surface);
    await controller.handle({ type: 'send', text: 'go', images: [] }, surface);
    assert.equal(controller.busy, true);
    await controller.handle({ type: 'stop' }, surface);
    assert.equal(controller.busy, false);
    const final = done(posted)[0].message;
    assert.equal(final.text, 'partial ');
    assert.equal(final.finish, 'stopped', 'a Stop is a way to end an answer');
    assert.equal(final.error, undefined, 'the user\'s own Stop is not an error');
  });

  it('keeps partial text next to a mid-stream error and retries on request', async () => {
    const { controller, surface, posted, gateway } = setup([
      answer({ type: 'text', text: 'Half an ans' }, { type: 'error', error: { kind: 'network', message: 'The connection dropped.', action: 'retry' } }),
      answer({ type: 'text', text: 'Full answer.' }, { type: 'finish', reason: 'stop' }),
    ]);
    await controller.handle({ type: 'ready' }, surface);
    await controller.handle({ type: 'send', text: 'q', images: [] }, surface);
    await waitIdle(controller);
    const failed = done(posted)[0].message;
    assert.equal(failed.text, 'Half an ans');
    assert.deepEqual(failed.error, { kind: 'network', message: 'The connection dropped.', action: 'retry' });
    await controller.handle({ type: 'retry' }, surface);
    await waitIdle(controller);
    assert.equal(done(posted)[1].message.text, 'Full answer.');
    assert.equal(controller.current.messages.length, 2, 'the failed answer was replaced');
    assert.equal(gateway.requests[1].messages.length, 1, 'the retry resends the question only');
  });

  it('regenerates an answer and edits-and-resends a question', async () => {
    const { controller, surface, gateway } = setup([
      answer({ type: 'text', text: 'A1' }, { type: 'finish', reason: 'stop' }),
      answer({ type: 'text', text: 'A2' }, { type: 'finish', reason: 'stop' }),
      answer({ type: 'text', text: 'A3' }, { type: 'finish', reason: 'stop' }),
    ]);
    await controller.handle({ type: 'ready' }, surface);
    await controller.handle({ type: 'send', text: 'first', images: [] }, surface);
    await waitIdle(controller);
    const answerId = controller.current.messages[1].id;
    await controller.handle({ type: 'regenerate', messageId: answerId }, surface);
    await waitIdle(controller);
    assert.deepEqual(controller.current.messages.map((m) => m.text), ['first', 'A2']);
    const questionId = controller.current.messages[0].id;
    await controller.handle({ type: 'editResend', messageId: questionId, text: 'edited' }, surface);
    await waitIdle(controller);
    assert.deepEqual(controller.current.messages.map((m) => m.text), ['edited', 'A3']);
    assert.deepEqual(gateway.requests[2].messages[0].parts[0], { kind: 'text', text: 'CONTEXT for first\n\nedited' }, 'the edited question keeps its context');
  });

  it('refuses a second send while answering, without losing it silently', async () => {
    const { controller, surface, posted } = setup([endless()]);
    await controller.handle({ type: 'ready' }, surface);
    await controller.handle({ type: 'send', text: 'one', images: [] }, surface);
    await controller.handle({ type: 'send', text: 'two', images: [] }, surface);
    assert.ok(posted.some((m) => m.type === 'notice' && m.level === 'warning'));
    assert.equal(controller.current.messages.filter((m) => m.role === 'user').length, 1);
    await controller.stop();
  });

  it('does not send a failed question again with the next one: the request has exactly the new question', async () => {
    const noKey: Chunk = { type: 'error', error: { kind: 'auth', message: 'No Gemini API key is set.', action: 'setKey' } };
    const { controller, surface, gateway } = setup([answer(noKey), answer({ type: 'finish', reason: 'stop' }), answer({ type: 'text', text: 'Fine.' }, { type: 'finish', reason: 'stop' })]);
    await controller.handle({ type: 'ready' }, surface);
    for (const text of ['first question', 'second question', 'third question']) {
      await controller.handle({ type: 'send', text, images: [] }, surface);
      await waitIdle(controller);
    }
    assert.deepEqual(gateway.requests[1].messages, [{ role: 'user', parts: [{ kind: 'text', text: 'CONTEXT for second question\n\nsecond question' }], providerState: undefined }]);
    assert.deepEqual(gateway.requests[2].messages, [{ role: 'user', parts: [{ kind: 'text', text: 'CONTEXT for third question\n\nthird question' }], providerState: undefined }]);
    assert.equal(controller.current.messages.length, 6, 'the chat still shows every question and its outcome');
  });

  it('lets only one of two quick sends start (the turn exists before the first await)', async () => {
    const { controller, surface, posted, gateway } = setup([endless(), endless()]);
    await controller.handle({ type: 'ready' }, surface);
    const first = controller.handle({ type: 'send', text: 'from the composer', images: [] }, surface);
    const second = controller.send('Explain this code', [], 'CODE');
    assert.equal(controller.busy, true, 'busy at once, before context is gathered');
    await Promise.all([first, second]);
    assert.ok(posted.some((m) => m.type === 'notice' && m.level === 'warning'), 'the second one is told to wait');
    assert.deepEqual(controller.current.messages.filter((m) => m.role === 'user').map((m) => m.text), ['from the composer']);
    await controller.stop();
    assert.equal(gateway.requests.length, 1);
  });

  it('Stop while context is being gathered stops the turn: the signal reaches context gathering, nothing is sent', async () => {
    let seen: AbortSignal | undefined;
    const slowContext: ContextForTurn = (_question, _slot, signal) => {
      seen = signal;
      return new Promise((resolve) => signal.addEventListener('abort', () => resolve(undefined), { once: true }));
    };
    const { controller, surface, posted, gateway } = setup([answer({ type: 'text', text: 'never' })], new MemoryFs(), new MemoryMemento(), slowContext);
    await controller.handle({ type: 'ready' }, surface);
    const sending = controller.handle({ type: 'send', text: 'q', images: [] }, surface);
    await new Promise((r) => setTimeout(r, 5));
    assert.ok(seen && !seen.aborted, 'context gathering got the turn\'s signal');
    await controller.handle({ type: 'stop' }, surface);
    await sending;
    assert.equal(seen?.aborted, true);
    assert.equal(controller.busy, false);
    assert.equal(gateway.requests.length, 0, 'no request after a Stop during context gathering');
    const final = done(posted)[0]?.message;
    assert.equal(final?.finish, 'stopped');
    assert.equal(final?.error, undefined);
  });

  it('New Chat shows the empty chat before the workspace-state write: a question sent meanwhile keeps its live answer', async () => {
    let release!: () => void;
    const writeDone = new Promise<void>((resolve) => (release = resolve));
    // The workspace state's write is a round trip through the window; here it waits until released.
    class SlowMemento extends MemoryMemento {
      override async update(key: string, value: unknown) {
        await writeDone;
        await super.update(key, value);
      }
    }
    const { controller, posted, surface } = setup([answer({ type: 'text', text: 'Fresh answer.' }, { type: 'finish', reason: 'stop' })], new MemoryFs(), new SlowMemento());
    await controller.handle({ type: 'ready' }, surface);
    const opened = controller.newChat();
    // Until the chat is shown, with a ceiling far above the few turns it takes; the write is still held back.
    for (let i = 0; i < 1000 && !posted.some((m) => m.type === 'chat'); i++) await new Promise((r) => setImmediate(r));
    const shown = posted.filter((m) => m.type === 'chat');
    assert.equal(shown.length, 1, 'the new chat is on screen while its write is still pending');
    assert.deepEqual(shown[0].type === 'chat' && shown[0].chat.messages, []);
    await controller.handle({ type: 'send', text: 'A question during the write', images: [] }, surface);
    release();
    await opened;
    await waitIdle(controller);
    const askedAt = posted.findIndex((m) => m.type === 'messageAdded' && m.message.role === 'user');
    assert.ok(askedAt > 0, 'the question was added');
    assert.equal(posted.slice(askedAt).some((m) => m.type === 'chat'), false, 'no full chat message after the question replaced its live answer');
    assert.equal(done(posted).at(-1)?.message.text, 'Fresh answer.');
  });

  /** Chat files whose writes wait until released: a save through a slow disk or a busy window. */
  class HeldFs extends MemoryFs {
    release!: () => void;
    held = 0;
    private readonly released = new Promise<void>((resolve) => (this.release = resolve));
    override async write(name: string, content: string) {
      this.held++;
      await this.released;
      await super.write(name, content);
    }
  }
  const until = async (what: string, condition: () => boolean) => {
    // A ceiling far above the few turns each step takes.
    for (let i = 0; i < 2000 && !condition(); i++) await new Promise((r) => setImmediate(r));
    assert.ok(condition(), what);
  };

  it('a question sent as soon as the answer is shown is answered, while the answer is still being saved', async () => {
    const fs = new HeldFs();
    const { controller, gateway, posted, surface } = setup([answer({ type: 'text', text: 'First.' }, { type: 'finish', reason: 'stop' }), answer({ type: 'text', text: 'Second.' }, { type: 'finish', reason: 'stop' })], fs);
    await controller.handle({ type: 'ready' }, surface);
    await controller.handle({ type: 'send', text: 'one', images: [] }, surface);
    await until('the answer is shown', () => done(posted).length === 1);
    await until('the chat is no longer busy while its save waits', () => !controller.busy);
    await controller.handle({ type: 'send', text: 'two', images: [] }, surface);
    fs.release();
    await waitIdle(controller);
    assert.equal(gateway.requests.length, 2, 'the second question was sent');
    assert.equal(posted.some((m) => m.type === 'notice'), false, 'no "still answering" notice');
    await controller.saved();
    assert.ok([...fs.files.values()].some((file) => file.includes('Second.')), 'both answers are saved');
  });

  it('a closing window waits for the saving of an answer that is shown and no longer busy', async () => {
    const fs = new HeldFs();
    const { controller, posted, surface } = setup([answer({ type: 'text', text: 'Saved at last.' }, { type: 'finish', reason: 'stop' })], fs);
    await controller.handle({ type: 'ready' }, surface);
    await controller.handle({ type: 'send', text: 'save me', images: [] }, surface);
    await until('the answer is shown and the chat idle', () => done(posted).length === 1 && !controller.busy);
    let settled = false;
    const saved = controller.saved().then(() => (settled = true));
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    assert.equal(settled, false, 'not before the write lands');
    fs.release();
    await saved;
    assert.ok([...fs.files.values()].some((file) => file.includes('Saved at last.')), 'the answer is on disk once it settles');
  });

  it('New Chat while the answer is being saved: the answer is saved in its own chat, and the new chat is the one to reopen', async () => {
    const fs = new HeldFs();
    const memento = new MemoryMemento();
    // The answer comes once the question's own save is under way, as with a real model.
    const afterQuestionSaved: Script = async function* () {
      await until('the question is being saved', () => fs.held > 0);
      yield* [{ type: 'text', text: 'Kept answer.' }, { type: 'finish', reason: 'stop' }] satisfies Chunk[];
    };
    const { controller, posted, surface } = setup([afterQuestionSaved], fs, memento);
    await controller.handle({ type: 'ready' }, surface);
    await controller.handle({ type: 'send', text: 'keep this', images: [] }, surface);
    await until('the answer is shown', () => done(posted).length === 1);
    const firstId = controller.current.id;
    const opened = controller.newChat();
    fs.release();
    await opened;
    const newId = controller.current.id;
    assert.notEqual(newId, firstId);
    const store = new ConversationStore(fs);
    await controller.saved();
    assert.ok([...fs.files.values()].some((file) => file.includes('Kept answer.')), 'the answer is saved');
    assert.deepEqual((await store.get(firstId))?.messages.map((m) => m.text), ['keep this', 'Kept answer.']);
    assert.equal(memento.get('tandem.lastChatId'), newId);
  });

  it('restores the last chat after a reload', async () => {
    const fs = new MemoryFs();
    const memento = new MemoryMemento();
    const first = setup([answer({ type: 'text', text: 'kept' }, { type: 'finish', reason: 'stop' })], fs, memento);
    await first.controller.handle({ type: 'ready' }, first.surface);
    await first.controller.handle({ type: 'send', text: 'remember me', images: [] }, first.surface);
    await waitIdle(first.controller);

    const second = setup([], fs, memento);
    await second.controller.handle({ type: 'ready' }, second.surface);
    const init = second.posted[0];
    assert.equal(init.type, 'init');
    assert.deepEqual(init.type === 'init' && init.chat.messages.map((m) => m.text), ['remember me', 'kept']);
  });

  it('offers "Apply edits to N files" on a finished answer that names files, and applies it by id only', async () => {
    const text = 'Two:\n\n```ts src/a.ts\n<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n```\n\n```ts src/b.ts\n<<<<<<< SEARCH\nc\n=======\nd\n>>>>>>> REPLACE\n```\n';
    const applied: string[] = [];
    const { controller, posted, surface } = setup([answer({ type: 'text', text }, { type: 'finish', reason: 'stop' }), answer({ type: 'text', text: 'No files here.' }, { type: 'finish', reason: 'stop' })], undefined, undefined, undefined, applied);
    await controller.handle({ type: 'ready' }, surface);
    await controller.handle({ type: 'send', text: 'edit a and b', images: [] }, surface);
    await waitIdle(controller);
    const [final] = done(posted);
    assert.equal(final.message.editFiles, 2);
    await controller.handle({ type: 'applyAnswerEdits', messageId: 'not-a-message' }, surface);
    assert.deepEqual(applied, [], 'an unknown id applies nothing');
    await controller.handle({ type: 'applyAnswerEdits', messageId: final.message.id }, surface);
    assert.deepEqual(applied, [text]);
    await controller.handle({ type: 'send', text: 'plain', images: [] }, surface);
    await waitIdle(controller);
    assert.equal(done(posted)[1].message.editFiles, undefined, 'no offer without named files');
  });

  it('Run in Terminal goes to the terminal feature; without one the chat says it is not available', async () => {
    const { controller, posted, surface } = setup([]);
    await controller.handle({ type: 'runInTerminal', code: 'npm test', language: 'bash' }, surface);
    assert.deepEqual(posted.at(-1), { type: 'notice', level: 'warning', text: 'Run in Terminal is not available in this window.' });
    const pasted: [string, string][] = [];
    controller.setTerminalTarget({ paste: async (code, language) => void pasted.push([code, language]) });
    await controller.handle({ type: 'runInTerminal', code: 'npm test', language: 'bash' }, surface);
    assert.deepEqual(pasted, [['npm test', 'bash']]);
  });
});
