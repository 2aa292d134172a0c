// Stored chats become the webview's views in the host: only what the view shows crosses, field by field, and
// what crosses matches the protocol's host message schema.
import { strict as assert } from 'node:assert';
import { appendMessage, emptyConversation } from '../../../src/core/chat/conversation';
import type { StoredMessage } from '../../../src/core/chat/types';
import { toChatView, toMessageView } from '../../../src/host/chat/chatViewModel';
import type { HostMessage, MessageView } from '../../../src/shared/protocol';
import { conforming } from '../../support/protocolChecks';

const question: StoredMessage = {
  id: 'u1',
  role: 'user',
  text: 'Fix the total',
  images: [{ mimeType: 'image/png', data: 'AAAA' }],
  context: 'Active file: cart.ts\n<secret-looking context the view never needs>',
  createdAt: 1,
};
const finishedAnswer: StoredMessage = {
  id: 'a1',
  role: 'assistant',
  text: 'Change it:\n\n```ts src/cart.ts\nexport const total = 1;\n```\n',
  thoughts: 'Look at cart.ts',
  model: 'gemini',
  usage: { promptTokens: 10, outputTokens: 5, thoughtTokens: 2, cachedTokens: 0, costUsd: 0.5 },
  finish: 'stop',
  continuations: 1,
  providerState: { signature: 'x' },
  createdAt: 2,
};

describe('chat view model (stored chat → webview view)', () => {
  it('copies what the view shows and nothing the store keeps for itself', () => {
    const view = toMessageView(question);
    assert.deepEqual(Object.keys(view).sort(), ['continuations', 'editFiles', 'error', 'finish', 'id', 'images', 'model', 'role', 'text', 'thoughts', 'usage']);
    assert.equal(JSON.stringify(view).includes('secret-looking'), false, 'the context sent with a question stays in the host');
    assert.deepEqual(view.images, question.images);
    assert.notEqual(view.images, question.images, 'the view has its own list');
  });

  it('maps a finished answer with usage, finish, continuations and the files its edits name', () => {
    const view = toMessageView(finishedAnswer);
    assert.deepEqual(view, {
      id: 'a1',
      role: 'assistant',
      text: finishedAnswer.text,
      thoughts: 'Look at cart.ts',
      images: undefined,
      model: 'gemini',
      usage: { promptTokens: 10, outputTokens: 5, thoughtTokens: 2, cachedTokens: 0, costUsd: 0.5 },
      finish: 'stop',
      error: undefined,
      continuations: 1,
      editFiles: 1,
    });
    assert.equal('providerState' in view, false);
    assert.equal(toMessageView({ ...finishedAnswer, finish: undefined }).editFiles, undefined, 'an answer still streaming offers no edits yet');
  });

  it('shows an answer saved with the old cancelled error as stopped, and keeps real errors', () => {
    const cancelled = toMessageView({ ...finishedAnswer, finish: undefined, error: { kind: 'cancelled', message: 'Stopped.', action: 'none' } });
    assert.equal(cancelled.finish, 'stopped');
    assert.equal(cancelled.error, undefined);
    const failed = toMessageView({ ...finishedAnswer, finish: undefined, error: { kind: 'auth', message: 'Your key was rejected.', action: 'setKey' } });
    assert.deepEqual(failed.error, { kind: 'auth', message: 'Your key was rejected.', action: 'setKey' });
  });

  it('maps a chat with its title and total cost', () => {
    let chat = appendMessage(emptyConversation('c1', 0), question);
    chat = appendMessage(chat, finishedAnswer);
    const view = toChatView(chat);
    assert.equal(view.title, 'Fix the total');
    assert.equal(view.totalCostUsd, 0.5);
    assert.deepEqual(view.messages.map((m) => m.id), ['u1', 'a1']);
  });
});

describe('host message schema (what the webview may be sent)', () => {
  it('allows every view the mapping makes, in every message that carries one', () => {
    const chat = appendMessage(appendMessage(emptyConversation('c1', 0), question), finishedAnswer);
    conforming({ type: 'chat', chat: toChatView(chat), busy: false });
    conforming({ type: 'messageDone', message: toMessageView(finishedAnswer), totalCostUsd: 0.5 });
    conforming({ type: 'messageAdded', message: toMessageView(question) });
  });

  it('refuses a view with a field of the stored format, and a message with a wrong value', () => {
    const leaked = { ...toMessageView(question), context: question.context } as MessageView;
    assert.throws(() => conforming({ type: 'messageAdded', message: leaked }), /messageAdded message the protocol does not allow: message\.context/);
    assert.throws(() => conforming({ type: 'busy', busy: 'yes' } as unknown as HostMessage), /busy message .*: busy:/);
    assert.throws(() => conforming({ type: 'evil' } as unknown as HostMessage), /does not allow/);
  });
});
