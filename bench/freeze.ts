// The end-of-answer freeze, in real code-server (a measurement, not a test): the packaged extension in code-server
// (test/e2e/harness.ts) against the fake Gemini server streaming a 64K-token answer (bench/render.ts's answer) in
// 20-char chunks, paced. A Chromium trace of every process (devtools timeline + V8 sampling) runs from the first
// delta until 3 s after `messageDone`; its renderer main-thread tasks of 50 ms or more are listed with what they
// were (top-level events, sampled JS), split by process (the chat webview is an iframe: it may or may not share
// the workbench's renderer) and by phase (streaming / the end: from 1 s before `messageDone` on). Meanwhile input
// probes run: a click on the model picker (then Escape), a click in the composer and three keys typed, over and
// over, and a burst of keys every ~30 ms around the end; each one's latency is its event timestamp → the next
// animation frame in the webview. BENCH_FREEZE_TRACE=<file> keeps the trace; BENCH_FREEZE_PACE_MS (default 2) is
// the wait between chunks at the server.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { geminiReply } from '../test/fakes/gemini';
import { FakeServer } from '../test/fakes/server';
import { MarkdownWriter } from '../test/support/markdownWriter';
import { VscodeSession, sendPrompt, waitFor } from '../test/e2e/harness';
import { loadAverage, webviewFrame } from './codeServerChat';
import { median } from './stats';
import { formatTask, readTrace, type LongTask } from './traceTasks';
import type { BenchResult } from './types';

const TARGET_CHARS = 256 * 1024;
const PIECE_CHARS = 20;
const PACE_MS = Number(process.env.BENCH_FREEZE_PACE_MS ?? 2);
const END_BEFORE_MS = 1000;
const AFTER_DONE_MS = 5000;

/** Installed in the webview's document: marks the first delta and messageDone (performance marks reach the
 * trace), and times every probe from its event timestamp to the next animation frame. */
const PROBE = `(() => {
  const state = { firstDelta: 0, doneAt: 0, deltaChars: 0, inputs: [] };
  window.__freeze = state;
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m.type !== 'string') return;
    if (m.type === 'delta' && m.kind === 'text') {
      if (!state.firstDelta) { state.firstDelta = performance.now(); performance.mark('tandem-first-delta'); }
      state.deltaChars += m.text.length;
    }
    if (m.type === 'messageDone') { state.doneAt = performance.now(); performance.mark('tandem-message-done'); }
  }, true);
  const probe = (kind) => (event) => {
    const at = event.timeStamp;
    requestAnimationFrame(() => state.inputs.push({ kind, at, latency: performance.now() - at }));
  };
  document.addEventListener('pointerdown', (e) => probe(e.target && e.target.closest && e.target.closest('[data-testid="model-picker"]') ? 'picker click' : 'composer click')(e), true);
  document.addEventListener('keydown', (e) => { if (e.key !== 'Escape') probe('key')(e); }, true);
})()`;

interface Probe {
  kind: string;
  at: number;
  latency: number;
}

interface FreezeState {
  firstDelta: number;
  doneAt: number;
  deltaChars: number;
  inputs: Probe[];
}

export async function run(): Promise<BenchResult[]> {
  execFileSync('node', ['esbuild.js', '--production'], { cwd: path.resolve(__dirname, '..'), stdio: 'inherit' });
  const text = new MarkdownWriter(64).answer(TARGET_CHARS, 3);
  const gemini = await FakeServer.start();
  const traceFile = process.env.BENCH_FREEZE_TRACE ?? path.join(os.tmpdir(), `tandem-freeze-${process.pid}.json`);
  let session: VscodeSession | undefined;
  try {
    session = await VscodeSession.start({
      settings: {
        'tandem.gemini.baseUrl': gemini.url,
        'tandem.network.firstByteTimeoutSeconds': 3600,
        'tandem.network.idleTimeoutSeconds': 3600,
      },
      env: { TANDEM_GEMINI_API_KEY: 'AIzaSyBENCH-freeze-000000000000000000000' },
    });
    const chat = await session.openTandemView();
    const frame = await webviewFrame(session);
    await frame.evaluate(PROBE);
    const picker = await chat.getByTestId('model-picker').boundingBox();
    const composer = await chat.getByTestId('prompt-input').boundingBox();
    if (!picker || !composer) throw new Error('the model picker or the composer is not on screen');
    const page = session.page;
    const browser = page.context().browser()!;
    console.log(`  answer: ${text.length} chars (~${Math.round(text.length / 4)} tokens) in ${Math.ceil(text.length / PIECE_CHARS)} chunks of ${PIECE_CHARS}, ${PACE_MS} ms apart; load ${loadAverage()}`);

    gemini.enqueue(geminiReply({ text, pieceSize: PIECE_CHARS, promptTokens: 1200 }, { eol: '\r\n', delayMs: PACE_MS }));
    await browser.startTracing(undefined, {
      path: traceFile,
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'toplevel', 'disabled-by-default-v8.cpu_profiler', '__metadata'],
    });
    await sendPrompt(chat, 'Walk me through the whole checkout module: what each part does, what is wrong, and the fixed code.');
    const state = () => frame.evaluate(() => (window as unknown as { __freeze: FreezeState }).__freeze);
    await waitFor('the first delta', async () => ((await state()).firstDelta ? true : undefined), 120_000);
    const streamStarted = Date.now();

    // Probes while streaming; a burst of keys from the last few percent of the answer until after messageDone.
    const click = async (box: { x: number; y: number; width: number; height: number }) => page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    let doneSeenAt = 0;
    for (;;) {
      const s = await state();
      if (s.doneAt && !doneSeenAt) doneSeenAt = Date.now();
      if (doneSeenAt && Date.now() - doneSeenAt > AFTER_DONE_MS) break;
      if (Date.now() - streamStarted > 600_000) throw new Error('the answer did not finish in 10 minutes');
      const nearEnd = s.deltaChars > text.length * 0.97 || s.doneAt > 0;
      if (nearEnd) {
        await page.keyboard.press('x');
        await new Promise((r) => setTimeout(r, 30));
      } else {
        await click(picker);
        await page.keyboard.press('Escape');
        await click(composer);
        for (let i = 0; i < 3; i++) await page.keyboard.press('x');
        await new Promise((r) => setTimeout(r, 400));
      }
    }
    await browser.stopTracing();
    const final = await state();
    const rendered = await chat.getByTestId('message-assistant').last().locator('.markdown').first().evaluate((el) => ({ text: el.textContent?.length ?? 0, blocks: el.querySelectorAll('.code-block').length, highlighted: el.querySelectorAll('.hljs').length }));
    console.log(`  streamed ${final.deltaChars} chars in ${((final.doneAt - final.firstDelta) / 1000).toFixed(1)} s; on screen ${rendered.text} chars, ${rendered.blocks} code blocks (${rendered.highlighted} highlighted); load ${loadAverage()}`);

    const summary = readTrace(traceFile);
    const webviewPid = pidOfMark(traceFile, 'tandem-message-done');
    for (const [pid, urls] of summary.processes) console.log(`  process ${pid}${pid === webviewPid ? ' (runs the chat webview)' : ''}: ${urls.slice(0, 4).join(', ')}${urls.length > 4 ? ', …' : ''}`);
    const doneTs = markTs(traceFile, 'tandem-message-done');
    const endFrom = doneTs === undefined ? Infinity : doneTs - END_BEFORE_MS * 1000;
    // From the first delta on: starting the trace's V8 sampler is itself a task of ~0.6 s (a heap walk).
    const firstTs = markTs(traceFile, 'tandem-first-delta') ?? -Infinity;
    const isWebview = (t: LongTask) => t.urls.some((u) => /webview|main\.js/.test(u) && !/workbench/.test(u)) || (t.pid === webviewPid && !t.urls.some((u) => /workbench/.test(u)));
    const groups: Record<string, LongTask[]> = { webview: [], workbench: [] };
    for (const task of summary.longTasks.filter((t) => t.start >= firstTs)) {
      const where = isWebview(task) ? 'webview' : 'workbench';
      groups[where].push(task);
      const phase = task.start >= endFrom ? 'end' : 'streaming';
      console.log(`  ${formatTask(task, `[${where}, ${phase}, +${((task.start - (doneTs ?? task.start)) / 1000).toFixed(0)} ms from messageDone, pid ${task.pid}]`)}`);
    }
    const longest = (tasks: LongTask[]) => Math.max(0, ...tasks.map((t) => t.ms));
    const longestCpu = (tasks: LongTask[]) => Math.max(0, ...tasks.map((t) => t.cpuMs));
    const atEnd = (tasks: LongTask[]) => tasks.filter((t) => t.start >= endFrom);
    const inputs = (kind: string, end: boolean) =>
      final.inputs.filter((p) => (kind === 'key' ? p.kind === 'key' : p.kind === kind) && (p.at >= final.doneAt - END_BEFORE_MS) === end).map((p) => p.latency);
    const rows: BenchResult[] = [];
    for (const where of ['webview', 'workbench'] as const) {
      const all = groups[where];
      rows.push({ name: `code-server: long tasks ≥ 50 ms in the ${where}, streaming + end of a 64K-token answer (longest ${longest(all).toFixed(0)} ms)`, value: all.length, unit: '', goal: '0', ok: all.length === 0 });
      const cpu = all.filter((t) => t.cpuMs >= 50);
      rows.push({ name: `code-server: of which the ${where}'s thread ran ≥ 50 ms (CPU; the rest waited for a core; longest ${longestCpu(all).toFixed(0)} ms)`, value: cpu.length, unit: '', goal: '0', ok: cpu.length === 0 });
      const end = atEnd(all);
      rows.push({ name: `code-server: longest task in the ${where} at the end (1 s before to 5 s after messageDone; CPU ${longestCpu(end).toFixed(0)} ms)`, value: longest(end), unit: 'ms', goal: '< 50 ms', ok: longest(end) < 50 });
    }
    for (const [kind, end] of [['picker click', false], ['key', false], ['key', true]] as const) {
      const samples = inputs(kind, end);
      const worst = Math.max(0, ...samples);
      rows.push({
        name: `code-server: ${kind === 'key' ? 'typing in the composer' : 'a click on the model picker'} ${end ? 'at the end' : 'while streaming'}, event → next frame (median of ${samples.length}, max ${worst.toFixed(0)} ms)`,
        value: samples.length ? median(samples) : NaN,
        unit: 'ms',
        goal: '< 50 ms (max)',
        ok: samples.length > 0 && worst < 50,
      });
    }
    console.log(`  load at the end ${loadAverage()}`);
    return rows;
  } finally {
    await session?.dispose();
    await gemini.close();
    if (!process.env.BENCH_FREEZE_TRACE) fs.rmSync(traceFile, { force: true });
  }
}

/** The trace clock (µs) of a performance mark made in the webview, and the process it was made in. */
function markEvent(traceFile: string, name: string): { ts: number; pid: number } | undefined {
  const parsed = JSON.parse(fs.readFileSync(traceFile, 'utf8')) as { traceEvents: { name: string; ts: number; pid: number }[] };
  const mark = parsed.traceEvents.find((e) => e.name === name);
  return mark ? { ts: mark.ts, pid: mark.pid } : undefined;
}

function markTs(traceFile: string, name: string): number | undefined {
  return markEvent(traceFile, name)?.ts;
}

function pidOfMark(traceFile: string, name: string): number | undefined {
  return markEvent(traceFile, name)?.pid;
}

if (require.main === module) {
  void run().then((results) => {
    for (const r of results) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit} (goal ${r.goal}) ${r.ok ? 'OK' : 'MISSED'}`);
  });
}
