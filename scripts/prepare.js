#!/usr/bin/env node
// Makes a fresh machine ready, once: the Debian packages (as root it installs them; otherwise it prints the one
// line to run), the npm dependencies, and code-server 4.139.1 with the Node 24 it runs on. Node built-ins only,
// so it runs before `npm ci`. `node scripts/prepare.js start` is what `npm start` needs; `test` adds Chromium.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { root, chromiumPath } = require('./vscode-paths');

/** Each Debian package with the file that shows it is there. */
const DEBIAN = {
  'libkrb5-dev': { neededFor: 'building code-server', present: () => fs.existsSync('/usr/include/gssapi/gssapi.h') },
  chromium: { neededFor: 'the webview and end-to-end tests', present: () => fs.existsSync(chromiumPath) },
  git: { neededFor: 'the commit-message end-to-end tests', present: () => fs.existsSync('/usr/bin/git') },
};
/** What each entry point needs; `desktop` installs into a desktop VS Code and so needs no code-server. */
const NEEDS = { desktop: [], start: ['libkrb5-dev'], test: ['libkrb5-dev', 'chromium', 'git'] };

class Stop extends Error {}

function run(cmd, args, options = {}) {
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
}

function ensureDebianPackages(names) {
  const missing = names.filter((name) => !DEBIAN[name].present());
  if (missing.length === 0) return;
  const why = missing.map((name) => `${name} (${DEBIAN[name].neededFor})`).join(', ');
  if (!fs.existsSync('/usr/bin/apt-get')) {
    throw new Stop(`Tandem's local VS Code needs ${why}, and this machine has no apt-get: install them with your package manager, then run this again.`);
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Stop(`Tandem's local VS Code needs Debian packages: ${why}. Run this once, then run this command again:\n\n    sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n`);
  }
  console.log(`\n▸ Installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const still = missing.filter((name) => !DEBIAN[name].present());
  if (still.length > 0) throw new Stop(`apt-get finished, but ${still.join(', ')} is still missing.`);
}

/**
 * npm ci when node_modules is missing, or when the lock file changed since this script last installed (a hash
 * stamp: file times say nothing after a checkout). A tree installed by hand is left alone.
 */
function ensureNpmDependencies() {
  const lock = fs.readFileSync(path.join(root, 'package-lock.json'));
  const hash = require('node:crypto').createHash('sha256').update(lock).digest('hex');
  const stamp = path.join(root, 'node_modules', '.tandem-lock-sha256');
  const installed = fs.existsSync(path.join(root, 'node_modules', '.bin', 'esbuild'));
  if (installed && (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') === hash)) return;
  console.log('\n▸ Installing npm dependencies');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  fs.writeFileSync(stamp, hash);
}

function main() {
  const target = process.argv[2] ?? 'test';
  if (!NEEDS[target]) throw new Stop(`usage: node scripts/prepare.js ${Object.keys(NEEDS).join('|')}`);
  ensureDebianPackages(NEEDS[target]);
  ensureNpmDependencies();
  if (target !== 'desktop') run(process.execPath, [path.join(__dirname, 'setup-vscode.js')]);
}

try {
  main();
} catch (error) {
  if (error instanceof Stop) {
    console.error(`\n${error.message}`);
    process.exit(1);
  }
  // A failed install step has printed its own output above; the stack would only hide it.
  console.error(`\n${error.message}`);
  process.exit(typeof error.status === 'number' ? error.status : 1);
}
