import { strict as assert } from 'node:assert';
import { firstUnmatchedCloser, scanEnd } from '../../../src/core/completions/brackets';
import { cursorContext } from '../../../src/core/completions/cursor';
import { languageHints } from '../../../src/core/completions/languages';
import { contextAt } from './helpers';

describe('completion cursor context', () => {
  it('splits the cursor line, counts the line, and reads the file’s line ending and indentation', () => {
    const ctx = contextAt('a\r\n\tif (x) {\r\n\t\tcall(<|>);\r\n\t}\r\n');
    assert.equal(ctx.linePrefix, '\t\tcall(');
    assert.equal(ctx.lineSuffix, ');');
    assert.equal(ctx.line, 3);
    assert.equal(ctx.eol, '\r\n');
    assert.ok(!ctx.prefix.includes('\r') && !ctx.suffix.includes('\r'));
    assert.deepEqual(ctx.indent, { useTabs: true, unit: 4 });
    assert.equal(ctx.indentDetected, true);
    assert.equal(contextAt('a = 1\nb = <|>').indentDetected, false);
  });

  it('reads only windows of a huge file, starting at a line boundary', () => {
    const line = 'const value = compute(input); // some comment to make the line longer\n';
    const text = line.repeat(20_000);
    const offset = text.length / 2;
    const ctx = cursorContext({ text, offset, languageId: 'typescript', path: 'big.ts' });
    assert.equal(ctx.prefixIsWhole, false);
    assert.equal(ctx.suffixIsWhole, false);
    assert.ok(ctx.prefix.length <= 24_000 && ctx.prefix.startsWith('const value'));
    assert.ok(ctx.suffix.length <= 24_000);
    assert.equal(ctx.line, 10_001);
  });

  it('tracks brackets outside strings and comments, and what the cursor line leaves open', () => {
    const ts = languageHints('typescript');
    assert.deepEqual(scanEnd('foo(a, [b, "(" ', ts), { openers: ['(', '['], quote: undefined });
    assert.deepEqual(scanEnd('log("unfinished (', ts), { openers: ['('], quote: '"' });
    assert.equal(firstUnmatchedCloser('a) + b]', ts, ['[', '(']), -1, 'closes what the line opened, innermost first');
    assert.equal(firstUnmatchedCloser('a) + b]', ts, ['(']), 6);
    assert.equal(firstUnmatchedCloser('x } y', ts), 2);
    assert.equal(firstUnmatchedCloser('"}" // }', ts), -1);
    assert.equal(firstUnmatchedCloser('`${a}`)', ts), 6);
    assert.equal(firstUnmatchedCloser('# }', languageHints('python')), -1);
  });
});
