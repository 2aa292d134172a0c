#!/usr/bin/env node
// Runs every benchmark in bench/ (each exports run(): Promise<BenchResult[]>), prints one table, and writes it
// into bench/README.md between the RESULTS markers. Reported, not a pass/fail gate: exit code 0 unless one crashed.
'use strict';
require('tsx/cjs');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { fork } = require('node:child_process');

const HELPERS = new Set(['types.ts', 'stats.ts', 'vscodeStub.ts', 'traceTasks.ts', 'renderPage.ts', 'renderBaseline.ts', 'renderGrowth.ts', 'wholeMessageRenderer.ts', 'codeServerChat.ts', 'hostMarks.ts']);
const only = process.argv.slice(2);

function formatValue(value) {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/**
 * Each benchmark runs in a fresh Node process: one that follows the Chromium render bench in the same process
 * inherits its heap, and its garbage collections slowed stream decoding by 10-15%.
 */
function runIsolated(file) {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--child', file], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let results;
    child.on('message', (message) => {
      if (message.error) reject(new Error(message.error));
      else results = message.results;
    });
    child.on('error', reject);
    child.on('exit', (code) => (results ? resolve(results) : reject(new Error(`${file} exited with ${code} and no results`))));
  });
}

async function child(file) {
  try {
    const results = await require(path.join(__dirname, file)).run();
    process.send({ results }, () => process.disconnect());
  } catch (error) {
    process.send({ error: error && error.stack ? error.stack : String(error) }, () => process.disconnect());
  }
}

async function main() {
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && !HELPERS.has(f))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  const rows = [];
  let crashed = 0;
  for (const file of files) {
    process.stdout.write(`… ${file}\n`);
    try {
      for (const r of await runIsolated(file)) rows.push({ file, ...r });
    } catch (error) {
      crashed++;
      console.error(`${file} crashed: ${error && error.stack ? error.stack : error}`);
      rows.push({ file, name: 'crashed', value: NaN, unit: '', goal: '', ok: false });
    }
  }
  const header = '| benchmark | result | goal | met |\n|---|---|---|---|';
  const table = rows.map((r) => `| ${r.name} | ${formatValue(r.value)} ${r.unit} | ${r.goal} | ${r.ok ? 'yes' : '**no**'} |`).join('\n');
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
  const block = `<!-- RESULTS:START -->\nLatest run: ${machine}\n\n${header}\n${table}\n<!-- RESULTS:END -->`;
  console.log(`\n${header}\n${table}`);
  const readme = path.join(__dirname, 'README.md');
  if (only.length === 0 && fs.existsSync(readme)) {
    const text = fs.readFileSync(readme, 'utf8');
    if (text.includes('<!-- RESULTS:START -->')) {
      fs.writeFileSync(readme, text.replace(/<!-- RESULTS:START -->[\s\S]*<!-- RESULTS:END -->/, block));
    }
  }
  process.exitCode = crashed ? 1 : 0;
}

if (process.argv[2] === '--child') void child(process.argv[3]);
else void main();
