// What the code-server benches (freeze.ts, latency.ts) share: the chat webview's frame for page.evaluate, the
// machine's load for their logs, and one wall clock for the bench process and the page.
import * as os from 'node:os';
import type { Frame } from 'playwright-core';
import { waitFor, type VscodeSession } from '../test/e2e/harness';

/** The chat webview's document as a Playwright Frame (a FrameLocator cannot evaluate scripts). */
export async function webviewFrame(session: VscodeSession): Promise<Frame> {
  return waitFor('the chat webview frame', async () => {
    for (const frame of session.page.frames()) {
      if (await frame.$('[data-testid="tandem-app"]').catch(() => null)) return frame;
    }
    return undefined;
  }, 60_000);
}

export function loadAverage(): string {
  return os.loadavg().map((n) => n.toFixed(1)).join(' ');
}

/** Milliseconds since the epoch with sub-millisecond resolution; the page's `performance.timeOrigin +
 * performance.now()` is the same kind of clock, so times from the two can be subtracted. */
export function wallClock(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * How far the page's wall clock is ahead of the bench process's, NTP-style: the page's time read between two
 * bench readings, from the fastest of a few round trips; `uncertainty` is half that round trip.
 */
export async function pageClockOffset(frame: Frame, tries = 7): Promise<{ offset: number; uncertainty: number }> {
  let best = { offset: NaN, uncertainty: Infinity };
  for (let i = 0; i < tries; i++) {
    const before = wallClock();
    const page = await frame.evaluate(() => performance.timeOrigin + performance.now());
    const after = wallClock();
    if ((after - before) / 2 < best.uncertainty) best = { offset: page - (before + after) / 2, uncertainty: (after - before) / 2 };
  }
  return best;
}
