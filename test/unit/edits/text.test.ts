import { strict as assert } from 'node:assert';
import { buildText, detectIndent, indentColumns, joinText, lineKey, proposalLines, renderIndent, splitText } from '../../../src/core/edits/text';

describe('edit text shape', () => {
  it('splits and rejoins any text byte for byte', () => {
    for (const text of ['', '\n', 'a', 'a\n', 'a\r\nb\r\n', 'a\nb\r\nc', '\uFEFFx\r\ny', '\n\n\n']) {
      assert.equal(joinText(splitText(text)), text);
    }
  });

  it('finds the dominant line ending, BOM and final newline', () => {
    const crlf = splitText('\uFEFFa\r\nb\r\nc\n');
    assert.equal(crlf.eol, '\r\n');
    assert.equal(crlf.bom, true);
    assert.equal(crlf.finalNewline, true);
    assert.deepEqual(crlf.lines, ['a', 'b', 'c']);
    const bare = splitText('x');
    assert.equal(bare.finalNewline, false);
    assert.equal(splitText('', '\r\n').eol, '\r\n');
  });

  it('builds edited text: kept lines keep their ending, new ones get the dominant one', () => {
    const doc = splitText('a\r\nb\nc\r\n');
    assert.equal(buildText(doc, [{ kept: 0 }, { text: 'new' }, { kept: 1 }, { kept: 2 }]), 'a\r\nnew\r\nb\nc\r\n');
    const noFinal = splitText('a\nb');
    assert.equal(buildText(noFinal, [{ kept: 1 }, { kept: 0 }]), 'b\na');
    assert.equal(buildText(splitText(''), [{ text: 'first' }]), 'first\n');
  });

  it('reads proposal lines whatever their endings, without a phantom last line', () => {
    assert.deepEqual(proposalLines('a\r\nb\n'), ['a', 'b']);
    assert.deepEqual(proposalLines('a\n\n'), ['a', '']);
    assert.deepEqual(proposalLines(''), []);
  });

  it('detects tabs, and the space unit from indentation steps', () => {
    assert.deepEqual(detectIndent(['a', '\tb', '\t\tc']), { useTabs: true, unit: 4 });
    assert.deepEqual(detectIndent(['a', '  b', '    c', '  d']), { useTabs: false, unit: 2 });
    assert.deepEqual(detectIndent(['a', '    b', '        c']), { useTabs: false, unit: 4 });
    assert.equal(detectIndent(['a', 'b']), undefined);
    // JSDoc continuation lines (" *") are not evidence of 1-space indentation.
    assert.deepEqual(detectIndent(['/**', ' * doc', ' */', '\tx']), { useTabs: true, unit: 4 });
  });

  it('measures and renders indentation', () => {
    assert.equal(indentColumns('\t  ', 4), 6);
    assert.equal(renderIndent(6, { useTabs: true, unit: 4 }), '\t  ');
    assert.equal(renderIndent(6, { useTabs: false, unit: 2 }), '      ');
  });

  it('keys lines ignoring indentation and whitespace runs', () => {
    assert.equal(lineKey('\t  return  a +\tb;  '), 'return a + b;');
  });
});
