'use strict';
// Runs the in-host suite (test/integration/suite, bundled to dist/test/suite/index.js) inside a downloaded VS Code
// with @vscode/test-electron. Needs internet for the download; the code-server e2e tests cover the same ground here.
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');

async function main() {
  const root = path.resolve(__dirname, '..', '..');
  try {
    await runTests({
      version: '1.90.0',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'dist', 'test', 'suite', 'index.js'),
      launchArgs: [path.join(root, 'test', 'integration', 'workspace'), '--disable-extensions', '--disable-workspace-trust'],
    });
  } catch (error) {
    console.error(`In-host tests failed or VS Code could not be downloaded: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

void main();
