// VSIX size and file count of the production package. Goal: < 1 MB.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchResult } from './types';

const ROOT = path.resolve(__dirname, '..');

export async function run(): Promise<BenchResult[]> {
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const vsix = path.join(ROOT, `tandem-${version}.vsix`);
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: 'ignore' });
  const listed = execFileSync(path.join(ROOT, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.trim());
  const bytes = fs.statSync(vsix).size;
  return [
    { name: 'VSIX size', value: bytes / 1024, unit: 'KiB', goal: '< 1024 KiB', ok: bytes < 1024 * 1024 },
    { name: 'VSIX files (vsce ls)', value: listed.length, unit: 'files', goal: 'only what runs', ok: listed.every((f) => !/^(src|test|bench|node_modules)\//.test(f)) },
  ];
}

if (require.main === module) {
  void run().then((results) => {
    for (const r of results) console.log(`${r.name}: ${r.value.toFixed(1)} ${r.unit} (goal ${r.goal}) ${r.ok ? 'OK' : 'MISSED'}`);
  });
}
