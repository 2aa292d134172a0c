// Huge answers in the real chat webview (Chromium, the same cases and drivers as the hostile-markdown battery,
// which only proves they finish): wall time until each is complete on screen, and the longest main-thread task
// (PerformanceObserver 'longtask'). One run each, live (streamed, ~200 KB a frame) and restored.
// Goals: complete within 20 s, and no task over 1 s (the panel keeps answering while it fills in).
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { HUGE_ANSWERS, MODES, longestTask, showHugeAnswer, watchLongTasks } from '../test/support/hugeAnswers';
import { WebviewPage, closeBrowser } from '../test/webview/page';
import type { BenchResult } from './types';

const ROOT = path.resolve(__dirname, '..');
const TOTAL_GOAL_MS = 20_000;
const LONGEST_GOAL_MS = 1_000;

export async function run(): Promise<BenchResult[]> {
  execFileSync(process.execPath, ['esbuild.js', '--production'], { cwd: ROOT, stdio: 'ignore' });
  const results: BenchResult[] = [];
  try {
    for (const c of HUGE_ANSWERS.filter((h) => h.name.startsWith('5 MB'))) {
      for (const mode of MODES) {
        const text = c.text();
        const view = await WebviewPage.open({ watchLiveDocument: false });
        try {
          await watchLongTasks(view);
          const started = performance.now();
          await showHugeAnswer(view, mode, text, 10 * 60_000);
          const total = performance.now() - started;
          const longest = await longestTask(view);
          results.push(
            { name: `huge answer: ${c.name} (${mode}), until complete on screen`, value: total, unit: 'ms', goal: `< ${TOTAL_GOAL_MS} ms`, ok: total < TOTAL_GOAL_MS },
            { name: `huge answer: ${c.name} (${mode}), longest task`, value: longest, unit: 'ms', goal: `< ${LONGEST_GOAL_MS} ms`, ok: longest < LONGEST_GOAL_MS },
          );
        } finally {
          await view.close();
        }
      }
    }
  } finally {
    await closeBrowser();
  }
  return results;
}

if (require.main === module) {
  void run().then((results) => {
    for (const r of results) console.log(`${r.name}: ${r.value.toFixed(0)} ${r.unit} (goal ${r.goal}) ${r.ok ? 'OK' : 'MISSED'}`);
  });
}
