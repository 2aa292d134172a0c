// Activation benchmark: time to load the production bundle and run activate(), each sample in a fresh Node
// process (a warm module cache would flatter the figure). Goal: activate() < 50 ms.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { median } from './stats';
import type { BenchResult } from './types';

const ROOT = path.resolve(__dirname, '..');
const SAMPLES = 15;

function sampleOnce(): { load: number; activate: number } {
  const script = `
    // tsx only to load the TypeScript stub: unregistered before the bundle loads, so its load time is Node's own.
    const unregister = require(${JSON.stringify(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cjs', 'api', 'index.cjs'))}).register();
    const { installVscodeStub, stubContext } = require(${JSON.stringify(path.join(__dirname, 'vscodeStub.ts'))});
    installVscodeStub();
    unregister();
    const t0 = performance.now();
    const ext = require(${JSON.stringify(path.join(ROOT, 'dist', 'extension.js'))});
    const t1 = performance.now();
    ext.activate(stubContext);
    const t2 = performance.now();
    process.stdout.write(JSON.stringify({ load: t1 - t0, activate: t2 - t1 }));
  `;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { load: number; activate: number };
}

export async function run(): Promise<BenchResult[]> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) execFileSync('node', ['esbuild.js', '--production'], { cwd: ROOT, stdio: 'inherit' });
  const samples = Array.from({ length: SAMPLES }, sampleOnce);
  const activate = median(samples.map((s) => s.activate));
  const load = median(samples.map((s) => s.load));
  return [
    { name: 'activate() (median of 15 fresh processes)', value: activate, unit: 'ms', goal: '< 50 ms', ok: activate < 50 },
    { name: 'bundle load + activate()', value: load + activate, unit: 'ms', goal: '< 50 ms', ok: load + activate < 50 },
  ];
}

if (require.main === module) {
  void run().then((results) => {
    for (const r of results) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit} (goal ${r.goal}) ${r.ok ? 'OK' : 'MISSED'}`);
  });
}
