import { strict as assert } from 'node:assert';
import { cleanAnswer, isLeadInLine, stripFences, stripLineEcho } from '../../../src/core/completions/clean';
import { contextAt } from './helpers';

const blankLine = contextAt('function f() {\n  <|>\n}\n');
const clean = (reply: string, source = 'function f() {\n  <|>\n}\n', languageId = 'typescript'): string =>
  cleanAnswer(reply, contextAt(source, languageId), '<|hole|>');

describe('completion reply cleaning', () => {
  describe('fences', () => {
    it('unwraps a fenced reply, with or without a language, indented or with spaces around the closing fence', () => {
      assert.equal(stripFences('```typescript\nreturn 1;\n```', 'typescript'), 'return 1;');
      assert.equal(stripFences('```\nreturn 1;\n  ```  ', 'typescript'), 'return 1;');
      assert.equal(stripFences('  ```py\nx = 1\ny = 2\n```', 'python'), 'x = 1\ny = 2');
      assert.equal(stripFences('~~~js\nreturn 1;\n~~~', 'javascript'), 'return 1;');
      assert.equal(stripFences('```ts title="a.ts"\nreturn 1;\n```', 'typescript'), 'return 1;');
    });

    it('drops an opening fence left unclosed, and a lone closing fence after the code', () => {
      assert.equal(stripFences('```ts\nconst x = 5;\nlog(x);', 'typescript'), 'const x = 5;\nlog(x);');
      assert.equal(stripFences('const y = 10;\nlog(y);\n```', 'typescript'), 'const y = 10;\nlog(y);');
    });

    it('keeps backticks that are code: template literals, and a fence that is not on a line of its own', () => {
      assert.equal(stripFences('const s = `a ${b}`;\nlog(s);', 'typescript'), 'const s = `a ${b}`;\nlog(s);');
      assert.equal(stripFences('```ts\nconst x = 5; // end```', 'typescript'), 'const x = 5; // end```');
    });

    it('takes the fenced code after a lead-in, and only the code before a fence that follows code', () => {
      assert.equal(stripFences('Here is the completion:\n```ts\nreturn 1;\n```', 'typescript'), 'return 1;');
      assert.equal(stripFences('return 1;\n```ts\nreturn 1;\n```', 'typescript'), 'return 1;');
    });

    it('in Markdown unwraps only a reply wholly inside one fence: a fence can be the Markdown itself', () => {
      assert.equal(stripFences('text\n```js\ncode\n```', 'markdown'), 'text\n```js\ncode\n```');
      assert.equal(stripFences('```md\n# Title\n```', 'markdown'), '# Title');
    });
  });

  describe('prose', () => {
    it('recognises lead-in sentences but not code that starts with the same words', () => {
      for (const line of ['Here is the completion:', "Sure! Here's the code:", 'Certainly, the missing text is below.', 'The completion is `x + 1`.']) {
        assert.ok(isLeadInLine(line), line);
      }
      for (const line of ['insert(x);', 'sure = true;', 'here(is, the);', 'Here.is = code;', 'okay()']) assert.ok(!isLeadInLine(line), line);
    });

    it('drops a lead-in line, a trailing explanation after a blank line, and "no completion" replies', () => {
      assert.equal(clean('Here is the code to insert:\nreturn total;'), 'return total;');
      assert.equal(clean('return total;\n\nThis returns the sum of the items.'), 'return total;');
      assert.equal(clean('Sure, here it is.'), '');
      assert.equal(clean('No completion needed.'), '');
      assert.equal(clean('(empty)'), '');
    });

    it('keeps Python None, and code lines after a blank line that merely start with a capital', () => {
      assert.equal(clean('None', 'def f():\n    return <|>\n', 'python'), 'None');
      assert.equal(clean('a = 1\n\nThis.b = 2;'), 'a = 1\n\nThis.b = 2;');
    });

    it('removes the hole marker and wrapper tags the model copied', () => {
      assert.equal(clean('<|hole|>return 1;'), 'return 1;');
      assert.equal(clean('<completion>return 1;</completion>'), 'return 1;');
      assert.equal(clean('<COMPLETION>\nreturn 1;\n</COMPLETION>'), 'return 1;');
    });

    it('normalises line endings and a byte-order mark', () => {
      assert.equal(clean('\uFEFFa();\r\nb();\rc();'), 'a();\nb();\nc();');
    });
  });

  describe('echoed code before the cursor', () => {
    it('strips the whole line typed so far, whatever indentation the model gave it', () => {
      assert.equal(stripLineEcho('    const total = items.length;', '    const total = '), 'items.length;');
      assert.equal(stripLineEcho('const total = items.length;', '    const total = '), 'items.length;');
    });

    it('strips a tail of the line that starts at a word, including the fragment of the word being typed', () => {
      assert.equal(stripLineEcho('console.log(x);', '  cons'), 'ole.log(x);');
      assert.equal(stripLineEcho('items.map((x) => x * 2);', '  return items.ma'), 'p((x) => x * 2);');
      assert.equal(stripLineEcho('self.name = name', '        s'), 'elf.name = name');
      assert.equal(stripLineEcho('a + b;', '  return a'), ' + b;');
    });

    it('never takes punctuation the answer starts with for an echo', () => {
      assert.equal(stripLineEcho('(a && b) || c)', '  if ('), '(a && b) || c)');
      assert.equal(stripLineEcho('[0]', 'const first = items'), '[0]');
      assert.equal(stripLineEcho('.length', 'const n = items'), '.length');
    });

    it('drops the extra space of a reply that starts with one after a line ending in a space', () => {
      assert.equal(stripLineEcho(' items.length;', '  const n = '), 'items.length;');
      assert.equal(stripLineEcho('  x', '    '), '  x');
    });

    it('strips whole lines before the cursor that the reply restates, then the echo of the cursor line', () => {
      const source = 'function total(items: number[]) {\n  let sum = 0;\n  for (const item of items) <|>\n}\n';
      const reply = '  let sum = 0;\n  for (const item of items) {\n    sum += item;\n  }';
      assert.equal(clean(reply, source), '{\n    sum += item;\n  }');
    });

    it('does not strip a short repeated line such as a lone brace: that is as likely the answer’s own', () => {
      const source = 'if (a) {\n  b();\n}\n<|>';
      assert.equal(clean('}\nelse();', source), '}\nelse();');
      assert.ok(blankLine.linePrefix === '  ');
    });
  });
});
