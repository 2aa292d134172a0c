#!/usr/bin/env node
// `npm start`: installs what is missing, builds and packages Tandem, installs it into a local VS Code
// (code-server 4.139.1), opens a trusted sample workspace and prints the URL. Ctrl+C stops it.
// `npm start -- --desktop` installs the VSIX into a desktop `code` on PATH instead; `-- --restricted` opens the
// sample in Restricted Mode.
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

/** A small project to try every feature on at once: a type error for the lightbulb, a logic bug for Fix and the
 * inline diff, a second language, and a secret file that is never sent. */
const SAMPLE_FILES = {
  'README.md': [
    '# Try Tandem here',
    '',
    '1. Run **Tandem: Set API Key** (F1), then open the Tandem chat from the activity bar.',
    '2. Open `src/cart.ts`: `item.qty` is underlined (a type error). Put the cursor on it, open the lightbulb',
    '   (Ctrl+.) and pick **Fix with Tandem**. The fix shows inline; accept or reject it.',
    '3. Open `src/discount.ts`: a cart of $600 gets 10 % off, not 20 %. Select `discountFor`, right-click ›',
    '   **Tandem › Fix**, or ask the chat why.',
    '4. `.env` holds a fake secret: Tandem never sends it, and the context chips say so.',
    '',
  ].join('\n'),
  'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, noEmit: true }, include: ['src'] }, null, 2) + '\n',
  'src/cart.ts': [
    'export interface Item {',
    '  name: string;',
    '  price: number;',
    '  quantity: number;',
    '}',
    '',
    '/** Sum of price × quantity, with an optional discount (0.1 = 10 % off the whole cart). */',
    'export function total(items: Item[], discount = 0): number {',
    '  let sum = 0;',
    '  for (const item of items) {',
    '    sum += item.price * item.qty;',
    '  }',
    '  return sum * (1 - discount);',
    '}',
    '',
    '/** An amount in dollars, e.g. 12.5 → "$12.50". */',
    'export function formatPrice(amount: number): string {',
    "  return '$' + amount.toFixed(2);",
    '}',
    '',
  ].join('\n'),
  'src/discount.ts': [
    "import { type Item, total } from './cart';",
    '',
    '/** 10 % off carts of $100 or more, 20 % off carts of $500 or more. */',
    'export function discountFor(items: Item[]): number {',
    '  const amount = total(items);',
    '  if (amount >= 100) return 0.1;',
    '  if (amount >= 500) return 0.2;',
    '  return 0;',
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

/**
 * The demo profile's defaults, added where the user has not set the key: the sample's README opens first, and
 * VS Code's own chat stays out of the way (two chat panels side by side confuse a first look).
 */
const DEMO_SETTINGS = {
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.startupEditor': 'readme',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  // The sample lives inside this repository's .vscode-test/: do not offer to open the outer repository.
  'git.openRepositoryInParentFolders': 'never',
};

function writeMissingSettings(file) {
  let current = {};
  try {
    current = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    if (fs.existsSync(file)) return; // the user's own file with comments: leave it alone
  }
  const merged = { ...DEMO_SETTINGS, ...current };
  if (Object.keys(merged).length !== Object.keys(current).length) fs.writeFileSync(file, JSON.stringify(merged, null, 2));
}

function ensureSampleWorkspace(dir) {
  for (const [file, content] of Object.entries(SAMPLE_FILES)) {
    const target = path.join(dir, file);
    if (fs.existsSync(target)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
}

function main() {
  const desktop = process.argv.includes('--desktop');
  // Debian packages (or the one sudo line to run), npm dependencies and code-server; exits with a message on failure.
  if (spawnSync(process.execPath, [path.join(__dirname, 'prepare.js'), desktop ? 'desktop' : 'start'], { stdio: 'inherit' }).status !== 0) process.exit(1);
  step('Building and packaging the extension');
  run('npm', ['run', '--silent', 'package']);

  if (desktop) {
    const found = spawnSync('code', ['--version'], { stdio: 'ignore' });
    if (found.status !== 0) {
      console.error('No desktop `code` on PATH; run `npm start` without --desktop to use the bundled code-server.');
      process.exit(1);
    }
    run('code', ['--install-extension', vsix, '--force']);
    console.log(`\nTandem ${pkg.version} is installed in your desktop VS Code. Reload its window to use it.`);
    return;
  }

  const env = { ...process.env, PATH: `${nodeBinDir}:${process.env.PATH}` };
  const userDataDir = path.join(toolsDir, 'user-data');
  const extensionsDir = path.join(toolsDir, 'extensions');
  const workspace = path.join(toolsDir, 'sample-workspace');
  ensureSampleWorkspace(workspace);
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  writeMissingSettings(settingsFile);
  run(path.join(nodeBinDir, 'node'), [codeServerBin, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], { env, stdio: 'ignore' });

  step('Starting VS Code');
  // The sample is this script's own folder, so it opens trusted: Fix and Apply work at once. This VS Code has its
  // own profile in .vscode-test/; `npm start -- --restricted` keeps workspace trust on to try Restricted Mode.
  const trust = process.argv.includes('--restricted') ? [] : ['--disable-workspace-trust'];
  const server = spawn(
    path.join(nodeBinDir, 'node'),
    [codeServerBin, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
      ...trust, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, workspace],
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

try {
  main();
} catch (error) {
  // A failed step (build, package, install) printed its own output above; a stack would only bury it.
  console.error(`\n${error.message}`);
  process.exit(typeof error.status === 'number' ? error.status : 1);
}
