// The stored chat format is core's own (src/core/chat/types.ts): a file written today keeps loading byte for byte,
// and a file that does not match the format is skipped without costing the other chats.
import { strict as assert } from 'node:assert';
import { ConversationStore, parseConversationFile } from '../../../src/core/chat/store';
import { MemoryFs } from '../../support/memoryFs';

/** A chat file as Tandem writes it (format version 1), with every field a message can carry. */
const TODAY_FILE = JSON.stringify({
  version: 1,
  conversation: {
    id: 'c-1',
    title: 'Why is the total wrong?',
    createdAt: 1,
    updatedAt: 3,
    messages: [
      { id: 'u-1', role: 'user', text: 'Why is the total wrong?', images: [{ mimeType: 'image/png', data: 'AAAA' }], context: 'Active file: cart.ts', createdAt: 2 },
      {
        id: 'a-1',
        role: 'assistant',
        text: 'The discount is applied twice.',
        thoughts: 'Look at applyDiscount.',
        model: 'gemini',
        usage: { promptTokens: 120, outputTokens: 30, thoughtTokens: 12, cachedTokens: 100, costUsd: 0.0001 },
        finish: 'stop',
        continuations: 1,
        providerState: { thoughtSignatures: ['c2ln'] },
        createdAt: 3,
      },
      { id: 'a-2', role: 'assistant', text: 'Half', model: 'gpt', error: { kind: 'network', message: 'The connection dropped.', action: 'retry' }, createdAt: 4 },
      // Chats saved before a Stop was a finish reason hold it as a 'cancelled' error.
      { id: 'a-3', role: 'assistant', text: '', model: 'gpt', error: { kind: 'cancelled', message: 'Stopped.', action: 'none' }, createdAt: 5 },
    ],
  },
});

function fileWith(change: (conversation: Record<string, unknown>, messages: Record<string, unknown>[]) => void): string {
  const data = JSON.parse(TODAY_FILE) as { conversation: Record<string, unknown> & { messages: Record<string, unknown>[] } };
  change(data.conversation, data.conversation.messages);
  return JSON.stringify(data);
}

describe('stored chat format', () => {
  it('loads a file written today with every field, and saves back the same content', async () => {
    const fs = new MemoryFs();
    fs.files.set('c-1.chat.json', TODAY_FILE);
    const store = new ConversationStore(fs);
    const chat = await store.get('c-1');
    assert.ok(chat, 'the chat loads');
    assert.deepEqual(chat, JSON.parse(TODAY_FILE).conversation);
    await store.save(chat);
    assert.deepEqual(JSON.parse(fs.files.get('c-1.chat.json')!), JSON.parse(TODAY_FILE));
  });

  it('ignores a field it does not know (a newer version wrote it) instead of losing the chat', () => {
    const chat = parseConversationFile(
      fileWith((conversation, messages) => {
        conversation.pinned = true;
        messages[1].rating = 'good';
        (messages[1].usage as Record<string, unknown>).reasoningTokens = 4;
      }),
    );
    assert.ok(chat);
    assert.equal(chat.messages.length, 4);
    assert.equal('rating' in chat.messages[1], false);
    assert.deepEqual(chat, JSON.parse(TODAY_FILE).conversation);
  });

  const corrupt: [string, (conversation: Record<string, unknown>, messages: Record<string, unknown>[]) => void][] = [
    ['a chat id with path characters', (c) => (c.id = '../../etc/passwd')],
    ['a message id with path characters', (_c, m) => (m[0].id = 'a/b')],
    ['a title that is not text', (c) => (c.title = 7)],
    ['messages that are not a list', (c) => (c.messages = {})],
    ['a message that is not an object', (_c, m) => m.push('hello' as unknown as Record<string, unknown>)],
    ['a role the chat does not have', (_c, m) => (m[0].role = 'system')],
    ['a timestamp that is not a number', (_c, m) => (m[0].createdAt = '2026-11-24')],
    ['an image type that is not an image', (_c, m) => ((m[0].images as Record<string, unknown>[])[0].mimeType = 'text/html')],
    ['image data that is not text', (_c, m) => ((m[0].images as Record<string, unknown>[])[0].data = 42)],
    ['thoughts that are not text', (_c, m) => (m[1].thoughts = ['x'])],
    ['a model slot that does not exist', (_c, m) => (m[1].model = 'claude')],
    ['a finish reason that does not exist', (_c, m) => (m[1].finish = 'exploded')],
    ['usage that is not an object', (_c, m) => (m[1].usage = 'lots')],
    ['a usage count that is not a number', (_c, m) => ((m[1].usage as Record<string, unknown>).costUsd = '0.01')],
    ['an error kind that does not exist', (_c, m) => ((m[2].error as Record<string, unknown>).kind = 'doom')],
    ['an error without its message', (_c, m) => delete (m[2].error as Record<string, unknown>).message],
  ];
  for (const [name, change] of corrupt) {
    it(`skips a file with ${name}`, () => {
      assert.equal(parseConversationFile(fileWith(change)), undefined);
    });
  }

  it('skips files that are not chats at all, and still loads the good ones', async () => {
    const fs = new MemoryFs();
    for (const [name, content] of [
      ['empty', ''],
      ['truncated', TODAY_FILE.slice(0, 200)],
      ['array', '[]'],
      ['null', 'null'],
      ['newer-format', JSON.stringify({ ...JSON.parse(TODAY_FILE), version: 2 })],
      ['no-version', JSON.stringify({ conversation: JSON.parse(TODAY_FILE).conversation })],
    ]) fs.files.set(`${name}.chat.json`, content);
    fs.files.set('c-1.chat.json', TODAY_FILE);
    const store = new ConversationStore(fs);
    assert.deepEqual((await store.list()).map((s) => s.id), ['c-1']);
  });

  it('does not let a forged __proto__ in a file reach any object', () => {
    const forged = TODAY_FILE.replace('"id":"u-1",', '"id":"u-1","__proto__":{"polluted":true},');
    assert.notEqual(forged, TODAY_FILE);
    const chat = parseConversationFile(forged);
    assert.ok(chat);
    assert.equal((chat.messages[0] as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
