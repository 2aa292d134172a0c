// Mocha entry for the in-host suite: runs inside VS Code's extension host with the real `vscode` API.
import Mocha from 'mocha';
import { extensionSuite } from './extension.test';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 20_000 });
  mocha.suite.emit('pre-require', globalThis, 'extension', mocha);
  extensionSuite();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} in-host test(s) failed`)) : resolve()));
  });
}
