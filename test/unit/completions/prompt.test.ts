import { strict as assert } from 'node:assert';
import { canCompleteBefore, lineSuffixOf } from '../../../src/core/completions/cursor';
import { wantsMultiline } from '../../../src/core/completions/multiline';
import {
  ANCHOR_LINES,
  buildCompletionPrompt,
  chooseHoleMarker,
  trimInstructions,
  trimPrefix,
  trimSuffix,
} from '../../../src/core/completions/prompt';
import { chooseSnippets, importSpecifiers } from '../../../src/core/completions/snippets';
import { contextAt, docAt } from './helpers';

/** One token per character: budgets become easy to reason about. */
const chars = (text: string): number => text.length;

function numberedLines(count: number, from = 1): string {
  return Array.from({ length: count }, (_, i) => `line ${from + i}`).join('\n');
}

function userText(prompt: ReturnType<typeof buildCompletionPrompt>): string {
  const part = prompt.request.messages[0].parts[0];
  return part.kind === 'text' ? part.text : '';
}

describe('completion prompt', () => {
  describe('budgets', () => {
    it('keeps the nearest lines of the prefix and always the cursor’s line', () => {
      const prefix = `${numberedLines(50)}\n  const x = `;
      const all = trimPrefix(prefix, 10_000, chars, 1, 1);
      assert.equal(all.text, prefix);
      assert.equal(all.droppedLines, 0);
      const some = trimPrefix(prefix, 40, chars, 1, 1);
      assert.equal(some.text, 'line 48\nline 49\nline 50\n  const x = ');
      assert.equal(trimPrefix(prefix, 0, chars, 1, 1).text, '  const x = ');
    });

    it('starts a trimmed prefix on an anchor line, so consecutive prompts share their head', () => {
      const starts = new Set<number>();
      for (let typed = 0; typed < 12; typed++) {
        const prefix = `${numberedLines(200)}\n${'x'.repeat(typed)}`;
        const trimmed = trimPrefix(prefix, 500, chars, 1);
        const firstLine = Number(/^line (\d+)/.exec(trimmed.text)![1]);
        assert.equal((firstLine - 1) % ANCHOR_LINES, 0, `starts at line ${firstLine}`);
        assert.ok(chars(trimmed.text) <= 500 + typed);
        starts.add(firstLine);
      }
      assert.equal(starts.size, 1, 'typing on the cursor line does not move the start');
    });

    it('keeps the nearest lines of the suffix and always the rest of the cursor’s line', () => {
      const suffix = `);\n${numberedLines(50)}`;
      assert.equal(trimSuffix(suffix, 20, chars).text, ');\nline 1\nline 2');
      assert.equal(trimSuffix(suffix, 0, chars).text, ');');
      assert.equal(trimSuffix(suffix, 10_000, chars).droppedLines, 0);
    });

    it('keeps the head of the project instructions, cut at a line', () => {
      assert.equal(trimInstructions('Use tabs.\r\nPrefer const.\nNo semicolons.', 25, chars), 'Use tabs.\nPrefer const.');
    });

    it('picks a hole marker the file does not contain', () => {
      assert.equal(chooseHoleMarker('a', 'b'), '<|hole|>');
      assert.equal(chooseHoleMarker('const m = "<|hole|>";', ''), '<|fill_here|>');
    });
  });

  describe('the request', () => {
    it('holds the language, the path, the file with the hole, the line with the hole, minimal thinking, a small limit', () => {
      const prompt = buildCompletionPrompt({ document: docAt('function add(a, b) {\n  return <|>\n}\n') }, { model: 'gemini-3.1-flash-lite', family: 'gemini' });
      const user = userText(prompt);
      assert.equal(prompt.request.model, 'gemini-3.1-flash-lite');
      assert.equal(prompt.request.thinkingLevel, 'minimal');
      assert.equal(prompt.request.maxOutputTokens, 64);
      assert.equal(prompt.multiline, false);
      assert.match(user, /File src\/app\.ts \(typescript\):\n<file>\nfunction add\(a, b\) \{\n {2}return <\|hole\|>\n\}\n\n<\/file>/);
      assert.match(user, /The hole is on line 2:\n {2}return <\|hole\|>\n/);
      assert.match(prompt.request.system!, /only|exactly the text to insert/);
      assert.match(prompt.request.system!, /never start a new line/);
      assert.ok(prompt.promptTokens > 20);
    });

    it('asks for a block, with the larger limit, on an empty line after a block opener', () => {
      const prompt = buildCompletionPrompt({ document: docAt('function add(a, b) {\n  <|>\n}\n') }, { model: 'm', family: 'gpt' });
      assert.equal(prompt.multiline, true);
      assert.equal(prompt.request.maxOutputTokens, 320);
      assert.match(prompt.request.system!, /several lines/);
      const never = buildCompletionPrompt({ document: docAt('function add(a, b) {\n  <|>\n}\n') }, { model: 'm', family: 'gpt', multiline: 'never' });
      assert.equal(never.multiline, false);
    });

    it('says which lines it shows when the file is trimmed, and adds instructions first and snippets after the file', () => {
      const text = `${numberedLines(400)}\n<|>\n${numberedLines(400, 401)}`;
      const prompt = buildCompletionPrompt(
        {
          document: docAt(text),
          instructions: 'Prefer early returns.',
          snippets: [{ path: 'src/lines.ts', source: 'import', text: 'export const line = 1;' }],
        },
        { model: 'm', family: 'gemini', budgets: { prefixTokens: 100, suffixTokens: 50 } },
      );
      const user = userText(prompt);
      assert.match(user, /, lines \d+-\d+:/);
      assert.ok(user.indexOf('Prefer early returns.') < user.indexOf('<file>'));
      assert.ok(user.indexOf('<file>') < user.indexOf('<snippet path="src/lines.ts"'));
      assert.ok(!user.includes('line 1\n'), 'far lines are trimmed');
    });

    it('redacts secrets in the file text and snippets, and never sends excluded snippets', () => {
      const prompt = buildCompletionPrompt(
        {
          document: docAt('const key = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD";\nconst client = <|>'),
          snippets: [
            { path: '.env', source: 'openEditor', text: 'client token client' },
            { path: 'src/client.ts', source: 'openEditor', text: 'export const client = new Client("AIzaSyA1234567890abcdefghijklmnopqrstuv");' },
          ],
        },
        { model: 'm', family: 'gemini', isExcluded: (path) => path === '.env' },
      );
      const user = userText(prompt);
      assert.ok(!user.includes('sk-proj-abcdefghijklmnopqrstuvwxyz'), user);
      assert.ok(!user.includes('AIzaSyA1234567890'), user);
      assert.ok(!user.includes('.env'));
      assert.ok(user.includes('src/client.ts'));
    });
  });

  describe('when to complete and how much', () => {
    it('completes at the end of a line and before closing punctuation, not inside a word or before code', () => {
      for (const source of ['const x = <|>', 'log(<|>)', 'const s = "<|>";', 'if (a<|>) {', 'f(<|>);  ', 'x = [<|>]']) {
        assert.ok(canCompleteBefore(lineSuffixOf(docAt(source))), source);
      }
      for (const source of ['cons<|>t x', 'log(<|>a)', '<|>foo()', 'a <|>= b']) assert.ok(!canCompleteBefore(lineSuffixOf(docAt(source))), source);
      assert.equal(lineSuffixOf(docAt('f(<|>);\r\nnext')), ');');
    });

    it('goes multi-line on an empty line after a block opener whose body is empty, in each language', () => {
      const yes: [string, string][] = [
        ['function f() {\n  <|>\n}', 'typescript'],
        ['const xs = [\n  <|>\n];', 'typescript'],
        ['items.map((x) =>\n  <|>', 'typescript'],
        ['def f():\n    <|>\n', 'python'],
        ['if x:  # check\n    <|>', 'python'],
        ['items.each do |item|\n  <|>\nend', 'ruby'],
        ['for f in *; do\n  <|>\ndone', 'shellscript'],
      ];
      for (const [source, languageId] of yes) assert.ok(wantsMultiline(contextAt(source, languageId), 'auto'), source);
      const no: [string, string][] = [
        ['function f() {\n  <|>\n  return 1;\n}', 'typescript'],
        ['const x = 1;\n<|>', 'typescript'],
        ['function f() {\n  const x = <|>\n}', 'typescript'],
        ['// see {\n<|>', 'typescript'],
        ['# Title {\n<|>', 'markdown'],
      ];
      for (const [source, languageId] of no) assert.ok(!wantsMultiline(contextAt(source, languageId), 'auto'), source);
      assert.ok(wantsMultiline(contextAt('const x = 1;\n<|>'), 'always'));
      assert.ok(!wantsMultiline(contextAt('function f() {\n  <|>\n}'), 'never'));
    });
  });

  describe('snippets', () => {
    const cursor = 'const cart = new Cart();\ncart.addItem(product, quantity);\nconst total = cart.<|>';

    it('takes from each file the window that shares the most names with the code at the cursor', () => {
      const filler = numberedLines(60);
      const cartFile = `${filler}\nexport class Cart {\n  addItem(product: Product, quantity: number) {}\n  total(): number { return 0; }\n}\n${filler}`;
      const chosen = chooseSnippets([{ path: 'src/cart.ts', source: 'openEditor', text: cartFile }], cursor, { budgetTokens: 10_000, maxSnippets: 3, count: chars });
      assert.equal(chosen.length, 1);
      assert.ok(chosen[0].text.includes('export class Cart'));
      assert.ok(chosen[0].startLine > 1);
      assert.ok(chosen[0].text.split('\n').length <= 30);
    });

    it('ranks imports over equally relevant editors, skips unrelated editors, the file itself, duplicates and excluded files', () => {
      const chosen = chooseSnippets(
        [
          { path: 'src/a.ts', source: 'openEditor', text: 'cart total quantity' },
          { path: 'src/b.ts', source: 'import', text: 'cart total quantity' },
          { path: 'src/b.ts', source: 'openEditor', text: 'cart total quantity' },
          { path: 'src/unrelated.ts', source: 'openEditor', text: 'weather forecast' },
          { path: 'src/app.ts', source: 'openEditor', text: 'cart total' },
          { path: 'secrets.json', source: 'openEditor', text: 'cart total' },
        ],
        cursor,
        { budgetTokens: 10_000, maxSnippets: 3, count: chars, currentPath: 'src/app.ts', isExcluded: (p) => p === 'secrets.json' },
      );
      assert.deepEqual(chosen.map((s) => s.path), ['src/b.ts', 'src/a.ts']);
    });

    it('stays within the token budget and the snippet count, shortening a window to fit', () => {
      const long = Array.from({ length: 30 }, () => 'cart.addItem(product, quantity);').join('\n');
      const chosen = chooseSnippets(
        [
          { path: 'src/a.ts', source: 'import', text: long },
          { path: 'src/b.ts', source: 'import', text: long },
        ],
        cursor,
        { budgetTokens: 400, maxSnippets: 1, count: chars },
      );
      assert.equal(chosen.length, 1);
      assert.ok(chosen[0].tokens <= 400);
      assert.ok(chosen[0].text.split('\n').length >= 4);
    });

    it('lists the modules a file imports', () => {
      const ts = "import { a } from './a';\nimport type { B } from \"../b\";\nexport * from './c';\nconst d = require('./d');\nconst e = await import('./e');\nimport './side-effect';";
      assert.deepEqual(importSpecifiers(ts, 'typescript'), ['./a', '../b', './c', './d', './e', './side-effect']);
      assert.deepEqual(importSpecifiers('from .models import User\nimport os\n', 'python'), ['.models', 'os']);
      assert.deepEqual(importSpecifiers('#include <stdio.h>', 'c'), []);
    });
  });
});
