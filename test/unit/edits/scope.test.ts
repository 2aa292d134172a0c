import { strict as assert } from 'node:assert';
import { blockEnds, blockSpans, bracketDelta, declaredName, isCloserLine, isHeader } from '../../../src/core/edits/scope';

const columns = (line: string) => /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;

describe('edit scopes', () => {
  it('counts brackets outside strings and line comments', () => {
    assert.equal(bracketDelta('function f(a) {'), 1);
    assert.equal(bracketDelta('const s = "{"; // }'), 0);
    assert.equal(bracketDelta('  });'), -2);
    assert.equal(bracketDelta("x = '(' + `[`"), 0);
  });

  it('finds bracket blocks and indentation blocks with their closers', () => {
    const js = ['class A {', '  f() {', '    return 1;', '  }', '}'];
    assert.deepEqual(blockEnds(js, columns), [4, 3, undefined, undefined, undefined]);
    const py = ['class A:', '    def f(self):', '        return 1', '', 'x = 1'];
    assert.deepEqual(blockEnds(py, columns), [2, 2, undefined, undefined, undefined]);
    const rb = ['def f', '  1', 'end', 'puts f'];
    assert.deepEqual(blockEnds(rb, columns), [2, undefined, undefined, undefined]);
  });

  it('closes an indentation block at the end of the lines only if what follows is not deeper', () => {
    const stretch = ['    def f(self):', '        return 1'];
    assert.deepEqual(blockSpans(stretch, columns, 4)[0], { end: 1, explicit: false });
    assert.equal(blockSpans(stretch, columns, 8)[0], undefined);
    assert.deepEqual(blockSpans(['if (x) {', '  y();', '}'], columns)[0], { end: 2, explicit: true });
    assert.equal(blockEnds(['if (x) {', '  y();'], columns)[0], undefined);
  });

  it('recognises headers, the names they declare, and closers', () => {
    assert.equal(declaredName('  async save(user: User): Promise<void> {'), 'save');
    assert.equal(declaredName('def total(self):'), 'total');
    assert.equal(declaredName('export class Cart<T> {'), 'Cart');
    assert.equal(declaredName('  if (ready) {'), undefined);
    assert.ok(isHeader('  save(user) {') && isHeader('def f():') && isHeader('class X'));
    assert.ok(!isHeader('  return x;'));
    for (const line of ['}', '  });', 'end', '</div>', 'fi']) assert.ok(isCloserLine(line), line);
    assert.ok(!isCloserLine('endpoint = 1'));
  });
});
