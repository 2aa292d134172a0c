// The extension host's side of bench/latency.ts. Marks: Tandem writes when a send's steps happened
// (src/host/latencyMarks.ts) to the file TANDEM_LATENCY_MARKS names, on the same wall clock as the bench and the page,
// so a send's time splits into VS Code's hops and Tandem's own work. And, for BENCH_LATENCY_PROFILE, a CPU profile of
// the extension host: its inspector is opened with SIGUSR1, as `node --inspect` would, and driven over its WebSocket
// (Node 22's global WebSocket, or Node 20 with NODE_OPTIONS=--experimental-websocket).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LatencyMark } from '../src/host/latencyMarks';

export interface Mark {
  readonly name: LatencyMark;
  readonly at: number;
}

/** A fresh marks file for one code-server session; pass it as TANDEM_LATENCY_MARKS in the session's environment. */
export function marksFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-marks-')), 'marks.txt');
}

export function readMarks(file: string): Mark[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
    const [name, at] = line.split(' ');
    return { name: name as LatencyMark, at: Number(at) };
  });
}

/** The first mark of that name at or after `from` (and before `until`), as milliseconds after `from`. */
export function firstMarkAfter(marks: readonly Mark[], name: LatencyMark, from: number, until = from + 5_000): number | undefined {
  const found = marks.find((m) => m.name === name && m.at >= from && m.at < until);
  return found && found.at - from;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts profiling the (only) running extension host; the returned function stops and gives the profile. */
export async function profileExtensionHost(): Promise<() => Promise<unknown>> {
  const WebSocketClass = (globalThis as { WebSocket?: new (url: string) => WebSocket }).WebSocket;
  if (!WebSocketClass) throw new Error('BENCH_LATENCY_PROFILE needs a global WebSocket: Node 22, or NODE_OPTIONS=--experimental-websocket');
  const ps = execFileSync('ps', ['-eo', 'pid,args']).toString().split('\n');
  const hosts = ps.filter((line) => line.includes('--type=extensionHost'));
  if (hosts.length !== 1) throw new Error(`expected one extension host, found ${hosts.length}`);
  process.kill(Number(hosts[0].trim().split(/\s+/)[0]), 'SIGUSR1');
  let targets: { webSocketDebuggerUrl: string }[] = [];
  for (let i = 0; i < 50 && targets.length === 0; i++) {
    await sleep(100);
    targets = (await fetch('http://127.0.0.1:9229/json').then((r) => r.json()).catch(() => [])) as typeof targets;
  }
  const socket = new WebSocketClass(targets[0].webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let id = 0;
  const pending = new Map<number, (result: unknown) => void>();
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  };
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      pending.set(++id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 200 });
  await send('Profiler.start');
  return async () => {
    const { profile } = (await send('Profiler.stop')) as { profile: unknown };
    socket.close();
    return profile;
  };
}
