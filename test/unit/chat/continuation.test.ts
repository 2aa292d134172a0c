import { strict as assert } from 'node:assert';
import { ContinuationJoiner, joinContinuation, openFenceAtEnd } from '../../../src/core/chat/continuation';

describe('continuation join', () => {
  it('detects a code fence left open at the end', () => {
    assert.equal(openFenceAtEnd('text\n```ts\nconst a = 1;\n'), '```');
    assert.equal(openFenceAtEnd('```ts\nconst a = 1;\n```\nafter'), undefined);
    assert.equal(openFenceAtEnd('~~~~\ncode ``` inside\n'), '~~~~');
    assert.equal(openFenceAtEnd('no fences at all'), undefined);
  });

  it('drops a reopened fence when the cut was inside a code block', () => {
    const previous = 'Here:\n```ts\nfunction add(a: number, b: number) {\n';
    const next = '```ts\n  return a + b;\n}\n```\n';
    assert.equal(previous + joinContinuation(previous, next), 'Here:\n```ts\nfunction add(a: number, b: number) {\n  return a + b;\n}\n```\n');
  });

  it('keeps a fence at the start when no block was open', () => {
    const previous = 'Paragraph one.\n\n';
    const next = '```py\nprint(1)\n```\n';
    assert.equal(joinContinuation(previous, next), next);
  });

  it('removes a repeated tail', () => {
    const previous = 'The quick brown fox jumps over the lazy';
    const next = 'jumps over the lazy dog.';
    assert.equal(previous + joinContinuation(previous, next), 'The quick brown fox jumps over the lazy dog.');
  });

  it('ignores a short coincidental overlap', () => {
    const previous = 'value = }';
    const next = '} else {';
    assert.equal(joinContinuation(previous, next), next);
  });

  it('streams the same result as the one-shot join, whatever the chunking', () => {
    const previous = 'Steps:\n```js\nconst list = [1, 2, 3];\nfor (const item of list) {\n  console.log(item';
    const next = '```js\n  console.log(item * 2);\n}\n```\nDone. ' + 'More text after the block. '.repeat(20);
    const expected = joinContinuation(previous, next);
    for (const size of [1, 3, 17, 500]) {
      const joiner = new ContinuationJoiner(previous);
      let out = '';
      for (let i = 0; i < next.length; i += size) out += joiner.push(next.slice(i, i + size));
      out += joiner.flush();
      assert.equal(out, expected, `chunk size ${size}`);
    }
    assert.ok(!expected.startsWith('```'));
  });

  it('flushes a short continuation at the end of the stream', () => {
    const joiner = new ContinuationJoiner('abc');
    assert.equal(joiner.push('def'), '');
    assert.equal(joiner.flush(), 'def');
    assert.equal(joiner.flush(), '');
  });
});
