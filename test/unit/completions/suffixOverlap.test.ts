import { strict as assert } from 'node:assert';
import { postprocessCompletion } from '../../../src/core/completions/postprocess';
import { applied, contextAt } from './helpers';

/** The document after applying the processed reply, or the rejection. */
function complete(source: string, reply: string, multiline = false, languageId = 'typescript'): string {
  const result = postprocessCompletion(reply, contextAt(source, languageId), { multiline });
  return result.ok ? applied(source, result.answer) : `rejected: ${result.reason}`;
}

describe('completion suffix overlap', () => {
  describe('on the cursor line', () => {
    it('drops the rest of the line when the reply repeats it', () => {
      assert.equal(complete('console.log(<|>);', '"hello");'), 'console.log("hello");');
      assert.equal(complete('const x = foo(<|>, b);', 'a, b);'), 'const x = foo(a, b);');
      assert.equal(complete('run(<|>, g());', 'f, g());'), 'run(f, g());');
    });

    it('drops the start of the rest of the line when the reply ends with it', () => {
      assert.equal(complete('console.log(<|>);', '"hello")'), 'console.log("hello");');
      assert.equal(complete('if (ready(<|>)) {', 'items)'), 'if (ready(items)) {');
    });

    it('keeps a closing bracket the reply opened itself, which a character overlap would strip', () => {
      assert.equal(complete('bar(<|>)', 'foo(a)'), 'bar(foo(a))');
      assert.equal(complete('const v = [<|>];', '[1, 2]'), 'const v = [[1, 2]];');
      assert.equal(complete('call(<|>)', 'wrap(inner(x))'), 'call(wrap(inner(x)))');
    });

    it('replaces the rest of the line when the reply contains it with more after it, so nothing doubles', () => {
      const source = 'console.log(<|>)';
      const result = postprocessCompletion('"hello");', contextAt(source), { multiline: false });
      assert.ok(result.ok);
      assert.deepEqual(result.answer, { text: '"hello");', replaceLength: 1 });
      assert.equal(applied(source, result.answer), 'console.log("hello");');
      assert.equal(complete('fn(a, [<|>])', 'b, c]);'), 'fn(a, [b, c]);');
    });

    it('replaces punctuation the reply weaves in with more between', () => {
      assert.equal(complete('const v = [f(<|>)]', 'a), b]'), 'const v = [f(a), b]');
    });

    it('treats quotes like brackets: a closing quote the reply did not open is the one already there', () => {
      assert.equal(complete('const s = "<|>";', 'hello";'), 'const s = "hello";');
      assert.equal(complete('const s = "<|>"', 'hello"'), 'const s = "hello"');
      assert.equal(complete('log(<|>)', '"a")'), 'log("a")');
    });

    it('rejects a reply that is nothing but the rest of the line', () => {
      assert.equal(complete('foo(<|>);', ');'), 'rejected: repeatsFollowingText');
      assert.equal(complete('foo(<|>)', ')'), 'rejected: repeatsFollowingText');
    });

    it('leaves a reply alone when only a word-character coincides with the rest of the line', () => {
      assert.equal(complete('f(<|>)', 'x'), 'f(x)');
      assert.equal(complete('f(<|>a)', 'a'), 'f(aa)');
    });
  });

  describe('on the following lines', () => {
    it('cuts a block reply where it starts repeating the next line of the file', () => {
      const source = 'function f(items) {\n  <|>\n  return total;\n}\n';
      assert.equal(complete(source, 'let total = 0;\nreturn total;\n}', true), 'function f(items) {\n  let total = 0;\n  return total;\n}\n');
    });

    it('rejects a reply made of the lines after the cursor, and keeps what comes before such lines', () => {
      const source = 'async function load(\n  path: string,\n  options: Options = {},\n<|>\n): Promise<Item[]> {\n  const items: Item[] = [];\n';
      assert.equal(complete(source, '): Promise<Item[]> {\n  const items: Item[] = [];', true), 'rejected: repeatsFollowingText');
      assert.equal(
        complete(source, 'signal?: AbortSignal,\n): Promise<Item[]> {\n  const items: Item[] = [];', true),
        source.replace('<|>', 'signal?: AbortSignal,'),
      );
    });

    it('rejects a reply on an empty line that is just the next line of the file', () => {
      const source = 'useEffect(() => {\n  const id = setInterval(tick, 1000);\n  <|>\n  return () => clearInterval(id);\n}, []);';
      assert.equal(complete(source, 'return () => clearInterval(id);'), 'rejected: repeatsFollowingText');
    });

    it('keeps a closing line that closes what the reply opened, even when the file has the same line next', () => {
      const source = 'function f(a) {\n  <|>\n}\n';
      assert.equal(complete(source, 'if (a) {\n  return 1;\n}', true), 'function f(a) {\n  if (a) {\n    return 1;\n  }\n}\n');
    });

    it('does not take the next line for an echo when it is too short to tell (a lone brace)', () => {
      const source = 'const a = {\n  <|>\n};\n';
      assert.equal(complete(source, 'x: 1,\ny: 2,', true), 'const a = {\n  x: 1,\n  y: 2,\n};\n');
    });
  });
});
