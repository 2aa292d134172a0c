// Serves the built chat webview in real Chromium with the production CSP and a fake `acquireVsCodeApi`,
// so rendering, sanitizing and clicks are tested where they run. A second server plays the attacker's
// origin: any request it records is a request hostile markdown managed to make. Every message either way is
// checked against the protocol (support/protocolChecks.ts).
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HostMessage, WebviewMessage } from '../../src/shared/protocol';
import { acceptedByHost, conforming } from '../support/protocolChecks';
import { chatDocument } from '../../src/shared/webviewDocument';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const paths = require('../../scripts/vscode-paths.js') as { root: string; chromiumPath: string };
const DIST = path.join(paths.root, 'dist', 'webview');
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.html': 'text/html' };

/**
 * Watches the live document from the moment its own markup is parsed: every element added later and every
 * attribute set later is checked, so a handler or a javascript: URL that reached the page counts even if
 * something removed it again before the test looked.
 */
const LIVE_DOCUMENT_WATCH = `
window.__liveOffenses = [];
document.addEventListener('DOMContentLoaded', () => {
  const FORBIDDEN = 'script, iframe, frame, frameset, object, embed, form, base, meta, link, style, portal';
  const URL_ATTRIBUTE = /^(href|src|action|formaction|xlink:href|data|srcdoc|poster|background|codebase|ping|srcset)$/i;
  const record = (el, what) => window.__liveOffenses.push('<' + el.tagName.toLowerCase() + '> ' + what);
  const checkAttribute = (el, name, value) => {
    if (/^on/i.test(name)) record(el, name + '="' + String(value).slice(0, 80) + '"');
    else if (URL_ATTRIBUTE.test(name) && /^javascript:/i.test(String(value).replace(/[\\u0000-\\u0020]/g, ''))) record(el, name + '="' + String(value).slice(0, 80) + '"');
  };
  const checkTree = (root) => {
    if (!(root instanceof Element)) return;
    for (const el of [root, ...root.querySelectorAll('*')]) {
      if (el.matches(FORBIDDEN)) record(el, 'added');
      for (const attr of el.attributes) checkAttribute(el, attr.name, attr.value);
    }
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && r.target instanceof Element) checkAttribute(r.target, r.attributeName, r.target.getAttribute(r.attributeName) ?? '(set, then removed)');
      for (const node of r.addedNodes) checkTree(node);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
  for (const el of document.body.querySelectorAll('*')) for (const attr of el.attributes) checkAttribute(el, attr.name, attr.value);
});`;

/** The fake VS Code API, after the watcher (or, for a measurement, an always-empty list of offenses). */
const prelude = (watch: boolean) => `${watch ? LIVE_DOCUMENT_WATCH : 'window.__liveOffenses = [];'}
window.__posted = [];
window.__state = window.__initialState;
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
  getState: () => window.__state,
  setState: (s) => { window.__state = s; },
});`;

function listen(handler: http.RequestListener): Promise<http.Server> {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
const portOf = (server: http.Server) => (server.address() as AddressInfo).port;

let browser: Browser | undefined;
async function sharedBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({
    executablePath: paths.chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return browser;
}

/** An empty page with no CSP, for scripts that test one module in Chromium. */
export async function blankPage(): Promise<Page> {
  const page = await (await sharedBrowser()).newPage();
  await page.setContent('<!doctype html><html><body></body></html>');
  return page;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

export interface OpenOptions {
  readonly state?: unknown;
  readonly theme?: 'vscode-dark' | 'vscode-light';
  readonly width?: number;
  readonly height?: number;
  /**
   * Default true. False for measurements: reading every attribute of every added element makes Blink keep an Attr
   * node per attribute for as long as the element lives (122K for the memory bench's chat), and takes time.
   */
  readonly watchLiveDocument?: boolean;
}

/** A CSP report as Chromium logs it, with the JavaScript stack that caused it (empty when no script ran). */
export interface CspReport {
  readonly text: string;
  readonly frames: readonly string[];
}

/**
 * Chromium (checked in 156) checks an inline handler or style when the attribute is set, in whatever document:
 * DOMPurify's own inert parse document inherits the page's CSP, so sanitizing `<img onerror>` logs a report
 * although nothing reaches the page. Those reports carry DOMPurify's sanitize call on their stack; a handler set
 * in the live document (by our code or by the parser) does not. A minified stack has no names and so counts as live.
 */
const SANITIZER_FRAME = 'DOMPurify.sanitize';
export const fromSanitizerParse = (report: CspReport): boolean => report.frames.includes(SANITIZER_FRAME);

export class WebviewPage {
  /** Every CSP report of the page, in order. */
  readonly cspReports: CspReport[] = [];
  /** Messages sent so far: each send's marker carries its number. */
  private sent = 0;

  private constructor(
    readonly page: Page,
    readonly attackerRequests: string[],
    private readonly site: http.Server,
    private readonly attacker: http.Server,
  ) {}

  get cspViolations(): string[] {
    return this.cspReports.map((r) => r.text);
  }

  /** CSP reports caused in the live document: evidence that something hostile reached the page. */
  liveCspReports(): CspReport[] {
    return this.cspReports.filter((r) => !fromSanitizerParse(r));
  }

  /** Handlers, javascript: URLs and script/frame/object/form/base/meta/style elements seen in the live document. */
  async liveOffenses(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __liveOffenses: string[] }).__liveOffenses);
  }

  /** Names on `window` now, to compare before and after rendering. */
  async windowNames(): Promise<string[]> {
    return this.page.evaluate(() => Object.getOwnPropertyNames(window));
  }

  /** Base URL of the attacker's server, for hostile markdown. */
  get attackerOrigin(): string {
    return `http://127.0.0.1:${portOf(this.attacker)}`;
  }

  static async open(options: OpenOptions = {}): Promise<WebviewPage> {
    if (!fs.existsSync(path.join(DIST, 'main.js'))) throw new Error('dist/webview/main.js is missing: run `node esbuild.js` first');
    const attackerRequests: string[] = [];
    const attacker = await listen((req, res) => {
      attackerRequests.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'image/png' }).end();
    });
    let origin = '';
    const nonce = 'dGFuZGVtLXRlc3Qtbm9uY2U=';
    const site = await listen((req, res) => {
      const url = new URL(req.url ?? '/', origin);
      if (url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(chatDocument({ cspSource: origin, nonce, codiconCss: '/dist/codicon.css', mainCss: '/dist/main.css', mainJs: '/dist/main.js', preludeJs: ['/state.js', '/prelude.js'], bodyClass: options.theme ?? 'vscode-dark' }));
      } else if (url.pathname === '/prelude.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(prelude(options.watchLiveDocument ?? true));
      } else if (url.pathname === '/state.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(`window.__initialState = ${JSON.stringify(options.state ?? null)} ?? undefined;`);
      } else if (url.pathname.startsWith('/dist/')) {
        const file = path.join(DIST, path.basename(url.pathname));
        if (!fs.existsSync(file)) return void res.writeHead(404).end();
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
      } else res.writeHead(404).end();
    });
    origin = `http://127.0.0.1:${portOf(site)}`;
    const context = await (await sharedBrowser()).newContext({ viewport: { width: options.width ?? 420, height: options.height ?? 760 } });
    const page = await context.newPage();
    const view = new WebviewPage(page, attackerRequests, site, attacker);
    // CDP's log entries carry the stack of each report; Playwright's console messages do not.
    const cdp = await context.newCDPSession(page);
    cdp.on('Log.entryAdded', ({ entry }) => {
      if (entry.source !== 'security' && !/Content Security Policy/i.test(entry.text)) return;
      view.cspReports.push({ text: entry.text, frames: (entry.stackTrace?.callFrames ?? []).map((f) => f.functionName) });
    });
    await cdp.send('Log.enable');
    await page.goto(origin + '/');
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
    return view;
  }

  /**
   * Posts a message as the host would and returns once the page has handled it. A posted message is dispatched
   * later, in a task of its own, and DevTools' evaluations can run ahead of a backlog of them: on a loaded machine a
   * check made after the last send saw the page half a long answer behind.
   */
  async send(message: HostMessage): Promise<void> {
    await this.page.evaluate(
      ([m, n]) =>
        new Promise<void>((resolve) => {
          // A marker posted after the message is dispatched after it: the page's handler has run by then.
          const stop = new AbortController();
          window.addEventListener(
            'message',
            (event: MessageEvent<{ type?: string; n?: number }>) => {
              if (event.data?.type !== '__handled' || event.data.n !== n) return;
              stop.abort();
              resolve();
            },
            { signal: stop.signal },
          );
          window.postMessage(m, '*');
          window.postMessage({ type: '__handled', n }, '*');
        }),
      [conforming(message) as unknown as Record<string, unknown>, ++this.sent] as const,
    );
  }

  async posted(): Promise<WebviewMessage[]> {
    return acceptedByHost(await this.page.evaluate(() => (window as unknown as { __posted: WebviewMessage[] }).__posted));
  }

  async waitForPosted(type: WebviewMessage['type']): Promise<WebviewMessage> {
    const handle = await this.page.waitForFunction((t) => (window as unknown as { __posted: { type: string }[] }).__posted.find((m) => m.type === t), type);
    return acceptedByHost([(await handle.jsonValue()) as WebviewMessage])[0];
  }

  async state(): Promise<unknown> {
    return this.page.evaluate(() => (window as unknown as { __state: unknown }).__state);
  }

  async close(): Promise<void> {
    await this.page.context().close();
    for (const server of [this.site, this.attacker]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }
}
