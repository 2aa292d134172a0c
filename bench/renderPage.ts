// The render benchmarks' plumbing: what the host posts and when (its DeltaBatcher on a virtual clock), a fresh
// measured page per sample (CDP main-thread time), and the in-page drivers' runners. Shared by render.ts and
// renderBaseline.ts so both play the same posts at the same times.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CDPSession } from 'playwright-core';
import type { MessageView } from '../src/shared/protocol';
import { DeltaBatcher } from '../src/core/chat/deltaBatcher';
import { CHUNK_CHARS } from '../src/webview/markdown/chunkedBody';
import { init } from '../test/webview/fixtures';
import { WebviewPage } from '../test/webview/page';

const ROOT = path.resolve(__dirname, '..');

export interface PlannedPost {
  /** Milliseconds after the first delta. */
  at: number;
  texts: string[];
}

/**
 * What the host posts, and when, when the provider's deltas arrive `perFrame` per 60 Hz frame: the real
 * DeltaBatcher on a virtual clock. The provider's stream ends with the last delta, so the host flushes then.
 */
export function hostPosts(deltas: string[], perFrame: number): PlannedPost[] {
  const frameMs = 1000 / 60;
  let now = 0;
  const timers: { at: number; callback: () => void }[] = [];
  let frame: string[] = [];
  const batcher = new DeltaBatcher((_kind, text) => frame.push(text), {
    set: (callback, ms) => {
      const timer = { at: now + ms, callback };
      timers.push(timer);
      return timer;
    },
    clear: (timer) => timers.splice(timers.indexOf(timer as (typeof timers)[number]), 1),
  });
  const plan: PlannedPost[] = [];
  for (let i = 0; i < deltas.length; i += perFrame) {
    now = (i / perFrame) * frameMs;
    frame = [];
    for (const due of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(due), 1);
      due.callback();
    }
    for (const delta of deltas.slice(i, i + perFrame)) batcher.push('text', delta);
    if (i + perFrame >= deltas.length) batcher.flush();
    if (frame.length > 0) plan.push({ at: now, texts: frame });
  }
  return plan;
}

/** Posts the stashed host message; resolves after the frame that paints `lastId` (listener after the app's, rAF, task). */
const POST_AND_PAINT = `({ lastId }) => new Promise((resolve) => {
  const message = window.__benchMessage;
  const onMessage = () => {
    window.removeEventListener('message', onMessage);
    const present = !!document.querySelector('[data-message-id="' + lastId + '"]');
    requestAnimationFrame(() => setTimeout(() => {
      const ms = performance.now() - t0;
      const body = document.querySelector('[data-message-id="' + lastId + '"] .markdown');
      const text = body ? body.textContent.length : -1;
      const blocks = body ? body.querySelectorAll('.code-block').length : -1;
      // A few frames later the view must still show the end of the chat.
      requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => {
        const s = document.querySelector('.scroller');
        resolve({ ms, present, text, blocks, atBottom: s.scrollHeight - s.scrollTop - s.clientHeight < 2 });
      }, 0)));
    }, 0));
  };
  window.addEventListener('message', onMessage);
  const t0 = performance.now();
  window.postMessage(message, '*');
})`;

export async function evaluate<T>(view: WebviewPage, fn: string, arg: unknown): Promise<T> {
  return (await view.page.evaluate(`(${fn})(${JSON.stringify(arg)})`)) as T;
}

export async function stash(view: WebviewPage, name: string, value: unknown): Promise<void> {
  await view.page.evaluate(([n, v]) => {
    (window as unknown as Record<string, unknown>)[n as string] = v;
  }, [name, value] as const);
}

async function settle(view: WebviewPage): Promise<void> {
  await view.page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))));
}

/** Main-thread busy milliseconds (CDP Performance.getMetrics TaskDuration), plus its script/style/layout parts. */
async function busy(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { task: get('TaskDuration'), script: get('ScriptDuration'), layout: get('LayoutDuration'), style: get('RecalcStyleDuration') };
}

function diff(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(a).map((k) => [k, b[k] - a[k]]));
}

async function openMeasured(): Promise<{ view: WebviewPage; cdp: CDPSession }> {
  const view = await WebviewPage.open({ watchLiveDocument: false });
  const cdp = await view.page.context().newCDPSession(view.page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return { view, cdp };
}

export interface StreamSample {
  busy: Record<string, number>;
  /** Time in StreamingMarkdown's frame callbacks and in handling `delta` messages (lex, render, sanitize, DOM), and in handling `messageDone` (the final flush). */
  flushMs: number;
  doneMs: number;
  /** Per flush: from its rAF callback until the frame has rendered. */
  frameWork: number[];
  posts: number;
  longTasks: number[];
  wall: number;
  text: number;
  blocks: number;
}

/** Plays `plan` in a fresh page through `driver` (an in-page function's source); `setup` prepares the page first. */
export async function streamOnce<Result extends object = Omit<StreamSample, 'busy'>>(
  question: MessageView,
  done: MessageView,
  plan: PlannedPost[],
  driver: string,
  setup?: (view: WebviewPage) => Promise<void>,
): Promise<Result & { busy: Record<string, number> }> {
  const { view, cdp } = await openMeasured();
  try {
    await view.send(init([question]));
    await view.send({ type: 'messageAdded', message: { ...done, text: '', finish: undefined, usage: undefined } });
    await view.send({ type: 'busy', busy: true });
    await setup?.(view);
    await stash(view, '__benchPlan', plan);
    await settle(view);
    const trace = process.env.BENCH_RENDER_TRACE;
    const browser = view.page.context().browser();
    if (trace && browser) await browser.startTracing(view.page, { path: trace, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'cc'] });
    const profile = process.env.BENCH_RENDER_PROFILE;
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const before = await busy(cdp);
    const result = await evaluate<Result>(view, driver, { done, chunkChars: CHUNK_CHARS });
    const after = await busy(cdp);
    if (profile) fs.writeFileSync(profile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    if (trace && browser) await browser.stopTracing();
    return { ...result, busy: diff(before, after) };
  } finally {
    await view.close();
  }
}

export interface PostSample {
  ms: number;
  busy: Record<string, number>;
  present: boolean;
  text: number;
  blocks: number;
  atBottom: boolean;
}

export async function postOnce(message: unknown, lastId: string): Promise<PostSample> {
  const { view, cdp } = await openMeasured();
  try {
    await stash(view, '__benchMessage', message);
    await settle(view);
    const before = await busy(cdp);
    const result = await evaluate<Omit<PostSample, 'busy'>>(view, POST_AND_PAINT, { lastId });
    const after = await busy(cdp);
    return { ...result, busy: diff(before, after) };
  } finally {
    await view.close();
  }
}

export function ensureBuilt(): void {
  const bundle = path.join(ROOT, 'dist', 'webview', 'main.js');
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => Math.max(max, e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs), 0);
  const sources = Math.max(newest(path.join(ROOT, 'src', 'webview')), newest(path.join(ROOT, 'src', 'shared')));
  if (!fs.existsSync(bundle) || fs.statSync(bundle).mtimeMs < sources) execFileSync('node', ['esbuild.js', '--production'], { cwd: ROOT, stdio: 'inherit' });
}
