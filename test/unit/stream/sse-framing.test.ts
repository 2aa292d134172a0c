// Tandem's SSE reader against every framing shape the SSE rules define, as the web platform tests for EventSource
// and eventsource-parser's own tests exercise them (read for their shapes; these cases are written for Tandem's
// reader, which also reports non-field lines as `stray` and drops an event the body ends without closing).
// Each case runs whole, split at every single position, and one byte per chunk.
import { strict as assert } from 'node:assert';
import { readSse, type SseItem } from '../../../src/core/stream/sse';

const encode = (text: string) => new TextEncoder().encode(text);

async function* chunks(pieces: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) yield piece;
}

/** Events as `data`, `event:name|data`, `id:x|data`; stray lines as `stray:line`. */
function describeItem(item: SseItem): string {
  if (item.type === 'stray') return `stray:${item.line}`;
  const { event, id, data } = item.event;
  return `${event !== undefined ? `event:${event}|` : ''}${id !== undefined ? `id:${id}|` : ''}${data}`;
}

async function readAll(pieces: readonly Uint8Array[]): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of readSse(chunks(pieces))) out.push(...batch.map(describeItem));
  return out;
}

/** Every way of cutting `bytes` into chunks that matters for framing: whole, each single cut, every byte alone. */
function splits(bytes: Uint8Array): { name: string; pieces: Uint8Array[] }[] {
  const out = [{ name: 'whole', pieces: [bytes] }, { name: 'byte by byte', pieces: Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)) }];
  for (let cut = 1; cut < bytes.length; cut++) out.push({ name: `cut at ${cut}`, pieces: [bytes.subarray(0, cut), bytes.subarray(cut)] });
  return out;
}

async function expectItems(input: string | Uint8Array, expected: readonly string[]): Promise<void> {
  const bytes = typeof input === 'string' ? encode(input) : input;
  for (const { name, pieces } of splits(bytes)) assert.deepEqual(await readAll(pieces), expected, name);
}

const BOM = [0xef, 0xbb, 0xbf];
const withBytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...encode(p)] : p)));

describe('SSE framing (shapes from the EventSource web platform tests and eventsource-parser)', () => {
  describe('line ends', () => {
    for (const [name, eol] of [['LF', '\n'], ['CR', '\r'], ['CRLF', '\r\n']] as const) {
      it(`ends lines and events with ${name}, split anywhere`, async () => {
        await expectItems(`data: fox${eol}data: jumps${eol}${eol}data: dog${eol}${eol}`, ['fox\njumps', 'dog']);
      });
    }

    it('reads a mix of all three in one stream', async () => {
      await expectItems('data: a\rdata: b\n\rdata: c\r\n\ndata: d\r\r', ['a\nb', 'c', 'd']);
    });

    it('takes CR then LF as one line end, and CR then CR as two', async () => {
      await expectItems('data: one\r\ndata: two\r\r\n', ['one\ntwo']);
      await expectItems('data: one\r\rdata: two\r\r', ['one', 'two']);
    });

    it('ignores blank lines before the first event and between events', async () => {
      await expectItems('\n\n\r\n\rdata: first\n\n\n\n\r\ndata: second\n\n', ['first', 'second']);
    });
  });

  describe('byte order mark', () => {
    it('drops one leading BOM, also split across chunks', async () => {
      await expectItems(withBytes(BOM, 'data: a\n\ndata: b\n\n'), ['a', 'b']);
    });

    it('keeps a second BOM: the line it starts is no field, so its event is not dispatched', async () => {
      await expectItems(withBytes(BOM, BOM, 'data:1\n\ndata:2\n\ndata:3\n\n'), ['stray:\ufeffdata:1', '2', '3']);
      await expectItems(withBytes(BOM, 'data:1\n\n', BOM, 'data:2\n\ndata:3\n\n'), ['1', 'stray:\ufeffdata:2', '3']);
    });
  });

  describe('comments', () => {
    it('ignores comment lines anywhere: alone, between data lines, long, empty, with odd characters', async () => {
      const long = 'x'.repeat(1_100);
      await expectItems(`: hello\n\n:${long}\ndata:1\r:\0\n:\r\ndata:2\n:${long}\rdata:3\n:data:fail\r:${long}\ndata:4\n\n`, ['1\n2\n3\n4']);
    });

    it('ignores comments made of many colons and of multi-byte text', async () => {
      await expectItems(`${':'.repeat(300)}\n: Первый 第二 ثالث 🚀\ndata: ok\n\n`, ['ok']);
    });
  });

  describe('data field', () => {
    it('strips exactly one space after the colon, and none when there is none', async () => {
      await expectItems('data:tight\n\ndata: one\n\ndata:  two\n\ndata:\ttab\n\n', ['tight', 'one', ' two', '\ttab']);
    });

    it('dispatches an empty data field as an empty string, and a bare `data` line as an empty data line', async () => {
      await expectItems('data:\n\ndata\ndata\n\ndata:test\n\n', ['', '\n', 'test']);
    });

    it('joins data lines with LF, keeping empty ones', async () => {
      await expectItems('data: YHOO\ndata: +2\ndata:\ndata: 10\n\n', ['YHOO\n+2\n\n10']);
    });

    it('keeps NUL and colons inside data', async () => {
      await expectItems('data:\0\n\ndata: a: b: c\n\n', ['\0', 'a: b: c']);
    });

    it('dispatches nothing for a block without data', async () => {
      await expectItems('event: ping\n\nid: 3\n\nretry: 10\n\n', []);
    });
  });

  describe('event field', () => {
    it('names its own event only; an empty name is the default', async () => {
      await expectItems('event:test\ndata:x\n\ndata:y\n\nevent: \ndata:data\n\nevent:\n\ndata:z\n\n', ['event:test|x', 'y', 'data', 'z']);
    });

    it('takes a bare `event` line (no colon) as an empty name', async () => {
      await expectItems('event: named\nevent\ndata: x\n\n', ['x']);
    });
  });

  describe('id field', () => {
    it('carries an id on its event, with or without the space', async () => {
      await expectItems('id: 1337\ndata: tick\n\nid:7\ndata: tock\n\n', ['id:1337|tick', 'id:7|tock']);
    });

    it('ignores an id that contains NUL, keeping the one before it', async () => {
      await expectItems('id: 123\nid: bad\0id\ndata: hello\n\n', ['id:123|hello']);
    });
  });

  describe('retry field', () => {
    it('is neither data nor a stray line, valid, bogus or empty', async () => {
      await expectItems('retry:1000\nretry:2000x\nretry:\ndata:x\n\n', ['x']);
    });
  });

  describe('lines that are no field', () => {
    it('reports an unknown field and a line with no colon as stray, and ignores them for the event', async () => {
      await expectItems('data:abc\n data\ndata\nfoobar:xxx\njustsometext\n:comment\ndata:123\n\n', ['stray: data', 'stray:foobar:xxx', 'stray:justsometext', 'abc\n\n123']);
    });

    it('reports a bare JSON line (Gemini\'s mid-stream error) as stray, in order with the events', async () => {
      await expectItems('data: {"a":1}\r\n\r\n{"error": {"code": 500}}\r\n', ['{"a":1}', 'stray:{"error": {"code": 500}}']);
    });
  });

  describe('end of the body', () => {
    it('drops data the body ends without a blank line after, even after a newline', async () => {
      await expectItems('retry:1000\ndata:test1\n\nid:test\ndata:test2\n', ['test1']);
      await expectItems('data:1\n\ndata:2\n\ndata:3', ['1', '2']);
    });

    it('dispatches a last event closed by its blank line, whatever the line ends', async () => {
      await expectItems('data: last\r\n\r\n', ['last']);
      await expectItems('data: last\r\r', ['last']);
    });
  });

  describe('text', () => {
    it('decodes UTF-8 split inside characters', async () => {
      await expectItems('data: ok… 我現在都看實況 🚀🦊\n\n', ['data: ok… 我現在都看實況 🚀🦊'.slice(6)]);
    });

    it('reads data far larger than a network chunk, a line split over many chunks', async () => {
      const big = 'é🚀'.repeat(50_000);
      const bytes = encode(`: hello\n\ndata: ${big}\n\ndata: after\n\n`);
      const pieces: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += 1_000) pieces.push(bytes.subarray(i, i + 1_000));
      assert.deepEqual(await readAll(pieces), [big, 'after']);
    });
  });
});
