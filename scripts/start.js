#!/usr/bin/env node
// `npm start`: installs what is missing, builds and packages Tandem, installs it into a local VS Code
// (code-server 4.139.1), opens a sample workspace and prints the URL. Ctrl+C stops it.
// `npm start -- --desktop` installs the VSIX into a desktop `code` on PATH instead.
'use strict';
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { root, toolsDir, nodeBinDir, codeServerBin } = require('./vscode-paths');

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
const port = Number(process.env.PORT || 8080);

function step(message) {
  console.log(`\n▸ ${message}`);
}

function run(cmd, args, options = {}) {
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
}

const SAMPLE_FILES = {
  'README.md': '# Sample workspace\n\nOpen `src/cart.ts` and select some code, then right-click → Tandem, or open the Tandem chat.\n',
  'src/cart.ts': [
    'export interface Item {',
    '  name: string;',
    '  price: number;',
    '  quantity: number;',
    '}',
    '',
    '// Bug: the discount is applied to every item twice.',
    'export function total(items: Item[], discount = 0): number {',
    '  let sum = 0;',
    '  for (const item of items) {',
    '    sum += item.price * item.quantity * (1 - discount);',
    '  }',
    '  return sum * (1 - discount);',
    '}',
    '',
  ].join('\n'),
  'scripts/report.py': [
    'import json',
    'import sys',
    '',
    '',
    'def summarize(path):',
    '    with open(path) as f:',
    '        rows = json.load(f)',
    '    return {"count": len(rows), "total": sum(r["amount"] for r in rows)}',
    '',
    '',
    'if __name__ == "__main__":',
    '    print(summarize(sys.argv[1]))',
    '',
  ].join('\n'),
  '.env': 'API_TOKEN=this-file-is-never-sent-to-a-model\n',
};

function ensureSampleWorkspace(dir) {
  for (const [file, content] of Object.entries(SAMPLE_FILES)) {
    const target = path.join(dir, file);
    if (fs.existsSync(target)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
}

function main() {
  if (!fs.existsSync(path.join(root, 'node_modules', '.bin', 'esbuild'))) {
    step('Installing npm dependencies');
    run('npm', [fs.existsSync(path.join(root, 'package-lock.json')) ? 'ci' : 'install', '--no-audit', '--no-fund']);
  }
  step('Building and packaging the extension');
  run('npm', ['run', '--silent', 'package']);

  if (process.argv.includes('--desktop')) {
    const found = spawnSync('code', ['--version'], { stdio: 'ignore' });
    if (found.status !== 0) {
      console.error('No desktop `code` on PATH; run `npm start` without --desktop to use the bundled code-server.');
      process.exit(1);
    }
    run('code', ['--install-extension', vsix, '--force']);
    console.log(`\nTandem ${pkg.version} is installed in your desktop VS Code. Reload its window to use it.`);
    return;
  }

  step('Preparing code-server 4.139.1 (VS Code 1.139.1)');
  run(process.execPath, [path.join(__dirname, 'setup-vscode.js')]);
  const env = { ...process.env, PATH: `${nodeBinDir}:${process.env.PATH}` };
  const userDataDir = path.join(toolsDir, 'user-data');
  const extensionsDir = path.join(toolsDir, 'extensions');
  const workspace = path.join(toolsDir, 'sample-workspace');
  ensureSampleWorkspace(workspace);
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  if (!fs.existsSync(settingsFile)) fs.writeFileSync(settingsFile, JSON.stringify({ 'workbench.colorTheme': 'Default Dark Modern' }, null, 2));
  run(path.join(nodeBinDir, 'node'), [codeServerBin, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], { env, stdio: 'ignore' });

  step('Starting VS Code');
  const server = spawn(
    path.join(nodeBinDir, 'node'),
    [codeServerBin, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
      '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, workspace],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let announced = false;
  const announce = (chunk) => {
    if (announced || !/HTTP server listening/i.test(chunk.toString())) return;
    announced = true;
    console.log(`\n  Tandem ${pkg.version} is running in VS Code 1.139.1:\n\n      http://127.0.0.1:${port}/?folder=${workspace}\n`);
    console.log('  Open the URL, click the Tandem icon in the activity bar, then run "Tandem: Set API Key" (F1).');
    console.log('  Press Ctrl+C to stop.\n');
  };
  server.stdout.on('data', announce);
  server.stderr.on('data', (chunk) => {
    announce(chunk);
    if (/EADDRINUSE/.test(chunk.toString())) console.error(`Port ${port} is taken: run with PORT=<another port> npm start`);
  });
  const stop = () => server.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', (code) => process.exit(code ?? 0));
}

main();
