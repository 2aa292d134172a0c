import { strict as assert } from 'node:assert';
import { readSse, SseOverflowError, type SseItem } from '../../../src/core/stream/sse';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function* chunksOf(pieces: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) yield piece;
}

/** Splits bytes at every position in `cuts` (byte offsets). */
function cutAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(bytes.subarray(from, cut));
    from = cut;
  }
  return out;
}

const everyByte = (bytes: Uint8Array) => Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));

async function read(input: string | Uint8Array | readonly Uint8Array[]): Promise<SseItem[]> {
  const pieces = typeof input === 'string' ? [utf8(input)] : input instanceof Uint8Array ? [input] : input;
  const items: SseItem[] = [];
  for await (const batch of readSse(chunksOf(pieces))) items.push(...batch);
  return items;
}

/** Events only, as [event name, data] pairs. */
async function events(input: string | Uint8Array | readonly Uint8Array[]): Promise<[string | undefined, string][]> {
  return (await read(input)).flatMap((item) => (item.type === 'event' ? [[item.event.event, item.event.data] as [string | undefined, string]] : []));
}

const SAMPLE = (eol: string) =>
  `: hello${eol}${eol}data: {"a":1}${eol}${eol}event: error${eol}data: é🚀中${eol}${eol}data: line one${eol}data: line two${eol}${eol}data: [DONE]${eol}${eol}`;
const SAMPLE_EVENTS: [string | undefined, string][] = [
  [undefined, '{"a":1}'],
  ['error', 'é🚀中'],
  [undefined, 'line one\nline two'],
  [undefined, '[DONE]'],
];

describe('readSse', () => {
  for (const [name, eol] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['lone CR', '\r'],
  ] as const) {
    it(`frames events with ${name} line ends`, async () => {
      assert.deepEqual(await events(SAMPLE(eol)), SAMPLE_EVENTS);
    });

    it(`frames events with ${name} line ends split at every byte`, async () => {
      assert.deepEqual(await events(everyByte(utf8(SAMPLE(eol)))), SAMPLE_EVENTS);
    });

    it(`frames events with ${name} line ends split at every possible single cut`, async () => {
      const bytes = utf8(SAMPLE(eol));
      for (let cut = 0; cut <= bytes.length; cut++) assert.deepEqual(await events(cutAt(bytes, [cut])), SAMPLE_EVENTS, `cut at byte ${cut}`);
    });
  }

  it('mixes line endings in one stream', async () => {
    assert.deepEqual(await events('data: a\r\n\r\ndata: b\n\ndata: c\r\rdata: d\r\n\n'), [
      [undefined, 'a'],
      [undefined, 'b'],
      [undefined, 'c'],
      [undefined, 'd'],
    ]);
  });

  it('does not see an extra blank line when CRLF is split between two chunks', async () => {
    const bytes = utf8('data: one\r\ndata: two\r\n\r\n');
    const cr = bytes.indexOf(13) + 1; // between the first \r and its \n
    assert.deepEqual(await events(cutAt(bytes, [cr])), [[undefined, 'one\ntwo']]);
  });

  it('decodes UTF-8 characters split across chunks, never producing U+FFFD', async () => {
    const bytes = utf8('data: é🚀中\n\n');
    const starts = [bytes.indexOf(0xc3), bytes.indexOf(0xf0), bytes.indexOf(0xe4)];
    const cuts = [starts[0] + 1, starts[1] + 1, starts[1] + 2, starts[1] + 3, starts[2] + 2];
    assert.deepEqual(await events(cutAt(bytes, cuts)), [[undefined, 'é🚀中']]);
  });

  it('joins multi-line data with \\n and keeps empty data lines', async () => {
    assert.deepEqual(await events('data: {\ndata:   "a": 1\ndata:\ndata: }\n\n'), [[undefined, '{\n  "a": 1\n\n}']]);
  });

  it('strips exactly one space after the colon', async () => {
    assert.deepEqual(await events('data:no space\n\ndata:  two spaces\n\n'), [
      [undefined, 'no space'],
      [undefined, ' two spaces'],
    ]);
  });

  it('reads event names, and an event name applies only to its own event', async () => {
    assert.deepEqual(await events('event: error\ndata: {"error":{}}\n\ndata: next\n\nevent:ping\ndata: x\n\n'), [
      ['error', '{"error":{}}'],
      [undefined, 'next'],
      ['ping', 'x'],
    ]);
  });

  it('ignores id and retry fields (they are neither data nor stray lines)', async () => {
    const items = await read('id: 42\nretry: 3000\ndata: a\n\nretry: 10\n\nid: 7\ndata: b\n\n');
    assert.deepEqual(items.map((i) => i.type), ['event', 'event']);
    assert.deepEqual(await events('id: 42\nretry: 3000\ndata: a\n\nretry: 10\n\nid: 7\ndata: b\n\n'), [
      [undefined, 'a'],
      [undefined, 'b'],
    ]);
  });

  it('ignores comment lines (keep-alives), also between data lines', async () => {
    assert.deepEqual(await events(':\n: keep-alive\r\ndata: a\n: in the middle\ndata: b\n\n:ping\n\n'), [[undefined, 'a\nb']]);
  });

  it('dispatches nothing for a block without data', async () => {
    assert.deepEqual(await read('event: ping\n\nid: 1\n\n\n\n'), []);
  });

  it('drops an unfinished last event when the body ends (no blank line after it), as the SSE rules say', async () => {
    assert.deepEqual(await events('data: a\n\ndata: last\n'), [[undefined, 'a']]);
    assert.deepEqual(await events('data: a\r\n\r\ndata: last'), [[undefined, 'a']]);
    assert.deepEqual(await events(everyByte(utf8('data: a\r\rdata: {"cut": "in the mid'))), [[undefined, 'a']]);
  });

  it('still reports a last stray line without its newline (a bare JSON error can end the body)', async () => {
    assert.deepEqual(await read('data: a\n\n{"error": {"code": 500}}'), [
      { type: 'event', event: { id: undefined, event: undefined, data: 'a' } },
      { type: 'stray', line: '{"error": {"code": 500}}' },
    ]);
  });

  for (const [name, first, second] of [
    ['a lone CR', 'data: first\r\r', 'data: second\r\r'],
    ['a CRLF split between its CR and LF', 'data: first\r\n\r', '\ndata: second\r\n\r\n'],
  ] as const) {
    it(`delivers an event in the chunk that ends it with ${name}, not one chunk later`, async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      async function* body() {
        yield utf8(first);
        await gate;
        yield utf8(second);
      }
      const iterator = readSse(body());
      const early = await Promise.race([iterator.next(), new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 50))]);
      assert.notEqual(early, 'late', 'the first event waited for the next chunk');
      assert.deepEqual(early !== 'late' && !early.done && early.value.map((item) => item.type === 'event' && item.event.data), ['first']);
      release();
      const rest: string[] = [];
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) rest.push(...next.value.map((item) => (item.type === 'event' ? item.event.data : `stray:${item.line}`)));
      assert.deepEqual(rest, ['second'], 'the LF after a chunk-ending CR is not an extra blank line');
    });
  }

  it('still sees stray lines (bare JSON) with CR and CRLF line ends split anywhere', async () => {
    for (const eol of ['\r', '\r\n']) {
      const bytes = utf8(`data: a${eol}${eol}{"error": {"code": 500}}${eol}data: b${eol}${eol}`);
      for (let cut = 0; cut <= bytes.length; cut++) {
        const items = await read(cutAt(bytes, [cut]));
        assert.deepEqual(items.map((i) => (i.type === 'event' ? i.event.data : `stray:${i.line}`)), ['a', 'stray:{"error": {"code": 500}}', 'b'], `eol ${JSON.stringify(eol)}, cut at ${cut}`);
      }
    }
  });

  it('delivers an event as soon as its blank line arrives, before the stream ends', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* body() {
      yield utf8('data: first\n\n');
      await gate;
      yield utf8('data: second\n\n');
    }
    const iterator = readSse(body());
    const first = await iterator.next();
    assert.ok(!first.done);
    assert.deepEqual(first.value.map((item) => item.type === 'event' && item.event.data), ['first']);
    release();
    const second = await iterator.next();
    assert.ok(!second.done);
    assert.deepEqual(second.value.map((item) => item.type === 'event' && item.event.data), ['second']);
    assert.equal((await iterator.next()).done, true);
  });

  it('hands over the events of one network chunk as one batch, in order', async () => {
    async function* body() {
      yield utf8('data: a\n\ndata: b\n\ndata: c');
      yield utf8('\n\ndata: d\n\n');
    }
    const batches: string[][] = [];
    for await (const batch of readSse(body())) batches.push(batch.map((item) => (item.type === 'event' ? item.event.data : item.line)));
    assert.deepEqual(batches, [['a', 'b'], ['c', 'd']]);
  });

  it('skips a UTF-8 BOM at the start, also when split across chunks', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('data: a\n\n')]);
    assert.deepEqual(await events(bytes), [[undefined, 'a']]);
    assert.deepEqual(await events(everyByte(bytes)), [[undefined, 'a']]);
    assert.deepEqual(await events(cutAt(bytes, [0, 1, 2])), [[undefined, 'a']], 'with an empty first chunk');
  });

  it('handles empty network chunks', async () => {
    assert.deepEqual(await events([new Uint8Array(0), utf8('data: a\n'), new Uint8Array(0), utf8('\n'), new Uint8Array(0)]), [[undefined, 'a']]);
  });

  it('reports lines that are not SSE fields as stray, in order with the events (bare JSON error)', async () => {
    const items = await read('data: {"ok":1}\r\n\r\n{"error": {"code": 500, "message": "Internal"}}\r\n');
    assert.deepEqual(items, [
      { type: 'event', event: { id: undefined, event: undefined, data: '{"ok":1}' } },
      { type: 'stray', line: '{"error": {"code": 500, "message": "Internal"}}' },
    ]);
  });

  it('reports a multi-line bare JSON error as several stray lines', async () => {
    const items = await read('[{\n  "error": {\n    "code": 503\n  }\n}\n]');
    assert.deepEqual(items.map((i) => (i.type === 'stray' ? i.line : `event:${i.event.data}`)), ['[{', '  "error": {', '    "code": 503', '  }', '}', ']']);
  });

  it('stops with SseOverflowError on an endless line', async () => {
    const piece = utf8('x'.repeat(1024 * 1024));
    async function* endless() {
      yield utf8('data: ');
      for (let i = 0; i < 20; i++) yield piece;
    }
    await assert.rejects(async () => {
      for await (const _item of readSse(endless())) void _item;
    }, SseOverflowError);
  });

  it('reads a large event (4 MB of data) intact', async () => {
    const data = 'é🚀'.repeat(700_000);
    const bytes = utf8(`data: ${data}\n\n`);
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 16_384) pieces.push(bytes.subarray(i, i + 16_384));
    const got = await events(pieces);
    assert.equal(got.length, 1);
    assert.ok(got[0][1] === data);
  });
});
