// The sanitizer's plain path (src/webview/markdown/sanitize.ts) skips DOMPurify for HTML made only of marked's own
// plain tags. It must give exactly DOMPurify's DOM wherever it is taken, and refuse anything else. Checked in
// Chromium on realistic answers, on hostile markdown, and on thousands of generated strings of tags, near misses and
// text, each compared node for node with DOMPurify's result.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { MarkdownWriter } from '../support/markdownWriter';
import { seededRandom } from '../support/random';
import { blankPage, closeBrowser } from '../webview/page';

interface Compared {
  readonly html: string;
  readonly plain: boolean;
  readonly differs?: { plain: string; purified: string };
}

let page: Page;

async function compareAll(htmls: string[]): Promise<Compared[]> {
  return page.evaluate((list) => list.map((html) => (window as unknown as { __sanitizer: { compare(h: string): Compared } }).__sanitizer.compare(html)), htmls);
}

async function markupOf(texts: string[]): Promise<string[]> {
  const pieces = await page.evaluate(
    (list) => list.map((text) => (window as unknown as { __sanitizer: { markupPieces(t: string): string[] } }).__sanitizer.markupPieces(text)),
    texts,
  );
  return pieces.flat();
}

function assertSame(results: Compared[]): void {
  const wrong = results.filter((r) => r.differs);
  assert.deepEqual(wrong.slice(0, 3), [], `${wrong.length} of ${results.length} took the plain path and differ from DOMPurify`);
}

/** An answer of the shapes models write: headings, nested and numbered lists, tasks, tables, links, code, quotes. */
const TYPICAL = [
  '## Why the total is wrong\n\nThe **cart** rounds each _line_ before summing, see [the docs](https://example.com/docs?page=2&lang=en "Rounding & you").',
  '1. Open `cart.ts`\n2. Change the loop:\n   - keep cents\n   - round once\n\n3) Done\n\n- [ ] write a test\n- [x] fix it',
  '| name | type | default |\n|:--|:-:|--:|\n| `total` | number | 0 |\n| cache | `Map<string, number>` | — |',
  '```ts\nconst total = items.reduce((sum, i) => sum + i.price * i.quantity, 0);\nif (a < b && c > d) return "x";\n```',
  '> **Note**\n> The handler validates input early.\n>\n> > nested',
  'Line one  \nline two with a break, ~~old~~ new, <https://example.com/a> and mailto:someone@example.com.\n\n---\n\n    indented code <b>',
  'Escapes: \\<not a tag\\>, &amp; &copy; &#x1F600; 5 < 6 > 4 and "quotes" \'single\'.',
  'Invisible characters stay text: a\u0000b, \u202eevil\u202c, zero\u200bwidth.',
];

/** Plain tags a parser moves or drops: taken by the plain path, so they must come out as DOMPurify's do. */
const TABLE_SOUP = ['<tr><td>row without a table</td></tr> <td>cell</td>', '<table><p>foster</p><tr><td>x</td></tr></table>'];

/** Markdown a hostile answer might hold: raw HTML, script-like links, attribute breakouts, parser tricks. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1)) [y](JAVASCRIPT:alert(1)) [z](  javascript:alert(1))',
  '[x](https://example.com "a\\" onmouseover=\\"alert(1)")',
  '[x](https://example.com "</style><img src=x onerror=alert(1)>")',
  '[x](https://example.com "--><img src=x>")',
  '<a href="https://example.com" onclick="alert(1)">click</a>',
  '```"><img src=x onerror=alert(1)>\ncode\n```',
  '```ts onmouseover=alert(1)\ncode\n```',
  '<p onclick="alert(1)">para</p>',
  '<P>upper</P><STRONG>x</STRONG>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<textarea><p>x</p></textarea>',
  '<!--><img src=x onerror=alert(1)>-->',
  '<![CDATA[<img src=x>]]>',
  ...TABLE_SOUP,
  '<form><input type="text" name="q"></form> - [ ] <input type="checkbox" onclick="x">',
  '<a href="data:text/html,<script>alert(1)</script>">d</a> [v](vbscript:msgbox)',
  '<details open ontoggle=alert(1)><summary>s</summary></details>',
  '| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | <a href="javascript:x">y</a> |',
  '<ol start="1 onclick=alert(1)"><li>x</li></ol>',
  '<th align="center" style="color:red">x</th>',
  '<p\n>split tag</p> <p/onclick=alert(1)>x',
  '\u0000<p onclick=alert(1)>nul</p>\u202etrojan',
];

/** Pieces for generated HTML: marked's exact plain forms, near misses of them, and text with every special character. */
const PIECES = [
  '<p>', '</p>', '<h1>', '<h6>', '</h3>', '<em>', '</em>', '<strong>', '</strong>', '<code>', '</code>', '<pre>', '</pre>',
  '<ul>', '</ul>', '<li>', '</li>', '<ol start="3">', '<ol>', '</ol>', '<table>', '</table>', '<thead>', '</thead>', '<tbody>', '</tbody>',
  '<tr>', '</tr>', '<th align="center">', '<th>', '</th>', '<td align="right">', '<td>', '</td>', '<blockquote>', '</blockquote>',
  '<br>', '<hr>', '<del>', '</del>', '<code class="language-ts">', '<code class="language-c++">', '<input disabled="" type="checkbox">',
  '<input checked="" disabled="" type="checkbox">', '<a href="https://example.com/a?b=1&amp;c=2">', '<a href="http://x.y">',
  '<a href="mailto:a@b.c" title="t &amp; &quot;q&quot; &#39;s">', '</a>', '<a>',
  '<p onclick="x">', '<P>', '<p >', '<script>', '</script>', '<img src=x onerror=alert(1)>', '<img src="x.png" alt="i">',
  '<a href="javascript:alert(1)">', '<a href="https://x" onmouseover="y">', '<a href="https://x" title="&lt;/style&gt;">',
  '<a href="https://x" title="--&gt;">', '<a href="https://x" title="&#62;">', '<code class="language-x" id="y">',
  '<code class="language-&quot;x">', '<th align="justify">', '<ol start="-1">', '<input type="text">', '<svg>', '<math>', '<title>',
  '<textarea>', '<style>', '<noscript>', '<template>', '<select>', '<option>', '<form>', '<b>', '<span class="x">', '<!--', '-->',
  '<![CDATA[', '</p', '<p', '<', '>', '&lt;', '&gt;', '&amp;', '&#39;', '&quot;', '&#60;script&#62;', '&', '"', "'", '=',
  'word ', 'total', '\n', ' ', '\u202e', '\u0000', '😀',
];

function generated(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const length = 1 + Math.floor(random() * 30);
    let html = '';
    for (let j = 0; j < length; j++) html += PIECES[Math.floor(random() * PIECES.length)];
    out.push(html);
  }
  return out;
}

/** The same strings with only the pieces the plain path may take, so most of them take it. */
function generatedPlain(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const plain = PIECES.slice(0, PIECES.indexOf('<p onclick="x">')).concat(['word ', '&lt;', '&amp;', '&#39;', '"', '>', '\n', ' < ']);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const length = 1 + Math.floor(random() * 40);
    let html = '';
    for (let j = 0; j < length; j++) html += plain[Math.floor(random() * plain.length)];
    out.push(html);
  }
  return out;
}

describe('security: the sanitizer plain path gives exactly what DOMPurify gives', function () {
  this.timeout(120_000);

  before(async () => {
    const bundle = await build({
      entryPoints: [path.join(__dirname, 'plainMarkup.entry.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'chrome114',
      loader: { '.css': 'empty', '.ttf': 'empty' },
      logLevel: 'silent',
    });
    page = await blankPage();
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
  });
  after(async () => {
    await page?.close();
    await closeBrowser();
  });

  it('takes the plain path for typical answers, and their DOM is identical', async () => {
    const htmls = await markupOf(TYPICAL);
    const results = await compareAll(htmls);
    assertSame(results);
    assert.deepEqual(results.filter((r) => !r.plain).map((r) => r.html), []);
  });

  it('takes it for most of a long generated answer, and its DOM is identical', async () => {
    const texts = [1, 2, 3].map((seed) => new MarkdownWriter(seed).answer(48 * 1024, 1));
    const results = await compareAll(await markupOf(texts));
    assertSame(results);
    const plain = results.filter((r) => r.plain).length;
    assert.ok(plain / results.length > 0.95, `${plain} of ${results.length} blocks took the plain path`);
  });

  it('gives DOMPurify’s DOM for every hostile block it takes, and refuses every one with markup outside marked’s forms', async () => {
    const results = await compareAll(await markupOf(HOSTILE));
    assertSame(results);
    const pieceResults = await compareAll(HOSTILE);
    assertSame(pieceResults);
    // As raw HTML, only the two strings of plain table tags in odd places may be taken (and were compared above).
    const taken = pieceResults.filter((r) => r.plain && /<[a-z!/]/i.test(r.html)).map((r) => r.html);
    assert.deepEqual(taken, TABLE_SOUP, 'raw hostile HTML took the plain path');
  });

  it('matches DOMPurify on thousands of generated strings of tags, near misses and text', async () => {
    const mixed = await compareAll(generated(6000, 19));
    const plain = await compareAll(generatedPlain(6000, 23));
    assertSame(mixed);
    assertSame(plain);
    const taken = mixed.filter((r) => r.plain).length + plain.filter((r) => r.plain).length;
    // Both outcomes must be exercised for the comparison to prove anything.
    assert.ok(taken > 1500, `only ${taken} generated strings took the plain path`);
    assert.ok(mixed.filter((r) => !r.plain).length > 3000, 'too few generated strings were refused');
  });

  it('refuses each near miss of a plain tag on its own', async () => {
    const nearMisses = PIECES.slice(PIECES.indexOf('<p onclick="x">'), PIECES.indexOf('&lt;')).filter((html) => html.includes('<'));
    const taken = await page.evaluate(
      (list) => list.filter((html) => (window as unknown as { __sanitizer: { isPlainMarkup(h: string): boolean } }).__sanitizer.isPlainMarkup(`<p>x${html}y</p>`)),
      nearMisses,
    );
    assert.deepEqual(taken, []);
  });
});
