// Edit-engine benchmark: a whole-file proposal for a 10,000-line file with 20 scattered changes, through
// computeEdit (matching, re-indentation, text rebuild, hunks) and the hunk → document-range mapping the inline
// diff needs. Goal: < 50 ms (median).
import { computeEdit } from '../src/core/edits/engine';
import { hunkRanges } from '../src/core/edits/hunks';
import { median } from './stats';
import type { BenchResult } from './types';

const LINES = 10_000;
const CHANGES = 20;
const WARMUP = 3;
const SAMPLES = 15;

function makeFile(): { before: string; proposal: string } {
  const lines: string[] = [];
  for (let i = 0; lines.length < LINES; i++) {
    lines.push(`export function handler${i}(input: Request, context: Context): Response {`);
    lines.push(`  const value = compute(input.body, ${i});`);
    lines.push(`  if (value === undefined) return context.fail('missing value ${i}');`);
    lines.push(`  context.log('handled', ${i}, value);`);
    lines.push('  return context.ok(value);');
    lines.push('}');
    lines.push('');
  }
  lines.length = LINES;
  const changed = [...lines];
  const step = Math.floor(LINES / CHANGES);
  for (let c = 0; c < CHANGES; c++) {
    const at = c * step + 3;
    if (c % 3 === 0) changed[at] = `${changed[at]} // reviewed`;
    else if (c % 3 === 1) changed.splice(at, 0, `  context.metric('calls', ${c});`);
    else changed.splice(at, 1);
  }
  return { before: `${lines.join('\n')}\n`, proposal: `${changed.join('\n')}\n` };
}

export async function run(): Promise<BenchResult[]> {
  const { before, proposal } = makeFile();
  const once = (): { ms: number; hunks: number } => {
    const t0 = performance.now();
    const result = computeEdit(before, { mode: 'file', text: proposal });
    if (!result.ok) throw new Error(result.reason);
    const ranges = hunkRanges(result.hunks);
    return { ms: performance.now() - t0, hunks: ranges.length };
  };
  for (let i = 0; i < WARMUP; i++) once();
  const samples = Array.from({ length: SAMPLES }, once);
  const ms = median(samples.map((s) => s.ms));
  return [
    { name: `computeEdit + hunk ranges, 10,000 lines, ${samples[0].hunks} hunks (median of ${SAMPLES})`, value: ms, unit: 'ms', goal: '< 50 ms', ok: ms < 50 },
    { name: 'edit engine time / 50 ms budget', value: ms / 50, unit: '×', goal: '< 1 ×', ok: ms < 50 },
  ];
}

if (require.main === module) {
  void run().then((results) => {
    for (const r of results) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit} (goal ${r.goal}) ${r.ok ? 'OK' : 'MISSED'}`);
  });
}
