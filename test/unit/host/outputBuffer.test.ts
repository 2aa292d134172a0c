import { strict as assert } from 'node:assert';
import { OutputBuffer } from '../../../src/host/terminal/outputBuffer';

describe('terminal output buffer', () => {
  it('keeps all of a short output as it came', () => {
    const buffer = new OutputBuffer(100);
    for (const piece of ['ls: cannot ', "access 'x'", ': No such file\r\n']) buffer.push(piece);
    assert.equal(buffer.text(), "ls: cannot access 'x': No such file\r\n");
  });

  it('past its size keeps the first half and the latest half, starting at a whole line, and says what went', () => {
    const buffer = new OutputBuffer(200);
    const lines = Array.from({ length: 500 }, (_, i) => `line ${i}\n`);
    for (const line of lines) buffer.push(line);
    const text = buffer.text();
    assert.ok(text.startsWith('line 0\nline 1\n'));
    assert.ok(text.endsWith('line 498\nline 499\n'));
    const [head, tail] = text.split(/\n\[… [\d,]+ characters of output not kept …\]\n/);
    assert.equal(head.length, 100);
    assert.ok(tail.length <= 100 && /^line \d+\n/.test(tail), tail.slice(0, 20));
    const dropped = Number(/\[… ([\d,]+) characters/.exec(text)![1].replace(/,/g, ''));
    assert.equal(head.length + dropped + tail.length, lines.join('').length);
  });

  it('stays bounded however much is written', () => {
    const buffer = new OutputBuffer(1000);
    for (let i = 0; i < 20_000; i++) buffer.push('x'.repeat(97) + '\n');
    assert.ok(buffer.text().length < 1100);
  });
});
