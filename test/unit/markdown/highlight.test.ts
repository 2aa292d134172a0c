// Code colours come from highlight.js's HTML, read back into runs of code offsets (codeColours.ts paints them as CSS
// highlights). The oracle is highlight.js's own token tree, walked here independently of its HTML.
import * as assert from 'node:assert/strict';
import hljs from 'highlight.js/lib/core';
import { COLOUR_OF_SCOPE, colouredRuns, runsOfHighlightedHtml, type CodeColour, type ColouredRun } from '../../../src/webview/markdown/highlight';

interface TokenNode {
  scope?: string;
  children: (string | TokenNode)[];
}

/** The colour of each code unit, from the token tree: the innermost scope that has a colour. */
function coloursFromTree(code: string, language: string): (CodeColour | undefined)[] {
  const result = hljs.highlight(code, { language, ignoreIllegals: true }) as unknown as { _emitter: { rootNode: TokenNode } };
  const colours: (CodeColour | undefined)[] = [];
  const walk = (node: TokenNode, around: CodeColour | undefined): void => {
    // The HTML names scope `title.function` as the classes `hljs-title function_`.
    const [first = '', ...rest] = (node.scope ?? '').split('.');
    const colour = node.scope ? (COLOUR_OF_SCOPE[[first, ...rest.map((part) => `${part}_`)].join('.')] ?? COLOUR_OF_SCOPE[first] ?? around) : around;
    for (const child of node.children) {
      if (typeof child === 'string') for (let i = 0; i < child.length; i++) colours.push(colour);
      else walk(child, colour);
    }
  };
  walk(result._emitter.rootNode, undefined);
  return colours;
}

function coloursFromRuns(code: string, runs: readonly ColouredRun[]): (CodeColour | undefined)[] {
  const colours = new Array<CodeColour | undefined>(code.length).fill(undefined);
  for (const run of runs) for (let i = run.start; i < run.end; i++) colours[i] = run.colour;
  return colours;
}

const SAMPLES: readonly [string, string][] = [
  ['typescript', "// totals\nexport class Cart<T extends Item> {\n  private items: T[] = [];\n  total(): number {\n    return this.items.reduce((sum, i) => sum + i.price * 1.5, 0); /* a & b < c > d */\n  }\n}\nconst s = `x ${a + `y ${b}`} \"q\" 'r'`;\n"],
  ['javascript', "function greet(name) { return 'hello ' + name; }\nconst re = /a<b>&c/g;\n"],
  ['python', 'class A(B):\n    """doc & <tag>"""\n    def f(self, x: int = 3) -> str:\n        return f"{x!r} \'q\'"\n'],
  ['xml', '<div class="a">\n  <script>const a = 1 < 2 && "x";</script>\n  <style>p { color: red; }</style>\n  &amp; &lt;text&gt;\n</div>\n'],
  ['diff', '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-old <line>\n+new & line\n context\n'],
  ['markdown', '# Title\n\n*em* **strong** `code` [link](http://x) <b>&amp;</b>\n'],
  ['bash', 'for f in *.ts; do echo "$f" > /dev/null && rm -- "${f%.ts}.js"; done # comment\n'],
  ['json', '{ "a": [1, 2.5e3, true, null], "b": "\\"quoted\\" & <x>" }\n'],
  ['rust', 'fn main() -> Result<(), Box<dyn Error>> { let s: &str = "a\'b"; println!("{s}"); Ok(()) }\n'],
  ['css', '.a > b::before { content: "<&>"; color: #fff !important; }\n@media (max-width: 10px) { a { margin: 0 } }\n'],
];

describe('code colours from highlight.js (runs of code offsets)', () => {
  for (const [language, code] of SAMPLES) {
    it(`${language}: every code unit has the colour of its innermost coloured scope in highlight.js's token tree`, () => {
      const runs = colouredRuns(code, language);
      assert.ok(runs, 'highlighted');
      assert.ok(runs.length > 0, 'something is coloured');
      assert.deepEqual(coloursFromRuns(code, runs), coloursFromTree(code, language));
      runs.forEach((run, i) => {
        assert.ok(run.start < run.end, 'no empty run');
        if (i > 0) assert.ok(runs[i - 1].end <= run.start, 'in order, never overlapping');
      });
    });
  }

  it('HTML whose text is not the code gives no runs, so the block stays plain', () => {
    assert.equal(runsOfHighlightedHtml('<span class="hljs-keyword">const</span> a', 'let a'), undefined);
    assert.equal(runsOfHighlightedHtml('<span class="hljs-keyword">const</span>', 'const a'), undefined, 'shorter than the code');
    assert.equal(runsOfHighlightedHtml('a &nbsp; b', 'a \u00a0 b'), undefined, 'an entity highlight.js never writes');
  });

  it('no language, an unknown one, or a block over 200K characters stays plain', () => {
    assert.equal(colouredRuns('const a = 1;', ''), undefined);
    assert.equal(colouredRuns('const a = 1;', 'klingon'), undefined);
    assert.equal(colouredRuns('const a = 1;\n'.repeat(20_000), 'typescript'), undefined);
  });
});
