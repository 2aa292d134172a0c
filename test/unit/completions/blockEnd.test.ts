import { strict as assert } from 'node:assert';
import { postprocessCompletion, stopAtLoop } from '../../../src/core/completions/postprocess';
import { applied, contextAt } from './helpers';

function complete(source: string, reply: string, multiline = false, languageId = 'typescript'): string {
  const result = postprocessCompletion(reply, contextAt(source, languageId), { multiline });
  return result.ok ? applied(source, result.answer) : `rejected: ${result.reason}`;
}

describe('completion block end', () => {
  describe('one line', () => {
    it('cuts at the first line break', () => {
      assert.equal(complete('const total = <|>', 'items.length;\nconsole.log(total);'), 'const total = items.length;');
    });

    it('drops leading empty lines on an empty cursor line, but shows nothing for a next-line reply mid-line', () => {
      assert.equal(complete('if (a) {\n  <|>\n}', '\n\n  return 1;'), 'if (a) {\n  return 1;\n}');
      assert.equal(complete('const total = 1;<|>', '\nconst next = 2;'), 'rejected: empty');
    });

    it('lets the reply close what the cursor line opened, but not what an earlier line opened', () => {
      assert.equal(complete('const n = sum(items.map(<|>', 'square))'), 'const n = sum(items.map(square))');
      assert.equal(complete('function f() {\n  call(<|>\n}', 'a); }'), 'function f() {\n  call(a);\n}');
      assert.equal(complete('if (a) {\n  <|>\n}', '} else {'), 'rejected: repeatsFollowingText');
    });

    it('counts no brackets inside strings or comments', () => {
      assert.equal(complete('log(<|>', '")" + x)'), 'log(")" + x)');
      assert.equal(complete('function f() {\n  x = 1; <|>\n}', '// } done'), 'function f() {\n  x = 1; // } done\n}');
    });
  });

  describe('a block', () => {
    it('stops before a closing bracket the file already has, even when the reply writes more after it', () => {
      const source = 'function f(items) {\n  <|>\n}\n';
      const reply = 'let total = 0;\nfor (const i of items) total += i;\nreturn total;\n}\n\nfunction g() {\n  return 2;\n}';
      assert.equal(
        complete(source, reply, true),
        'function f(items) {\n  let total = 0;\n  for (const i of items) total += i;\n  return total;\n}\n',
      );
    });

    it('keeps the closing bracket the file lacks, and nothing after it', () => {
      const source = 'function f(items) {\n  <|>';
      const reply = 'return items.length;\n}\n\nexport default f;';
      assert.equal(complete(source, reply, true), 'function f(items) {\n  return items.length;\n}');
    });

    it('keeps the punctuation on the closing line (`});`) but not a block it reopens (`} else {`)', () => {
      assert.equal(complete('it("works", () => {\n  <|>', 'expect(1).toBe(1);\n});\nit("next")', true), 'it("works", () => {\n  expect(1).toBe(1);\n});');
      assert.equal(complete('if (a) {\n  <|>', 'run();\n} else {\n  stop();\n}', true), 'if (a) {\n  run();\n}');
    });

    it('stops before a closing bracket on the cursor line itself: multi-line arguments', () => {
      const source = 'const x = call(\n  <|>\n);';
      assert.equal(complete(source, 'first,\nsecond\n);', true), 'const x = call(\n  first,\n  second\n);');
    });

    it('ends a Python block where the indentation drops below its body', () => {
      const source = 'def total(items):\n    <|>\n';
      const reply = 'result = 0\n    for item in items:\n        result += item\n    return result\n\nprint(total([1, 2]))';
      assert.equal(
        complete(source, reply, true, 'python'),
        'def total(items):\n    result = 0\n    for item in items:\n        result += item\n    return result\n',
      );
    });

    it('ends a Python block at an `else:` of the enclosing statement', () => {
      const source = 'if ready:\n    <|>\n';
      assert.equal(complete(source, 'start()\nelse:\n    wait()', true, 'python'), 'if ready:\n    start()\n');
    });

    it('ends a YAML mapping where the indentation drops', () => {
      const source = 'services:\n  web:\n    <|>\n';
      assert.equal(complete(source, 'image: nginx\n    ports:\n      - "80:80"\n  db:\n    image: postgres', true, 'yaml'), 'services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n');
    });

    it('treats `end`-style keywords like closing brackets (Ruby, Lua, shell)', () => {
      assert.equal(complete('def greet(name)\n  <|>\nend\n', 'puts "hi #{name}"\nend\n\ngreet("a")', true, 'ruby'), 'def greet(name)\n  puts "hi #{name}"\nend\n');
      assert.equal(complete('if [ -f x ]; then\n  <|>', 'echo found\nfi\necho after', true, 'shellscript'), 'if [ -f x ]; then\n  echo found\nfi');
    });

    it('stops a JSON object reply at the brace the file already has, whatever the model writes after it', () => {
      const source = '{\n  "place": {\n    "coordinates": {\n      <|>\n    }\n  },\n  "staff": []\n}\n';
      const reply = '"lat": 48.85,\n      "lon": 2.35\n    }\n  },\n  "count": 2,\n  "tags": ["a"]';
      assert.equal(
        complete(source, reply, true, 'json'),
        '{\n  "place": {\n    "coordinates": {\n      "lat": 48.85,\n      "lon": 2.35\n    }\n  },\n  "staff": []\n}\n',
      );
    });

    it('completes inside a string and a call in a Markdown code block, closing both', () => {
      const source = 'Example:\n\n```js\nfunction hello() {\n  console.log("Hello, <|>\n}\n```\n';
      assert.equal(complete(source, 'world!");\n}', false, 'markdown'), 'Example:\n\n```js\nfunction hello() {\n  console.log("Hello, world!");\n}\n```\n');
    });

    it('cuts a reply stuck in a loop, keeping one copy of what repeats', () => {
      assert.equal(stopAtLoop('a = 1\nlog(a)\nlog(a)\nlog(a)\nlog(a)'), 'a = 1\nlog(a)');
      assert.equal(stopAtLoop('x++;\nx++;'), 'x++;\nx++;');
      assert.equal(stopAtLoop('push(1);\npop();\npush(1);\npop();\npush(1);\npop();'), 'push(1);\npop();');
      assert.equal(stopAtLoop('}\n}\n}'), '}\n}\n}');
    });

    it('rejects a reply that only restates the line above', () => {
      assert.equal(complete('const total = items.length;\n<|>', 'const total = items.length;'), 'rejected: repeatsLineAbove');
      assert.equal(complete('  foo(a, b);\n  foo(<|>', 'a, b);'), 'rejected: repeatsLineAbove');
    });
  });
});
