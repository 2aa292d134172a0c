import * as assert from 'node:assert/strict';
import { sliceEnd } from '../../../src/webview/markdown/slicing';

describe('sliceEnd (where a huge markdown text is cut into slices)', () => {
  it('cuts after the last blank line within the size', () => {
    const text = 'one\n\ntwo\n\nthree three three\n\nfour';
    assert.equal(text.slice(0, sliceEnd(text, 12)), 'one\n\ntwo\n\n');
  });

  it('takes the first blank line after the size when there is none within it', () => {
    const text = 'a long paragraph without a break\n\nnext';
    assert.equal(text.slice(0, sliceEnd(text, 5)), 'a long paragraph without a break\n\n');
  });

  it('takes everything when there is no blank line at all (one huge paragraph or line)', () => {
    const text = 'word '.repeat(1000);
    assert.equal(sliceEnd(text, 100), text.length);
  });

  it('never cuts inside a fenced code block, with backticks or tildes, indented up to three spaces', () => {
    const code = '```ts\nconst a = 1;\n\nconst b = 2;\n```\n';
    const text = `intro\n\n${code}\nafter`;
    assert.equal(text.slice(0, sliceEnd(text, 12)), 'intro\n\n');
    assert.equal(text.slice(0, sliceEnd(text, 20)), 'intro\n\n', 'the blank line inside the code does not count');
    const tildes = '   ~~~~\n```\n\n~~~\n\nstill code\n   ~~~~\n\nout';
    assert.equal(tildes.slice(0, sliceEnd(tildes, 10)), '   ~~~~\n```\n\n~~~\n\nstill code\n   ~~~~\n\n', 'a shorter or other marker does not close the fence');
  });

  it('treats four-space indented backticks as code text, not a fence', () => {
    const text = 'para\n\n    ```\n\nnext\n\nlast';
    assert.equal(text.slice(0, sliceEnd(text, 16)), 'para\n\n    ```\n\n');
  });

  it('never cuts after an unclosed fence: the rest is one code block', () => {
    const text = 'before\n\n```\nline\n\nline\n\nline';
    assert.equal(text.slice(0, sliceEnd(text, 20)), 'before\n\n');
  });
});
