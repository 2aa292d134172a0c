// Huge and deeply nested answers, and the page drivers that stream or restore them: shared by the hostile-markdown
// battery (which proves the panel survives them) and bench/huge-answers.ts (which times them).
import type { HostMessage } from '../../src/shared/protocol';
import { RICH_MARKDOWN, answer, init, user } from '../webview/fixtures';
import type { WebviewPage } from '../webview/page';

export type Mode = 'live' | 'restored';
export const MODES: readonly Mode[] = ['live', 'restored'];
export const ANSWER = '[data-message-id=a1]';
export const DONE = `${ANSWER} [data-testid=message-usage]`;

/** The answer is done and its body is no longer filling in. Polled with the browser's own querySelector, in searches
 * that stop early: Playwright's waitForSelector runs its selector engine in JavaScript on every animation frame and
 * checks visibility, which on the DOM of a 5 MB answer took 23 of a run's 66 s of the page's CPU (a profile of
 * bench/huge-answers.ts), and a plain querySelector over that DOM 10 times a second took 4 s. */
function completeOnScreen(view: WebviewPage, ceilingMs: number): Promise<unknown> {
  return view.page.waitForFunction(
    (selector) => {
      // Each search stops early: the body comes first in the answer, and the footer's subtree is small.
      const answer = document.querySelector(selector);
      const body = answer?.querySelector('.markdown');
      if (!answer || !body || body.hasAttribute('aria-busy')) return false;
      return [...answer.children].some((child) => !child.contains(body) && !!child.querySelector('[data-testid=message-usage]'));
    },
    ANSWER,
    { timeout: ceilingMs, polling: 100 },
  );
}

const DEEP = 10_000;
const HUGE = 5 * 1024 * 1024;

export function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

export interface HugeAnswer {
  readonly name: string;
  readonly text: () => string;
}

export const HUGE_ANSWERS: readonly HugeAnswer[] = [
  { name: `${DEEP} nested blockquotes`, text: () => `${'>'.repeat(DEEP)} deep quote\n\nafter` },
  { name: `${DEEP} nested blockquotes, spaced`, text: () => `${'> '.repeat(DEEP)}deep quote\n\nafter` },
  { name: `${DEEP} nested lists`, text: () => `${'- '.repeat(DEEP)}deep item\n\nafter` },
  { name: `${DEEP} nested ordered lists`, text: () => `${'1. '.repeat(DEEP)}deep item\n\nafter` },
  { name: `${DEEP} nested quotes and lists`, text: () => `${'> - '.repeat(DEEP / 2)}deep\n\nafter` },
  { name: `${DEEP} nested HTML <div>`, text: () => `${'<div>'.repeat(DEEP)}deep div${'</div>'.repeat(DEEP)}\n\nafter` },
  { name: `${DEEP} unclosed HTML <div>`, text: () => `${'<div>'.repeat(DEEP)}deep div\n\nafter` },
  { name: `${DEEP} nested brackets and emphasis`, text: () => `${'['.repeat(DEEP)}x${']'.repeat(DEEP)} ${'*_'.repeat(DEEP)}y\n\nafter` },
  { name: '5 MB of mixed markdown', text: () => repeatTo(RICH_MARKDOWN + '\n', HUGE) },
  { name: '5 MB code block', text: () => `\`\`\`typescript\n${repeatTo('const total = items.reduce((sum, item) => sum + item.price * item.quantity, 0);\n', HUGE)}\`\`\`\n` },
  { name: '5 MB single line', text: () => repeatTo('word ', HUGE) },
];

/** Posts host messages from inside the page, a frame every few messages, and waits until they are handled. */
export async function postInFrames(view: WebviewPage, messages: HostMessage[], perFrame = 3): Promise<void> {
  await view.page.evaluate(
    async ({ messages, perFrame }) => {
      for (let i = 0; i < messages.length; i++) {
        window.postMessage(messages[i], '*');
        if (i % perFrame === perFrame - 1) await new Promise(requestAnimationFrame);
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    { messages: messages as unknown as Record<string, unknown>[], perFrame },
  );
}

/** Streams `text` in small deltas, letting frames render in between (so half-written HTML is rendered too). */
export async function streamLive(view: WebviewPage, text: string, chunk = 23): Promise<void> {
  await view.send(init([user('u1', 'q')]));
  await view.send({ type: 'busy', busy: true });
  const messages: HostMessage[] = [{ type: 'messageAdded', message: { id: 'a1', role: 'assistant', text: '', model: 'gemini' } }];
  for (let i = 0; i < text.length; i += chunk) messages.push({ type: 'delta', messageId: 'a1', kind: 'text', text: text.slice(i, i + chunk) });
  await postInFrames(view, messages);
}

export async function finishLive(view: WebviewPage, text: string): Promise<void> {
  await view.send({ type: 'messageDone', message: answer('a1', text), totalCostUsd: 0.001 });
  await view.send({ type: 'busy', busy: false });
}

/**
 * Shows a huge answer as a user would get it: live, a frame after every few deltas as a host streaming ~200 KB per
 * frame would cause, then done; or restored with the chat. Resolves once it is complete on screen (a huge text
 * fills in a slice per frame after it is done), waiting at most `ceilingMs` for each step.
 */
export async function showHugeAnswer(view: WebviewPage, mode: Mode, text: string, ceilingMs: number): Promise<{ streamedAt: number }> {
  let streamedAt = Date.now();
  if (mode === 'live') {
    await streamLive(view, text, text.length > 100_000 ? 64 * 1024 : 997);
    streamedAt = Date.now();
    await finishLive(view, text);
  } else {
    await view.send(init([user('u1', 'q'), answer('a1', text)]));
  }
  await completeOnScreen(view, ceilingMs);
  return { streamedAt };
}

export async function watchLongTasks(view: WebviewPage): Promise<void> {
  await view.page.evaluate(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, Math.round(entry.duration));
    }).observe({ type: 'longtask' });
  });
}

export async function longestTask(view: WebviewPage): Promise<number> {
  return view.page.evaluate(() => (window as unknown as { __longest: number }).__longest);
}
