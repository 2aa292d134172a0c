// Reads a Chromium trace (browser.startTracing with the devtools timeline and V8 sampling categories): every
// renderer main-thread task of 50 ms or more, which process and frames it belongs to, and what it was made of
// (top-level trace events by name, the JavaScript functions the sampler saw most, with their script URLs).
import * as fs from 'node:fs';

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  /** Thread (CPU) time of the event, µs. */
  readonly tdur?: number;
  readonly id?: string;
  readonly args?: { name?: string; data?: Record<string, unknown> & { url?: string; functionName?: string; type?: string; frame?: string; cpuProfile?: CpuProfileChunk; timeDeltas?: number[] } };
}

interface CpuProfileChunk {
  nodes?: { id: number; parent?: number; callFrame: { functionName: string; url: string; lineNumber?: number } }[];
  samples?: number[];
}

export interface LongTask {
  readonly pid: number;
  /** Microseconds, trace clock. */
  readonly start: number;
  readonly ms: number;
  /** Of which the thread ran (trace thread time): on a loaded machine the rest is time it waited for a core. */
  readonly cpuMs: number;
  /** Trace event name → ms inside this task (the task's direct children, and GC anywhere inside). */
  readonly parts: Record<string, number>;
  /** Sampled JavaScript, function (url) → ms (self time), biggest first. */
  readonly functions: [string, number][];
  /** URLs of the scripts its FunctionCall/EvaluateScript events ran. */
  readonly urls: string[];
}

export interface TraceSummary {
  /** pid → what it rendered (frame URLs seen in the trace). */
  readonly processes: Map<number, string[]>;
  readonly longTasks: LongTask[];
  /** Trace clock (µs) of the first and last event, to line tasks up with the page's own clocks. */
  readonly start: number;
}

const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
const GC = /GC|Scavenge|MarkCompact|MinorMS/;

export function readTrace(file: string, minMs = 50): TraceSummary {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mainThreads = new Set<string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mainThreads.add(`${e.pid}:${e.tid}`);
  const processes = new Map<number, string[]>();
  const addUrl = (pid: unknown, url: unknown) => {
    if (typeof pid !== 'number' || typeof url !== 'string' || !url) return;
    const short = url.replace(/\?.*$/, '');
    const list = processes.get(pid) ?? [];
    if (!list.includes(short)) list.push(short);
    processes.set(pid, list);
  };
  for (const e of events) {
    const data = e.args?.data as { frames?: { url?: string; processId?: number }[]; url?: string; processId?: number } | undefined;
    if (e.name === 'TracingStartedInBrowser') for (const f of data?.frames ?? []) addUrl(f.processId, f.url);
    if (e.name === 'FrameCommittedInBrowser' || e.name === 'CommitLoad') addUrl(data?.processId ?? e.pid, data?.url);
  }

  // Sampled stacks: per pid, sample time → leaf function.
  const samples = new Map<number, { ts: number; label: string }[]>();
  const nodes = new Map<string, Map<number, string>>();
  const profileStart = new Map<string, number>();
  for (const e of events) {
    if (e.name === 'Profile' && e.id) profileStart.set(`${e.pid}:${e.id}`, (e.args?.data as { startTime?: number })?.startTime ?? e.ts);
    if (e.name !== 'ProfileChunk' || !e.id) continue;
    const key = `${e.pid}:${e.id}`;
    const known = nodes.get(key) ?? new Map<number, string>();
    nodes.set(key, known);
    const chunk = e.args?.data?.cpuProfile;
    for (const node of chunk?.nodes ?? []) {
      const { functionName, url } = node.callFrame;
      known.set(node.id, `${functionName || '(anonymous)'} ${url ? url.replace(/\?.*$/, '').replace(/^.*\//, '') : ''}`.trim());
    }
    let ts = profileStart.get(key) ?? e.ts;
    const deltas = e.args?.data?.timeDeltas ?? [];
    const list = samples.get(e.pid) ?? [];
    samples.set(e.pid, list);
    (chunk?.samples ?? []).forEach((id, i) => {
      ts += deltas[i] ?? 0;
      list.push({ ts, label: known.get(id) ?? `node ${id}` });
      profileStart.set(key, ts);
    });
  }
  for (const list of samples.values()) list.sort((a, b) => a.ts - b.ts);

  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    if (!mainThreads.has(key)) continue;
    const list = byThread.get(key) ?? [];
    list.push(e);
    byThread.set(key, list);
  }
  const longTasks: LongTask[] = [];
  let first = Infinity;
  for (const e of events) if (e.ts > 0 && e.ph !== 'M') first = Math.min(first, e.ts);
  for (const list of byThread.values()) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    let taskEnd = -Infinity;
    for (let i = 0; i < list.length; i++) {
      const task = list[i];
      if (!TASK_NAMES.has(task.name)) continue;
      // A task nested in another (the scheduler's RunTask inside the message loop's) is the same task.
      if (task.ts < taskEnd) continue;
      taskEnd = task.ts + task.dur!;
      if ((task.dur ?? 0) < minMs * 1000) continue;
      const end = task.ts + task.dur!;
      const parts: Record<string, number> = {};
      const urls: string[] = [];
      let childEnd = task.ts;
      for (let j = i + 1; j < list.length && list[j].ts < end; j++) {
        const child = list[j];
        if (TASK_NAMES.has(child.name)) continue;
        const direct = child.ts >= childEnd;
        if (direct || GC.test(child.name)) {
          const detail = child.name === 'EventDispatch' || child.name === 'FunctionCall' || child.name === 'TimerFire' ? describe(child) : '';
          const label = detail ? `${child.name} ${detail}` : child.name;
          parts[label] = (parts[label] ?? 0) + (child.tdur ?? child.dur!) / 1000;
        }
        if (direct) childEnd = child.ts + child.dur!;
        const url = child.args?.data?.url;
        if (typeof url === 'string' && url && (child.name === 'FunctionCall' || child.name === 'EvaluateScript')) {
          const short = url.replace(/\?.*$/, '').replace(/^.*\/(?=[^/]+\/[^/]+$)/, '');
          if (!urls.includes(short)) urls.push(short);
        }
      }
      const functions = new Map<string, number>();
      const sampled = samples.get(task.pid) ?? [];
      for (let k = lowerBound(sampled, task.ts); k < sampled.length && sampled[k].ts < end; k++) {
        const next = sampled[k + 1]?.ts ?? end;
        functions.set(sampled[k].label, (functions.get(sampled[k].label) ?? 0) + Math.min(next, end) / 1000 - sampled[k].ts / 1000);
      }
      longTasks.push({ pid: task.pid, start: task.ts, ms: task.dur! / 1000, cpuMs: (task.tdur ?? task.dur!) / 1000, parts, functions: [...functions].sort((a, b) => b[1] - a[1]).slice(0, 8), urls });
    }
  }
  longTasks.sort((a, b) => a.start - b.start);
  return { processes, longTasks, start: first };
}

function describe(e: TraceEvent): string {
  const d = e.args?.data;
  if (!d) return '';
  if (d.type) return String(d.type);
  if (d.functionName || d.url) return `${d.functionName || '(anonymous)'} ${String(d.url ?? '').replace(/\?.*$/, '').replace(/^.*\//, '')}`.trim();
  return '';
}

function lowerBound(list: { ts: number }[], ts: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].ts < ts) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One line per task: its length, then its biggest parts and functions. */
export function formatTask(task: LongTask, label: string): string {
  const parts = Object.entries(task.parts).sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
  const functions = task.functions.slice(0, 6).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
  return `${label} ${task.ms.toFixed(0)} ms (CPU ${task.cpuMs.toFixed(0)} ms) — ${parts}${functions ? ` — JS self: ${functions}` : ''}`;
}
