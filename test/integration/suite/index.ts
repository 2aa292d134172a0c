// Mocha entry for the in-host suite: runs inside VS Code's extension host with the real `vscode` API, under
// code-server (test/integration/run-code-server.ts) or @vscode/test-electron (run-electron.js). VS Code ignores
// what run() returns under code-server, so the results also go to the JSON file TANDEM_HOST_RESULTS names.
import * as fs from 'node:fs';
import Mocha from 'mocha';
import { codeActionSuite } from './codeActions.test';
import { extensionSuite } from './extension.test';
import { filePickerSuite } from './filePicker.test';
import { settingsSuite } from './settings.test';

export interface HostResults {
  readonly passed: string[];
  readonly failed: { title: string; error: string }[];
  readonly crashed?: string;
}

function report(results: HostResults): void {
  const file = process.env.TANDEM_HOST_RESULTS;
  if (file) fs.writeFileSync(file, JSON.stringify(results, null, 2));
}

export function run(): Promise<void> {
  const results: HostResults = { passed: [], failed: [] };
  try {
    const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
    mocha.suite.emit('pre-require', globalThis, 'extension', mocha);
    extensionSuite();
    codeActionSuite();
    settingsSuite();
    filePickerSuite();
    return new Promise((resolve, reject) => {
      const runner = mocha.run((failures) => {
        report(results);
        if (failures) reject(new Error(`${failures} in-host test(s) failed`));
        else resolve();
      });
      runner.on('pass', (test) => results.passed.push(test.fullTitle()));
      runner.on('fail', (test, error: Error) => results.failed.push({ title: test.fullTitle(), error: error.stack ?? String(error) }));
    });
  } catch (error) {
    report({ ...results, crashed: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    return Promise.reject(error);
  }
}
