// Runs the in-host suite (test/integration/suite, bundled by `node esbuild.js --tests` to dist/test/suite/index.js)
// inside code-server's real extension host: Tandem loads from this tree, the suite's run() is VS Code's
// extensionTestsPath. Prints each result and exits non-zero on any failure. Every process it starts is stopped.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { VscodeSession, waitFor } from '../e2e/harness';
import type { HostResults } from './suite/index';

const ROOT = path.resolve(__dirname, '..', '..');
const SUITE = path.join(ROOT, 'dist', 'test', 'suite', 'index.js');
const WORKSPACE = path.join(__dirname, 'workspace');
/** Far above the slowest run seen; the suite itself takes seconds. */
const CEILING_MS = 10 * 60_000;

function filesOf(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) Object.assign(files, filesOf(path.join(dir, entry.name), relative));
    else files[relative] = fs.readFileSync(path.join(dir, entry.name), 'utf8');
  }
  return files;
}

async function main(): Promise<number> {
  if (!fs.existsSync(SUITE)) throw new Error(`${SUITE} is missing: run \`node esbuild.js --tests\` first`);
  const resultsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-host-')), 'results.json');
  console.log('In-host suite in code-server 4.139.1 (VS Code 1.139.1):');
  const session = await VscodeSession.start({ files: filesOf(WORKSPACE), inHostTests: SUITE, env: { TANDEM_HOST_RESULTS: resultsFile } });
  try {
    const results = await waitFor('the in-host suite to report', () => {
      if (fs.existsSync(resultsFile)) return JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as HostResults;
      const crash = session.readExtHostLog().split('\n').find((line) => /extensionTestsPath|Cannot find module/.test(line) && /error/i.test(line));
      if (crash) throw new Error(`the extension host could not run the suite: ${crash}`);
      return undefined;
    }, CEILING_MS, 250);
    for (const title of results.passed) console.log(`  ✔ ${title}`);
    for (const { title, error } of results.failed) console.log(`  ✘ ${title}\n${error.replace(/^/gm, '      ')}`);
    if (results.crashed) console.log(`  the suite crashed before it ran:\n${results.crashed}`);
    console.log(`\n  ${results.passed.length} passing, ${results.failed.length} failing (in the extension host)`);
    return results.failed.length > 0 || results.crashed || results.passed.length === 0 ? 1 : 0;
  } finally {
    await session.dispose();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
