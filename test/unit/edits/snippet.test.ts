import { strict as assert } from 'node:assert';
import { isElision, snippetShape } from '../../../src/core/edits/snippet';

describe('edit snippets', () => {
  it('recognises elision comments in many comment syntaxes', () => {
    const elisions = [
      '// ... existing code ...',
      '  // ...rest of the code',
      '# ... existing code ...',
      '-- ... existing columns ...',
      '/* ... existing styles ... */',
      '<!-- ... existing markup ... -->',
      '; ... existing code ...',
      ';; ...',
      '{/* ... existing code ... */}',
      "' ... existing code ...",
      '// …',
      '// ... (other methods unchanged) ...',
      '// existing code',
      '// rest of the file unchanged',
      '# ... keep the rest as is',
    ];
    for (const line of elisions) assert.equal(isElision(line), true, line);
  });

  it('leaves real code and ordinary comments alone', () => {
    const code = [
      '...',
      'foo(...args);',
      '// compute the total before tax',
      '# TODO: handle errors',
      '/* eslint-disable */',
      '// ... and then we divide by the total count of all the items in the basket that are still valid',
      'const spread = { ...rest };',
      '-- select everything',
    ];
    for (const line of code) assert.equal(isElision(line), false, line);
  });

  it('splits a snippet into stretches between elisions', () => {
    const shape = snippetShape(['', '// ... existing code ...', 'a', '', '// ...', '', '// ...', 'b', '// ...', '']);
    assert.deepEqual(shape, { segments: [['a', ''], ['b']], leading: true, trailing: true, followers: ['// ...', '// ...'] });
  });

  it('trims blank lines at the ends of a snippet without elisions there', () => {
    assert.deepEqual(snippetShape(['', 'a', 'b', '']), { segments: [['a', 'b']], leading: false, trailing: false, followers: [undefined] });
  });
});
