import { strict as assert } from 'node:assert';
import { parseEditAnswer } from '../../../src/core/edits/answer';

describe('edit answer parsing', () => {
  it('takes the single fenced block, ignoring prose around it', () => {
    const parsed = parseEditAnswer('Sure, here it is:\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\nThis adds b.');
    assert.deepEqual(parsed, { kind: 'replacement', text: 'const a = 1;\n\nconst b = 2;\n', language: 'ts', complete: true });
  });

  it('accepts a block cut at the end of the stream', () => {
    const parsed = parseEditAnswer('Here:\n```python\ndef f():\n    return 1\n');
    assert.deepEqual(parsed, { kind: 'replacement', text: 'def f():\n    return 1\n', language: 'python', complete: false });
  });

  it('honours longer fences around content that itself has fences', () => {
    const parsed = parseEditAnswer('````md\n# Title\n```js\nx()\n```\n````\n');
    assert.equal(parsed.kind, 'replacement');
    if (parsed.kind === 'replacement') assert.equal(parsed.text, '# Title\n```js\nx()\n```\n');
  });

  it('handles CRLF answers and tilde fences', () => {
    const parsed = parseEditAnswer('~~~\r\na\r\nb\r\n~~~\r\n');
    assert.equal(parsed.kind === 'replacement' && parsed.text, 'a\nb\n');
  });

  it('refuses an answer without a code block, or with several', () => {
    assert.equal(parseEditAnswer('I cannot do that.').kind, 'none');
    const several = parseEditAnswer('```ts\na\n```\nand\n```ts\nb\n```\n');
    assert.equal(several.kind, 'none');
    if (several.kind === 'none') assert.match(several.reason, /2 code blocks/);
  });

  it('reads SEARCH/REPLACE blocks inside or outside fences', () => {
    const answer = [
      'Two changes:',
      '```ts',
      '<<<<<<< SEARCH',
      'const a = 1;',
      '=======',
      'const a = 2;',
      '>>>>>>> REPLACE',
      '```',
      'and',
      '<<<<<<< SEARCH',
      '  f();',
      '',
      '=======',
      '>>>>>>> REPLACE',
    ].join('\n');
    assert.deepEqual(parseEditAnswer(answer), {
      kind: 'searchReplace',
      blocks: [
        { search: ['const a = 1;'], replace: ['const a = 2;'] },
        { search: ['  f();', ''], replace: [] },
      ],
      complete: true,
    });
  });

  it('keeps a replacement cut before its REPLACE marker, without the closing fence', () => {
    const parsed = parseEditAnswer('```\n<<<<<<< SEARCH\nold\n=======\nnew\n```\n');
    assert.deepEqual(parsed, { kind: 'searchReplace', blocks: [{ search: ['old'], replace: ['new'] }], complete: false });
  });

  it('refuses a SEARCH block that never reaches its divider', () => {
    const parsed = parseEditAnswer('<<<<<<< SEARCH\nold\n');
    assert.equal(parsed.kind, 'none');
  });
});
