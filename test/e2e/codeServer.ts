// What a harness session's code-server starts from: Tandem's manifest, the VSIX staged once per run, a free port and
// the workbench URL (with the smoke-test driver's payload for an in-host suite).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const paths = require('../../scripts/vscode-paths.js') as { root: string; nodeBinDir: string; codeServerBin: string };

const ROOT = paths.root;
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  publisher: string;
  version: string;
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: { commandPalette?: { command: string; when: string }[] };
    configuration: { properties: Record<string, { scope?: string }> }[];
  };
};
export const EXTENSION_ID = `${PACKAGE.publisher}.${PACKAGE.name}`;
export const CONTRIBUTED_COMMANDS = PACKAGE.contributes.commands;
export const PALETTE_RULES: { command: string; when: string }[] = PACKAGE.contributes.menus.commandPalette ?? [];
/** Settings VS Code reads only from user or Remote settings; code-server's window is a remote one, so Remote. */
export const MACHINE_SCOPED = new Set(PACKAGE.contributes.configuration.flatMap((s) => Object.entries(s.properties).filter(([, p]) => p.scope === 'machine').map(([k]) => k)));

let stagedExtensionDir: string | undefined;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function workbenchUrl(port: number, workspace: string, inHostTests: string | undefined): string {
  const host = `127.0.0.1:${port}`;
  const url = `http://${host}/?folder=${encodeURIComponent(workspace)}`;
  if (!inHostTests) return url;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${host}${ROOT}`],
    ['extensionTestsPath', `vscode-remote://${host}${inHostTests}`],
  ];
  return `${url}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Packages the VSIX once per run and installs it into a staging extensions dir that sessions copy. */
export function stageExtension(): string {
  if (stagedExtensionDir) return stagedExtensionDir;
  const vsix = path.join(ROOT, `${PACKAGE.name}-${PACKAGE.version}.vsix`);
  if (!process.env.TANDEM_E2E_SKIP_PACKAGE || !fs.existsSync(vsix)) {
    execFileSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-ext-'));
  execFileSync(path.join(paths.nodeBinDir, 'node'), [paths.codeServerBin, '--extensions-dir', staging, '--install-extension', vsix], {
    env: { ...process.env, PATH: `${paths.nodeBinDir}:${process.env.PATH}` },
    stdio: 'ignore',
  });
  stagedExtensionDir = staging;
  // Sessions copy it; once the run ends nothing needs it (they were left in /tmp by every run).
  process.once('exit', () => fs.rmSync(staging, { recursive: true, force: true }));
  return staging;
}
