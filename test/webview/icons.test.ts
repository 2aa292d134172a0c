// The panel ships a codicon font cut down to the icons it names (src/webview/icons.ts, esbuild.js): the stylesheet
// and font must hold exactly those, and every icon the panel shows must be one of them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODICONS } from '../../src/webview/icons';
import { mappedCodePoints } from '../support/fontCmap';
import { WebviewPage, closeBrowser } from './page';
import { answer, init, user } from './fixtures';

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist', 'webview');

function iconRules(css: string): Map<string, number> {
  return new Map([...css.matchAll(/^\.codicon-([\w-]+):before \{ content: "\\([0-9a-f]+)" \}$/gm)].map((m) => [m[1], parseInt(m[2], 16)]));
}

describe('codicons (the shipped subset)', function () {
  let view: WebviewPage | undefined;
  afterEach(async () => view?.close());
  after(closeBrowser);

  it('the stylesheet names exactly the icons of src/webview/icons.ts, and the font has a glyph for each', () => {
    const rules = iconRules(fs.readFileSync(path.join(DIST, 'codicon.css'), 'utf8'));
    assert.deepEqual([...rules.keys()].sort(), [...CODICONS].sort());
    const glyphs = mappedCodePoints(fs.readFileSync(path.join(DIST, 'codicon.ttf')));
    const missing = [...rules].filter(([, point]) => !glyphs.has(point)).map(([name]) => name);
    assert.deepEqual(missing, [], 'icons whose glyph the shipped font lacks');
    // The same reader sees the whole font's hundreds of glyphs, so it is not just reporting what the CSS says.
    assert.ok(mappedCodePoints(fs.readFileSync(path.join(ROOT, 'node_modules', '@vscode', 'codicons', 'dist', 'codicon.ttf'))).size > 400);
    assert.ok(glyphs.size < 2 * CODICONS.length, `the shipped font keeps ${glyphs.size} glyphs`);
  });

  it('every icon the panel shows is in the subset and draws from the codicon font', async () => {
    view = await WebviewPage.open();
    const truncated = answer('a2', 'Cut short', { finish: 'truncated' });
    const failed = answer('a3', 'Partial', { finish: undefined, usage: undefined, error: { kind: 'auth', message: 'Key rejected.', action: 'setKey' } });
    const rich = answer('a1', '![chart](https://attacker.example/x.png)\n\n```ts\nconst a = 1;\n```', { thoughts: 'Reading the loop' });
    await view.send(init([user('u1', 'q'), rich, user('u2', 'again'), truncated, failed]));
    await view.send({ type: 'notice', level: 'warning', text: 'Careful.' });
    await view.send({ type: 'context', includeOpenEditors: true, chips: [
      { id: 'c1', label: 'cart.ts', detail: 'src/cart.ts', tokens: 58, status: 'included' },
      { id: 'c2', label: 'huge.json', detail: 'huge.json', tokens: 0, status: 'excluded', note: 'too large' },
    ] });
    await view.send({ type: 'history', currentId: 'chat-1', chats: [{ id: 'chat-1', title: 'Fix the cart total', updatedAt: Date.now(), messageCount: 2 }] });
    await view.page.waitForSelector('.blocked-image .codicon', { state: 'attached' });
    await view.page.evaluate(() => document.fonts.ready);
    const shown = await view.page.evaluate(() =>
      [...document.querySelectorAll('.codicon')].map((el) => ({
        classes: [...el.classList].filter((c) => c.startsWith('codicon-')),
        content: getComputedStyle(el, '::before').content,
        font: getComputedStyle(el).fontFamily,
      })),
    );
    const names = new Set(shown.flatMap((icon) => icon.classes.map((c) => c.slice('codicon-'.length))));
    // The welcome screen's icons are covered by the unit check of the list; here, most of the list is on screen.
    assert.ok(names.size >= 20, `only ${names.size} distinct icons were shown: ${[...names].join(', ')}`);
    for (const icon of shown) {
      assert.equal(icon.classes.length, 1, `one icon class per element: ${icon.classes.join(' ')}`);
      const name = icon.classes[0].slice('codicon-'.length);
      assert.ok((CODICONS as readonly string[]).includes(name), `codicon-${name} is not in src/webview/icons.ts`);
      assert.notEqual(icon.content, 'none', `codicon-${name} has no glyph rule`);
      assert.match(icon.font, /codicon/);
    }
    assert.equal(await view.page.evaluate(() => [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'codicon' && f.status === 'loaded')), true);
  });
});
