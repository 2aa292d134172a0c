// The render bench's side-by-side baseline: a renderer that, on every host post, renders the whole message so far
// again (bench/wholeMessageRenderer.ts, bundled here and evaluated in the page). It replays the plan Tandem's
// streamed run replays: the same posts at the same virtual times, from the host's DeltaBatcher (renderPage.ts).
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import type { MessageView } from '../src/shared/protocol';
import type { WebviewPage } from '../test/webview/page';
import { streamOnce, type PlannedPost, type StreamSample } from './renderPage';

/** One baseline stream longer than this (wall clock) is measured once, not as a median of several. */
export const SINGLE_RUN_AFTER_MS = 90_000;

/**
 * Plays the stashed plan into the message's body: each post appends its text to the message and renders all of
 * it again, in the post's own task (as a message listener would). The app's follow-the-end observer still runs.
 * No `messageDone`: the last post already rendered the finished answer, highlighted.
 */
const WHOLE_MESSAGE_DRIVER = `async ({ done }) => {
  const plan = window.__benchPlan;
  const body = document.querySelector('[data-message-id="' + done.id + '"] .markdown');
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  const started = await frame();
  let text = '';
  let posts = 0;
  for (const { at, texts } of plan) {
    const wait = started + at - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    for (const post of texts) {
      text += post;
      window.__benchRenderWholeMessage(body, text);
      posts++;
    }
  }
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const wall = performance.now() - started;
  return { posts, wall, text: body.textContent.length, blocks: body.querySelectorAll('.code-block').length };
}`;

let bundle: string | undefined;
/** The page-side renderer, built like the webview bundle (minified, production). */
function wholeMessageRenderer(): string {
  bundle ??= buildSync({
    entryPoints: [path.join(__dirname, 'wholeMessageRenderer.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome114',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'warning',
  }).outputFiles[0].text;
  return bundle;
}

async function installRenderer(view: WebviewPage): Promise<void> {
  // Evaluated over CDP, so the page's CSP (scripts by nonce only) does not apply to it.
  await view.page.evaluate(wholeMessageRenderer());
}

export type BaselineSample = Pick<StreamSample, 'busy' | 'posts' | 'wall' | 'text' | 'blocks'>;
type BaselineResult = Omit<BaselineSample, 'busy'>;

export function baselineOnce(question: MessageView, done: MessageView, plan: PlannedPost[]): Promise<BaselineSample> {
  return streamOnce<BaselineResult>(question, done, plan, WHOLE_MESSAGE_DRIVER, installRenderer);
}

/** Up to `runs` samples, but only one when the first took longer than SINGLE_RUN_AFTER_MS. */
export async function baselineRuns(question: MessageView, done: MessageView, plan: PlannedPost[], runs: number): Promise<BaselineSample[]> {
  const samples = [await baselineOnce(question, done, plan)];
  while (samples.length < runs && samples[0].wall <= SINGLE_RUN_AFTER_MS) samples.push(await baselineOnce(question, done, plan));
  return samples;
}
