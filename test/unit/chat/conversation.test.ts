import { strict as assert } from 'node:assert';
import {
  appendMessage,
  emptyConversation,
  modelHistory,
  titleFrom,
  toModelMessages,
  totalCost,
  truncateBefore,
} from '../../../src/core/chat/conversation';
import { conversationToMarkdown } from '../../../src/core/chat/export';
import { ConversationStore } from '../../../src/core/chat/store';
import { MemoryFs } from '../../support/memoryFs';
import type { StoredMessage } from '../../../src/core/chat/types';
import { formatUsd, groupDigits } from '../../../src/core/vocabulary';

const user = (id: string, text: string, extra: Partial<StoredMessage> = {}): StoredMessage => ({ id, role: 'user', text, createdAt: 1, ...extra });
const answer = (id: string, text: string, extra: Partial<StoredMessage> = {}): StoredMessage => ({ id, role: 'assistant', text, createdAt: 2, model: 'gemini', ...extra });

describe('conversation', () => {
  it('titles a chat by its first user message, trimmed to one line', () => {
    assert.equal(titleFrom('  How do I\nparse JSON?'), 'How do I');
    assert.equal(titleFrom(''), 'New chat');
    assert.equal(titleFrom('x'.repeat(100)).length, 60);
    let c = appendMessage(emptyConversation('c1', 0), user('u1', 'First question'));
    c = appendMessage(c, user('u2', 'Second question'));
    assert.equal(c.title, 'First question');
  });

  it('builds model messages with context and images', () => {
    let c = emptyConversation('c1', 0);
    c = appendMessage(c, user('u1', 'Explain', { context: 'FILE a.ts', images: [{ mimeType: 'image/png', data: 'AAAA' }] }));
    c = appendMessage(c, answer('a1', 'It parses.'));
    c = appendMessage(c, user('u2', 'Again'));
    assert.deepEqual(toModelMessages(c.messages), [
      { role: 'user', parts: [{ kind: 'text', text: 'FILE a.ts\n\nExplain' }, { kind: 'image', mimeType: 'image/png', data: 'AAAA' }], providerState: undefined },
      { role: 'assistant', parts: [{ kind: 'text', text: 'It parses.' }], providerState: undefined },
      { role: 'user', parts: [{ kind: 'text', text: 'Again' }], providerState: undefined },
    ]);
  });

  for (const [name, failed] of [
    ['an error before any text (no key, html 200)', { error: { kind: 'auth', message: 'No key.', action: 'setKey' } }],
    ['an answer that ended with nothing', { finish: 'stop' }],
    ['a blocked prompt', { finish: 'blocked' }],
    ['a Stop before the first token', { finish: 'stopped' }],
  ] as const) {
    it(`leaves a failed exchange out of the model history: ${name}`, () => {
      let c = emptyConversation('c1', 0);
      c = appendMessage(c, user('u1', 'first question', { context: 'Active file: a.ts' }));
      c = appendMessage(c, answer('a1', '', failed));
      c = appendMessage(c, user('u2', 'second question', { context: 'Active file: b.ts' }));
      assert.deepEqual(toModelMessages(c.messages), [{ role: 'user', parts: [{ kind: 'text', text: 'Active file: b.ts\n\nsecond question' }], providerState: undefined }]);
      assert.deepEqual(modelHistory(c.messages).map((m) => m.id), ['u2'], 'what is sent is what the budget counts');
    });
  }

  it('leaves out a question that never got an answer, and keeps a partial answer as a real exchange', () => {
    let c = emptyConversation('c1', 0);
    c = appendMessage(c, user('u1', 'lost'));
    c = appendMessage(c, user('u2', 'kept'));
    c = appendMessage(c, answer('a2', 'Half an ans', { error: { kind: 'network', message: 'Dropped.', action: 'retry' } }));
    c = appendMessage(c, user('u3', 'next'));
    assert.deepEqual(modelHistory(c.messages).map((m) => m.id), ['u2', 'a2', 'u3']);
    const roles = toModelMessages(c.messages).map((m) => m.role);
    assert.deepEqual(roles, ['user', 'assistant', 'user'], 'roles alternate');
  });

  it('truncates before a message for regenerate and edit, and refuses unknown ids', () => {
    let c = emptyConversation('c1', 0);
    for (const m of [user('u1', 'a'), answer('a1', 'b'), user('u2', 'c'), answer('a2', 'd')]) c = appendMessage(c, m);
    assert.deepEqual(truncateBefore(c, 'a2')!.messages.map((m) => m.id), ['u1', 'a1', 'u2']);
    assert.deepEqual(truncateBefore(c, 'u2')!.messages.map((m) => m.id), ['u1', 'a1']);
    assert.equal(truncateBefore(c, 'nope'), undefined);
  });

  it('sums cost and exports markdown with usage and total', () => {
    let c = emptyConversation('c1', 0);
    c = appendMessage(c, user('u1', 'Hello'));
    c = appendMessage(c, answer('a1', 'Hi **there**', { usage: { promptTokens: 10, outputTokens: 5, thoughtTokens: 0, cachedTokens: 0, costUsd: 0.0125 } }));
    assert.equal(totalCost(c), 0.0125);
    const md = conversationToMarkdown(c, { modelLabel: () => 'Gemini 3.1 Flash-Lite' }, new Date('2026-11-24T00:00:00Z'));
    assert.match(md, /^# Hello\n/);
    assert.match(md, /## You\n\nHello\n/);
    assert.match(md, /## Gemini 3\.1 Flash-Lite\n\nHi \*\*there\*\*/);
    assert.match(md, /10 in \/ 5 out tokens · \$0\.0125/);
    assert.match(md, /Total cost: \$0\.0125/);
  });

  it('exports an answer that errored with no text without blank lines: heading, error, next message', () => {
    let c = emptyConversation('c1', 0);
    c = appendMessage(c, user('u1', 'Hello'));
    c = appendMessage(c, answer('a1', '', { finish: undefined, error: { kind: 'auth', message: 'Your key was rejected.', action: 'setKey' } }));
    c = appendMessage(c, user('u2', 'Again'));
    const md = conversationToMarkdown(c, { modelLabel: () => 'Gemini 3.1 Flash-Lite' }, new Date('2026-11-24T00:00:00Z'));
    assert.match(md, /## Gemini 3\.1 Flash-Lite\n\n> \*\*Error:\*\* Your key was rejected\.\n\n## You\n\nAgain\n/);
    assert.doesNotMatch(md, /\n\n\n/, 'never two blank lines in a row');
    assert.ok(md.endsWith('Total cost: $0.00\n'));
  });

  it('formats dollars for cheap requests', () => {
    assert.equal(formatUsd(0), '$0.00');
    assert.equal(formatUsd(0.00004), '<$0.0001');
    assert.equal(formatUsd(0.01234), '$0.0123');
    assert.equal(formatUsd(2.5), '$2.50');
  });

  it('groups the digits of token counts in threes', () => {
    assert.deepEqual([0, 999, 1000, 12_345, 1_234_567, 1_000_000_000].map(groupDigits), ['0', '999', '1,000', '12,345', '1,234,567', '1,000,000,000']);
    assert.equal(groupDigits(1234.5), '1,234.5');
  });
});

describe('conversation store', () => {
  it('saves, lists newest first, reloads from files, deletes', async () => {
    const fs = new MemoryFs();
    const store = new ConversationStore(fs);
    await store.save(appendMessage(emptyConversation('old', 0), { ...user('u1', 'Old chat'), createdAt: 5 }));
    await store.save(appendMessage(emptyConversation('new', 0), { ...user('u2', 'New chat'), createdAt: 9 }));
    await store.save(emptyConversation('empty', 0));
    assert.deepEqual((await store.list()).map((s) => s.id), ['new', 'old']);
    assert.equal(fs.files.size, 2, 'an empty chat writes no file');

    const reloaded = new ConversationStore(fs);
    assert.equal((await reloaded.get('old'))!.messages[0].text, 'Old chat');
    await reloaded.delete('old');
    assert.deepEqual((await reloaded.list()).map((s) => s.id), ['new']);
    assert.equal(fs.files.has('old.chat.json'), false);
  });

  it('skips corrupted or forged files instead of failing', async () => {
    const fs = new MemoryFs();
    fs.files.set('bad.chat.json', '{not json');
    fs.files.set('forged.chat.json', JSON.stringify({ version: 1, conversation: { id: '../../etc', title: 't', createdAt: 1, updatedAt: 1, messages: [] } }));
    fs.files.set('badimg.chat.json', JSON.stringify({ version: 1, conversation: { id: 'x', title: 't', createdAt: 1, updatedAt: 1, messages: [{ id: 'm', role: 'user', text: 'a', createdAt: 1, images: [{ mimeType: 'text/html', data: 'x' }] }] } }));
    const good = appendMessage(emptyConversation('good', 0), user('u1', 'ok'));
    fs.files.set('good.chat.json', JSON.stringify({ version: 1, conversation: good }));
    const store = new ConversationStore(fs);
    assert.deepEqual((await store.list()).map((s) => s.id), ['good']);
    await assert.rejects(store.save({ ...good, id: '../evil' }));
  });
});
