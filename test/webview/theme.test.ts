// Code in the chat takes its colours from the user's theme: the stylesheet has no colour of its own, and a token's
// colour follows the theme variable VS Code sets (here replaced as a theme change would).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebviewPage, closeBrowser } from './page';
import { answer, init } from './fixtures';

const CODE = "```ts\nexport function greet(name: string): string {\n  return 'hello ' + name;\n}\n```\n";

describe('code colours from the theme (Chromium)', () => {
  let view: WebviewPage;
  afterEach(async () => view?.close());
  after(closeBrowser);

  it('the stylesheet names no colour of its own', () => {
    const css = readFileSync(join(__dirname, '..', '..', 'src', 'webview', 'styles.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    assert.doesNotMatch(css, /#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/i);
  });

  it('keywords, strings and functions are painted in the theme variables', async () => {
    view = await WebviewPage.open();
    await view.send(init([answer('a1', CODE)]));
    await view.page.waitForSelector('code.hljs');
    await view.page.evaluate(() => {
      const root = document.documentElement.style;
      root.setProperty('--vscode-debugTokenExpression-name', 'rgb(230, 0, 0)');
      root.setProperty('--vscode-debugTokenExpression-string', 'rgb(0, 150, 0)');
      root.setProperty('--vscode-symbolIcon-functionForeground', 'rgb(0, 0, 230)');
    });
    // What is on screen: each word's pixels, from a screenshot, decoded by the page.
    assertColour(await inkOf(view, 'export'), [230, 0, 0], 'a keyword');
    assertColour(await inkOf(view, "'hello '"), [0, 150, 0], 'a string');
    assertColour(await inkOf(view, 'greet'), [0, 0, 230], 'a function name');
    const text = await view.page.evaluate(() => getComputedStyle(document.querySelector('pre code')!).color.match(/\d+/g)!.map(Number));
    assertColour(await inkOf(view, '+ name'), text, 'plain code keeps the text colour');
  });

  it('colours stay on their words after an invisible character made visible (a marker stands in for it)', async () => {
    view = await WebviewPage.open();
    // A zero-width space and a tag character (two UTF-16 code units) before the tokens.
    await view.send(init([answer('a1', "```ts\nlet a\u200B = 1;\nlet b\uDB40\uDC41 = 'quoted';\nexport function named() {}\n```\n")]));
    await view.page.waitForSelector('code.hljs');
    assert.equal(await view.page.locator('pre code .invisible-char').count(), 2, 'both are marked');
    await view.page.evaluate(() => {
      const root = document.documentElement.style;
      root.setProperty('--vscode-debugTokenExpression-name', 'rgb(230, 0, 0)');
      root.setProperty('--vscode-debugTokenExpression-string', 'rgb(0, 150, 0)');
      root.setProperty('--vscode-symbolIcon-functionForeground', 'rgb(0, 0, 230)');
    });
    // Each range covers exactly its token's text.
    const textsOf = (name: string) => view.page.evaluate((highlight) => [...(CSS.highlights.get(highlight) ?? [])].map((r) => {
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      return live.toString();
    }), name);
    assert.deepEqual(await textsOf('tandem-string'), ["'quoted'"]);
    assert.deepEqual(await textsOf('tandem-function'), ['named']);
    assert.deepEqual(await textsOf('tandem-keyword'), ['let', 'let', 'export', 'function']);
    assertColour(await inkOf(view, "'quoted'"), [0, 150, 0], 'the string after both markers');
    assertColour(await inkOf(view, 'export'), [230, 0, 0], 'a keyword after both markers');
    assertColour(await inkOf(view, 'named'), [0, 0, 230], 'a function name after both markers');
  });

  it('a chat that is gone lets go of its code colours', async () => {
    view = await WebviewPage.open();
    const ranges = () => view.page.evaluate(() => [...CSS.highlights.keys()].filter((name) => name.startsWith('tandem-')).reduce((sum, name) => sum + CSS.highlights.get(name)!.size, 0));
    await view.send(init([answer('a1', CODE), answer('a2', CODE)]));
    await view.page.waitForSelector('code.hljs');
    const painted = await ranges();
    assert.ok(painted > 0, 'the code is painted');
    await view.send(init([answer('b1', CODE)]));
    await view.page.waitForFunction((each) => [...CSS.highlights.keys()].filter((name) => name.startsWith('tandem-')).reduce((sum, name) => sum + CSS.highlights.get(name)!.size, 0) === each, painted / 2, { timeout: 30_000 });
  });

  it('only code in or near the view holds highlight ranges; code scrolled to is painted', async () => {
    view = await WebviewPage.open();
    // Ten answers of 60 lines of code each: many screens of it in a sidebar-sized view.
    const longCode = '```ts\n' + Array.from({ length: 60 }, (_, i) => `export const value${i} = 'line ${i}';`).join('\n') + '\n```\n';
    await view.send(init(Array.from({ length: 10 }, (_, i) => answer(`a${i}`, longCode))));
    await view.page.waitForFunction(() => document.querySelectorAll('pre code.hljs').length === 10, undefined, { timeout: 30_000 });
    // Which answers' code the keyword ranges lie in, once the page has painted what is in view.
    const paintedAnswers = () => view.page.evaluate(() => {
      const ids = new Set<string>();
      for (const range of CSS.highlights.get('tandem-keyword') ?? []) ids.add(range.startContainer.parentElement!.closest('[data-message-id]')!.getAttribute('data-message-id')!);
      return [...ids].sort();
    });
    await view.page.waitForFunction(() => (CSS.highlights.get('tandem-keyword')?.size ?? 0) > 0, undefined, { timeout: 30_000 });
    const atEnd = await paintedAnswers();
    assert.ok(atEnd.includes('a9'), 'the last answer, in view, is painted');
    assert.ok(!atEnd.includes('a0'), 'the first answer, screens above, holds no ranges');
    await view.page.evaluate(() => {
      document.querySelector('.scroller')!.scrollTop = 0;
    });
    await view.page.waitForFunction(() => [...(CSS.highlights.get('tandem-keyword') ?? [])].some((range) => range.startContainer.parentElement!.closest('[data-message-id="a0"]')), undefined, { timeout: 30_000 });
    assert.ok(!(await paintedAnswers()).includes('a9'), 'the last answer, now screens below, let go of its ranges');
    assertColour(await inkOf(view, 'export', '[data-message-id="a0"] pre code'), await keywordColour(view), 'the first answer shows its colours');
  });

  it('while an answer streams at the end, code above the view holds no ranges; the wheel up paints it before the scroll', async () => {
    view = await WebviewPage.open();
    const page = view.page;
    const longCode = '```ts\n' + Array.from({ length: 30 }, (_, i) => `export const value${i} = 'line ${i}';`).join('\n') + '\n```\n';
    await view.send(init([answer('a1', longCode)]));
    await page.waitForSelector('pre code.hljs');
    await view.send({ type: 'busy', busy: true });
    await view.send({ type: 'messageAdded', message: { id: 'a2', role: 'assistant', text: '', model: 'gemini' } });
    // Prose streams in under the code until the code is above the view, but within a screen of it.
    const codeAbove = (): Promise<number> => page.evaluate(() => {
      const s = document.querySelector('.scroller')!.getBoundingClientRect();
      return s.top - document.querySelector('[data-message-id="a1"] pre')!.getBoundingClientRect().bottom;
    });
    for (let i = 0; (await codeAbove()) < 80 && i < 200; i++) {
      await view.send({ type: 'delta', messageId: 'a2', kind: 'text', text: `Paragraph ${i} of the answer, long enough to wrap in the narrow chat view of a sidebar.\n\n` });
    }
    const above = await codeAbove();
    assert.ok(above >= 80 && above < (await page.evaluate(() => document.querySelector('.scroller')!.clientHeight)), `the code is above the view, within a screen (${above} px)`);
    // Whether any range lies in the first answer's code: defined once in the page, asked while waiting and at the wheel.
    await page.evaluate(`window.__codeHoldsRanges = () => [...CSS.highlights.values()].some((h) => [...h].some((r) => {
      const n = r.startContainer;
      return !!(n.nodeType === 1 ? n : n.parentElement).closest('[data-message-id="a1"]');
    }))`);
    type Probe = Window & { __codeHoldsRanges(): boolean; __paintedAtWheel?: boolean };
    await page.waitForFunction(() => !(window as unknown as Probe).__codeHoldsRanges(), undefined, { timeout: 30_000 });

    // A listener after the chat's own: what the code holds in the task of the wheel event, before its scroll paints.
    await page.evaluate(`document.querySelector('.scroller').addEventListener('wheel', () => { window.__paintedAtWheel = window.__codeHoldsRanges(); }, { once: true, passive: true })`);
    const box = (await page.locator('.scroller').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -120);
    await page.waitForFunction(() => (window as unknown as Probe).__paintedAtWheel !== undefined, undefined, { timeout: 30_000 });
    assert.equal(await page.evaluate('window.__paintedAtWheel'), true, 'the code above is painted in the task of the wheel event');
  });
});

/** The colour keywords are painted in (the theme variable, resolved). */
function keywordColour(view: WebviewPage): Promise<number[]> {
  return view.page.evaluate(() => getComputedStyle(document.querySelector('pre code')!, '::highlight(tandem-keyword)').color.match(/\d+/g)!.map(Number));
}

/** Asserts `actual` is the colour `expected` within a few levels per channel: the theme colours here differ by 150 or
 * more in some channel, and a glyph's core may come out a few levels off with another font or anti-aliasing. */
function assertColour(actual: number[], expected: number[], what: string): void {
  assert.ok(actual.length === 3 && actual.every((value, i) => Math.abs(value - expected[i]) <= 24), `${what}: rgb(${actual.join(', ')}), not rgb(${expected.join(', ')})`);
}

/** The colour of the pixel farthest from the background (a glyph's core) where `word` is painted in the code
 * block: anti-aliased edges are blends, the core is the colour itself. */
async function inkOf(view: WebviewPage, word: string, codeSelector = 'pre code'): Promise<number[]> {
  const box = await view.page.evaluate(([text, selector]) => {
    const code = document.querySelector(selector)!;
    const node = [...code.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && (n as Text).data.includes(text)) as Text;
    const range = document.createRange();
    const at = node.data.indexOf(text);
    range.setStart(node, at);
    range.setEnd(node, at + text.length);
    const r = range.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }, [word, codeSelector] as const);
  const png = (await view.page.screenshot({ clip: box })).toString('base64');
  return view.page.evaluate(async (data) => {
    const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const background = [pixels[0], pixels[1], pixels[2]];
    let best = background;
    let bestDistance = -1;
    for (let i = 0; i < pixels.length; i += 4) {
      const pixel = [pixels[i], pixels[i + 1], pixels[i + 2]];
      const distance = pixel.reduce((sum, value, k) => sum + Math.abs(value - background[k]), 0);
      if (distance > bestDistance) [best, bestDistance] = [pixel, distance];
    }
    return best;
  }, png);
}
