// Hostile model output in the real chat webview (Chromium, production CSP). Every case runs twice: streamed live
// (busy, messageAdded, deltas, messageDone) and restored (init with the message in the chat). A load proves
// itself on the attacker's server; an executed payload would set window.__pwned.
import * as assert from 'node:assert/strict';
import { checkModelLink, linkConfirmationDetail } from '../../src/shared/links';
import type { WebviewMessage } from '../../src/shared/protocol';
import { ANSWER, DONE, HUGE_ANSWERS, MODES, type Mode, finishLive, showHugeAnswer, streamLive } from '../support/hugeAnswers';
import { answer, init, user } from '../webview/fixtures';
import { WebviewPage, closeBrowser } from '../webview/page';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
/**
 * How long any one step may take before the test gives up: far above the slowest run seen (a 5 MB live answer,
 * both cores busy with other work). How fast it is belongs to bench/huge-answers.ts.
 */
const CEILING_MS = 300_000;

interface Win {
  __pwned?: unknown;
  __posted: WebviewMessage[];
}

async function render(view: WebviewPage, mode: Mode, text: string): Promise<void> {
  if (mode === 'live') {
    await streamLive(view, text);
    await finishLive(view, text);
  } else {
    await view.send(init([user('u1', 'q'), answer('a1', text)]));
  }
  await view.page.waitForSelector(DONE);
}

/** A deterministic pause: a frame, then 300 ms for any load or timer a payload started. */
async function settle(view: WebviewPage): Promise<void> {
  await view.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))));
}

const FORBIDDEN_ELEMENTS = 'script, iframe, frame, frameset, object, embed, form, base, meta, style, link, svg, math, video, audio, picture, source, track, portal, noscript, template, button, textarea, select';
const FORBIDDEN_ATTRIBUTES = ['style', 'srcset', 'poster', 'background', 'formaction', 'action', 'srcdoc', 'http-equiv', 'ping', 'xlink:href', 'data', 'codebase', 'lowsrc', 'dynsrc', 'href'];

/** Everything in the transcript that could load or run something. */
async function offenders(view: WebviewPage): Promise<string[]> {
  return view.page.evaluate(
    ({ elements, attributes }) => {
      // Model output lives in the .markdown bodies; the code blocks' own action buttons are the app's.
      const all = [...document.querySelectorAll('.messages .markdown *')].filter((el) => !el.closest('.code-actions'));
      const found = all.filter((el) => el.matches(elements)).map((el) => `<${el.tagName.toLowerCase()}>`);
      for (const el of all) {
        for (const attr of el.attributes) {
          const name = attr.name.toLowerCase();
          const loads = name === 'src' && !attr.value.startsWith('data:image/');
          if (name.startsWith('on') || attributes.includes(name) || loads) found.push(`<${el.tagName.toLowerCase()} ${name}="${attr.value.slice(0, 80)}">`);
        }
      }
      return found;
    },
    { elements: FORBIDDEN_ELEMENTS, attributes: FORBIDDEN_ATTRIBUTES },
  );
}

/** Names the page itself may add to `window` while a test runs (the fake VS Code API and the test's own probes). */
const TEST_GLOBALS = new Set(['__posted', '__state', '__initialState', '__liveOffenses', '__longest']);

/**
 * Inert means: nothing reached the attacker's server, no payload set anything on `window`, the live document never
 * held a handler, a javascript: URL or a script/frame/object/form/base/meta/style element (watched from load, so a
 * transient one counts), the transcript holds nothing that loads, and the CSP saw nothing from the live document.
 * CSP reports from DOMPurify's own inert parse are not evidence either way (see `fromSanitizerParse`).
 */
async function assertInert(view: WebviewPage, startUrl: string, namesBefore: readonly string[]): Promise<void> {
  await settle(view);
  assert.deepEqual(view.attackerRequests, [], 'the attacker server saw a request');
  assert.equal(await view.page.evaluate(() => (window as unknown as Win).__pwned), undefined, 'a payload ran');
  const before = new Set(namesBefore);
  assert.deepEqual((await view.windowNames()).filter((n) => !before.has(n) && !TEST_GLOBALS.has(n)), [], 'something was set on window');
  assert.deepEqual(await view.liveOffenses(), [], 'the live document held something that runs or loads');
  assert.deepEqual(await offenders(view), [], 'the transcript holds something that loads or runs');
  assert.deepEqual(view.liveCspReports().map((r) => `${r.text.slice(0, 60)}… at ${r.frames.join(' < ') || '(no script)'}`), [], 'the live document triggered the CSP');
  assert.equal(view.page.url(), startUrl, 'the webview navigated');
}

interface Case {
  readonly name: string;
  readonly markdown: (attacker: string) => string;
  /** Text to click or hover after rendering (a payload that waits for the user). */
  readonly click?: readonly string[];
  readonly hover?: readonly string[];
}

const REMOTE_IMAGES: Case[] = [
  { name: 'markdown image, inline', markdown: (a) => `Look: ![chart](${a}/inline.png) and ![t](${a}/titled.png "title")\n\n[![nested](${a}/nested.png)](https://example.com)` },
  { name: 'markdown image, reference-style', markdown: (a) => `Full ![logo][r1], collapsed ![r2][], shortcut ![r3].\n\n[r1]: ${a}/ref-full.png\n[r2]: ${a}/ref-collapsed.png "t"\n[r3]: <${a}/ref-shortcut.png>\n` },
  { name: 'HTML img', markdown: (a) => `<img src="${a}/img.png">\n\n<IMG SRC=${a}/img-upper.png>\n\nInline <img src='${a}/img-inline.png' alt=x> in text, and <img src="//${a.replace(/^http:\/\//, '')}/protocol-relative.png">` },
  { name: 'img srcset', markdown: (a) => `<img srcset="${a}/srcset-1x.png 1x, ${a}/srcset-2x.png 2x">\n\n<img src="data:image/png;base64,${PNG}" srcset="${a}/srcset-data.png 1x, ${a}/srcset-data2.png 2x" sizes="100vw">` },
  { name: 'picture/source', markdown: (a) => `<picture><source srcset="${a}/source.png" type="image/png"><source media="(min-width: 1px)" srcset="${a}/source-media.png"><img src="${a}/picture-img.png"></picture>` },
  { name: 'video poster and source', markdown: (a) => `<video poster="${a}/poster.png" src="${a}/video.mp4" autoplay muted preload="auto"></video>\n\n<video poster="${a}/poster2.png"><source src="${a}/video-source.mp4"><track src="${a}/track.vtt"></video>` },
  { name: 'CSS url() in a style attribute', markdown: (a) => `<div style="background-image:url(${a}/style-attr.png)">styled</div>\n\n<span style="list-style-image:url('${a}/list.png');cursor:url(${a}/cursor.cur),auto">span</span> <p style="background:url(&quot;${a}/entity.png&quot;)">p</p>\n\n<table><tr><td style="background:url(${a}/td-style.png)">cell</td></tr></table>` },
  { name: 'CSS url() in <style>', markdown: (a) => `<style>@import url(${a}/import.css); .messages { background: url(${a}/style-element.png) } @font-face { font-family: evil; src: url(${a}/font.woff) } p { font-family: evil }</style>\n\nText <style>*{background:url(${a}/inline-style.png)}</style> inline.\n\n<svg><style>svg{background:url(${a}/svg-style.png)}</style></svg>` },
  { name: 'SVG image', markdown: (a) => `<svg width="20" height="20"><image href="${a}/svg-image.png" width="20" height="20"/><image xlink:href="${a}/svg-xlink.png" width="20" height="20"/><use href="${a}/use.svg#x"/><filter id="f"><feImage href="${a}/feimage.png"/></filter></svg>` },
  { name: 'SVG foreignObject', markdown: (a) => `<svg width="100" height="100"><foreignObject width="100" height="100"><img src="${a}/foreign-img.png"><div style="background:url(${a}/foreign-css.png)">inside</div><iframe src="${a}/foreign-iframe"></iframe></foreignObject></svg>` },
  { name: 'link rel=preload/prefetch/stylesheet', markdown: (a) => `<link rel="preload" as="image" href="${a}/preload.png"><link rel="prefetch" href="${a}/prefetch"><link rel="stylesheet" href="${a}/sheet.css"><link rel="icon" href="${a}/icon.png"><link rel="modulepreload" href="${a}/module.js">\n\nafter links` },
  { name: 'object/embed', markdown: (a) => `<object data="${a}/object.svg" type="image/svg+xml"></object>\n\n<embed src="${a}/embed.svg" type="image/svg+xml">\n\n<object data="${a}/object.html"><param name="movie" value="${a}/param.swf"></object>` },
  { name: 'audio src', markdown: (a) => `<audio src="${a}/audio.mp3" autoplay preload="auto"></audio>\n\n<audio preload="auto"><source src="${a}/audio-source.mp3"></audio>` },
  { name: 'input type=image', markdown: (a) => `<input type="image" src="${a}/input.png">\n\n<input type=IMAGE src=${a}/input-upper.png>\n\n- [ ] task <input type="checkbox" src="${a}/checkbox-src.png">` },
  { name: 'background attribute', markdown: (a) => `<table background="${a}/table-bg.png"><tr><td background="${a}/td-bg.png">cell</td></tr></table>\n\n<body background="${a}/body-bg.png"><div background="${a}/div-bg.png">div</div>` },
];

const SCRIPTS: Case[] = [
  { name: '<script>', markdown: (a) => `<script>window.__pwned = 'script'</script>\n\nText <script src="${a}/script.js"></script> and <svg><script>window.__pwned = 'svg-script'</script></svg>\n\n<SCRIPT>window.__pwned = 'upper'</SCRIPT>` },
  {
    name: 'event handlers (onerror, onload, onclick, svg onload, ontoggle, onmouseover)',
    markdown: () =>
      `<img src="x" onerror="window.__pwned = 'onerror'">\n\n<img src="data:image/png;base64,${PNG}" onload="window.__pwned = 'onload'">\n\n<a href="#" onclick="window.__pwned = 'onclick'">click me</a>\n\n<svg onload="window.__pwned = 'svg-onload'"><circle r="5"/></svg>\n\n<details open ontoggle="window.__pwned = 'ontoggle'"><summary>toggle me</summary>x</details>\n\n<div onmouseover="window.__pwned = 'hover'">hover me</div>\n\n<input type="checkbox" autofocus onfocus="window.__pwned = 'focus'">`,
    click: ['click me', 'toggle me'],
    hover: ['hover me'],
  },
  { name: 'iframe / srcdoc', markdown: (a) => `<iframe srcdoc="<script>parent.__pwned = 'srcdoc'</script><img src='${a}/srcdoc.png'>"></iframe>\n\n<iframe src="${a}/iframe"></iframe>\n\n<iframe src="javascript:parent.__pwned = 'iframe-js'"></iframe>\n\n<frameset><frame src="${a}/frame"></frameset>` },
  { name: 'frameset as the whole answer', markdown: (a) => `<frameset onload="window.__pwned = 'frameset'"><frame src="${a}/frameset-frame"></frameset>` },
  { name: 'meta refresh', markdown: (a) => `<meta http-equiv="refresh" content="0;url=${a}/refresh">\n\nText <meta http-equiv="refresh" content="0;url=javascript:window.__pwned='refresh'"> inline.` },
  {
    name: 'form / formaction',
    markdown: (a) => `<form action="${a}/form" method="get"><input name="q" value="secret"><button type="submit">Submit form</button></form>\n\n<button formaction="${a}/formaction">Go formaction</button>\n\n<form><input type="submit" formaction="${a}/input-formaction" value="x"></form>`,
    click: ['Submit form', 'Go formaction'],
  },
  { name: 'base href', markdown: (a) => `<base href="${a}/base/">\n\n![relative](relative.png) <img src="relative2.png">\n\n[relative link](relative/page)`, click: ['relative link'] },
  {
    name: 'mutation XSS (known DOMPurify bypass shapes)',
    markdown: () =>
      `<noscript><p title="</noscript><img src=x onerror=window.__pwned='mxss1'>">\n\n<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned='mxss2'>\n\n<svg></p><style><a id="</style><img src=1 onerror=window.__pwned='mxss3'>">\n\n<form><math><mtext></form><form><mglyph><style></math><img src onerror=window.__pwned='mxss4'>\n\n<template><img src=x onerror=window.__pwned='template'></template>`,
  },
  { name: 'markdown link title breaking out', markdown: () => `[hover title](https://example.com "\\" onmouseover=\\"window.__pwned='title'")\n\n![img alt" onerror="window.__pwned='alt'](x.png)`, hover: ['hover title'] },
];

interface LinkCase {
  readonly text: string;
  readonly markdown: string;
}

const LINKS: LinkCase[] = [
  { text: 'js link', markdown: "[js link](javascript:window.__pwned='js-link')" },
  { text: 'JS upper', markdown: "[JS upper](JaVaScRiPt:window.__pwned='js-upper')" },
  { text: 'js entity', markdown: "[js entity](&#106;avascript:window.__pwned='js-entity')" },
  { text: 'data link', markdown: '[data link](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD0xPC9zY3JpcHQ+)' },
  { text: 'file link', markdown: '[file link](file:///etc/passwd)' },
  { text: 'vscode link', markdown: '[vscode link](vscode://vscode.git/clone?url=https://evil.test/repo)' },
  { text: 'vscode extension', markdown: '[vscode extension](vscode:extension/evil.publisher)' },
  { text: 'command link', markdown: '[command link](command:workbench.action.terminal.new)' },
  { text: 'html command', markdown: '<a href="command:workbench.action.openSettings">html command</a>' },
  { text: 'html js', markdown: "<a href=\"javascript:window.__pwned='html-js'\">html js</a>" },
  { text: 'autolink', markdown: '<vscode:extension/evil.publisher> and see autolink' },
];

describe('security: hostile markdown in the chat webview (Chromium)', function () {
  let view: WebviewPage;
  let startUrl: string;
  let namesBefore: string[];
  afterEach(async () => view?.close());
  after(closeBrowser);

  async function open(): Promise<WebviewPage> {
    view = await WebviewPage.open();
    startUrl = view.page.url();
    namesBefore = await view.windowNames();
    return view;
  }

  async function interact(c: Case): Promise<void> {
    const messages = view.page.locator('.messages');
    for (const text of c.click ?? []) {
      const target = messages.getByText(text, { exact: true });
      if (await target.count()) await target.first().click();
    }
    for (const text of c.hover ?? []) {
      const target = messages.getByText(text, { exact: true });
      if (await target.count()) await target.first().hover();
    }
  }

  /** Each case, live and restored: rendered, hovered and clicked as its `hover`/`click` say, it stays inert. */
  function inertCases(title: string, cases: readonly Case[]): void {
    describe(title, () => {
      for (const c of cases) {
        for (const mode of MODES) {
          it(`${c.name} (${mode})`, async () => {
            await open();
            await render(view, mode, c.markdown(view.attackerOrigin));
            await interact(c);
            await assertInert(view, startUrl, namesBefore);
          });
        }
      }
    });
  }

  inertCases('remote images load nothing', REMOTE_IMAGES);
  inertCases('scripts, handlers, frames, refresh, forms and base do nothing', SCRIPTS);

  describe('links with dangerous schemes do not open', () => {
    for (const mode of MODES) {
      it(`javascript:, data:, file:, vscode:, command: (${mode})`, async () => {
        await open();
        await render(view, mode, LINKS.map((l) => l.markdown).join('\n\n'));
        for (const link of LINKS) {
          const target = view.page.locator('.messages').getByText(link.text, { exact: true });
          if (await target.count()) await target.first().click();
        }
        await assertInert(view, startUrl, namesBefore);
        const opened = (await view.posted()).filter((m): m is Extract<WebviewMessage, { type: 'openLink' }> => m.type === 'openLink');
        for (const message of opened) assert.equal(checkModelLink(message.href).ok, false, `the host would open ${message.href}`);
      });
    }

    for (const mode of MODES) {
      it(`link text that looks like another URL: the confirmation shows the real one (${mode})`, async () => {
        await open();
        await render(view, mode, 'See [https://github.com/microsoft/vscode](https://evil.test/steal) for details.');
        await view.page.locator('.messages').getByText('https://github.com/microsoft/vscode').click();
        const posted = await view.waitForPosted('openLink');
        assert.deepEqual(posted, { type: 'openLink', href: 'https://evil.test/steal', text: 'https://github.com/microsoft/vscode' });
        const checked = checkModelLink(posted.href);
        assert.ok(checked.ok);
        assert.equal(linkConfirmationDetail(checked.url, posted.href, posted.text), 'The link text says "https://github.com/microsoft/vscode", but it goes to:\nhttps://evil.test/steal');
        assert.equal(view.page.url(), startUrl, 'the webview did not navigate');
      });
    }
  });

  describe('invisible characters are made visible in code blocks', () => {
    const CODE = 'const access = "user\u202E \u2066// admin\u2069 \u2066";\nlet x\u200B = 1; // tag:\u{E0041}\u{E0042}\u{E007F}\n\uFEFFend';
    const EXPECTED = ['U+202E', 'U+2066', 'U+2069', 'U+2066', 'U+200B', 'U+E0041', 'U+E0042', 'U+E007F', 'U+FEFF'];

    async function markersIn(selector: string): Promise<{ labels: string[]; hidden: boolean }> {
      return view.page.evaluate((sel) => {
        const code = document.querySelector(sel)!;
        const labels = [...code.querySelectorAll('.invisible-char')].map((m) => m.textContent ?? '');
        const hidden = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|\uDB40[\uDC00-\uDC7F]/.test(code.textContent ?? '');
        return { labels, hidden };
      }, selector);
    }

    async function assertMarked(selector: string): Promise<void> {
      const { labels, hidden } = await markersIn(selector);
      assert.deepEqual(labels, EXPECTED);
      assert.equal(hidden, false, 'an invisible character is still in the code text');
    }

    async function assertCopyExact(): Promise<void> {
      await view.page.locator(`${ANSWER} [data-testid=code-block]`).hover();
      await view.page.locator(`${ANSWER} [data-testid=code-copy]`).click();
      assert.deepEqual(await view.waitForPosted('copy'), { type: 'copy', text: CODE }, 'copy gives the real code, markers excluded');
    }

    for (const mode of MODES) {
      it(`highlighted path (${mode})`, async () => {
        await open();
        await render(view, mode, `Here:\n\n\`\`\`javascript\n${CODE}\n\`\`\`\n`);
        await view.page.waitForSelector(`${ANSWER} code.hljs`);
        await assertMarked(`${ANSWER} pre code`);
        await assertCopyExact();
      });

      it(`unhighlighted path: no language, unknown language (${mode})`, async () => {
        await open();
        await render(view, mode, `\`\`\`\n${CODE}\n\`\`\`\n\n\`\`\`brainfuck\n${CODE}\n\`\`\`\n`);
        const blocks = view.page.locator(`${ANSWER} pre code`);
        assert.equal(await blocks.count(), 2);
        for (const i of [1, 2]) await assertMarked(`${ANSWER} .code-block:nth-of-type(${i}) pre code`);
        assert.equal(await view.page.locator(`${ANSWER} code.hljs`).count(), 0);
      });
    }

    for (const mode of MODES) {
      it(`too long to colour, shown in pieces (${mode})`, async () => {
        const copies = 3000;
        const code = Array.from({ length: copies }, () => CODE).join('\n');
        assert.ok(code.length > 200_000);
        await open();
        const text = `Here:\n\n\`\`\`javascript\n${code}\n\`\`\`\n`;
        if (mode === 'live') {
          // Deltas of 4,999 characters: the block crosses the limit while it streams.
          await streamLive(view, text, 4_999);
          await finishLive(view, text);
          await view.page.waitForSelector(DONE);
        } else await render(view, mode, text);
        assert.ok((await view.page.locator(`${ANSWER} pre code .code-piece`).count()) > 1, 'in pieces');
        const { labels, hidden } = await markersIn(`${ANSWER} pre code`);
        assert.equal(labels.length, EXPECTED.length * copies);
        assert.deepEqual(labels.slice(-EXPECTED.length), EXPECTED);
        assert.equal(hidden, false, 'an invisible character is still in the code text');
        await view.page.locator(`${ANSWER} [data-testid=code-block]`).hover();
        await view.page.locator(`${ANSWER} [data-testid=code-copy]`).click();
        assert.deepEqual(await view.waitForPosted('copy'), { type: 'copy', text: code });
      });
    }

    for (const chunk of [1, 5, 23]) {
      it(`while streaming, in the open code block (deltas of ${chunk} chars)`, async () => {
        await open();
        await streamLive(view, `Here:\n\n\`\`\`javascript\n${CODE}\n`, chunk);
        // Rendering is paced by its own cost, so wait for the open block to catch up with the streamed text.
        await view.page.waitForFunction(
          ([selector, count]) => document.querySelectorAll(`${selector} .invisible-char`).length >= count,
          [`${ANSWER} pre code:not(.hljs)`, EXPECTED.length] as const,
        );
        await assertMarked(`${ANSWER} pre code:not(.hljs)`);
        await finishLive(view, `Here:\n\n\`\`\`javascript\n${CODE}\n\`\`\`\n`);
        await view.page.waitForSelector(DONE);
        await view.page.waitForSelector(`${ANSWER} code.hljs`);
        await assertMarked(`${ANSWER} pre code`);
      });
    }
  });

  describe('huge and deep answers do not hang the panel', () => {
    for (const c of HUGE_ANSWERS) {
      for (const mode of MODES) {
        it(`${c.name} (${mode})`, async function () {
          this.timeout(3 * CEILING_MS);
          const text = c.text();
          await open();
          await showHugeAnswer(view, mode, text, CEILING_MS);
          assert.equal(await view.page.evaluate(() => 1), 1, 'the page answers');
          const shown = (await view.page.locator(`${ANSWER} .markdown`).first().textContent()) ?? '';
          assert.ok(shown.length > 0, 'the answer shows');
          if (text.includes('after')) assert.match(shown, /after/);
          const fences = (text.match(/^```/gm) ?? []).length;
          assert.equal(await view.page.locator(`${ANSWER} .code-block`).count(), Math.ceil(fences / 2), 'every code block rendered');
        });
      }
    }
  });

  describe('the oracle sees what reaches the live document', () => {
    it('a handler or javascript: URL put into the live document is caught; one DOMPurify parsed and dropped is not', async () => {
      await open();
      await render(view, 'restored', '<img src="x" onerror="window.__pwned = 1">\n\n<p style="color:red">styled</p>');
      await settle(view);
      assert.deepEqual(await view.liveOffenses(), []);
      assert.deepEqual(view.liveCspReports(), [], 'reports of the sanitizer\'s inert parse are told apart');
      // What a sanitizer bypass would do: the markup lands in the live document.
      await view.page.evaluate(() => {
        const box = document.createElement('div');
        box.innerHTML = '<img src="data:," onerror="void 0">';
        const link = document.createElement('a');
        link.setAttribute('href', ' java\tscript:void 0');
        document.querySelector('.messages')!.append(box, link);
        box.querySelector('img')!.removeAttribute('onerror');
      });
      await settle(view);
      const offenses = await view.liveOffenses();
      assert.ok(offenses.some((o) => /onerror/.test(o)), `a transient onerror is caught: ${offenses.join(', ')}`);
      assert.ok(offenses.some((o) => /href=/.test(o)), `a javascript: href is caught: ${offenses.join(', ')}`);
      assert.ok(view.liveCspReports().length >= 1, 'the handler set in the live document shows as a live CSP report');
    });
  });
});
