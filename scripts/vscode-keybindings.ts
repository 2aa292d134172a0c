// Snapshots VS Code's default keybindings per platform from the code-server the tests run
// (`npx tsx scripts/vscode-keybindings.ts`) into test/fixtures/vscode-keybindings/<version>.json, which the unit test
// checks package.json against, kept as a union over runs. test/e2e/keybindings.e2e.ts reads the same defaults live and
// fails if VS Code lists one the snapshot lacks.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readDefaultKeybindings, USER_AGENTS } from '../test/e2e/defaultKeybindings';
import { VscodeSession } from '../test/e2e/harness';
import { PLATFORMS, type DefaultKeys, type Platform } from '../test/support/keybindings';

export const SNAPSHOT = path.join(__dirname, '..', 'test', 'fixtures', 'vscode-keybindings', '1.139.1.json');

/** Keeps what earlier runs saw: a view's actions are listed only once that view exists. */
function union(a: DefaultKeys, b: DefaultKeys): DefaultKeys {
  const merged: Record<string, string[]> = {};
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) merged[key] = [...new Set([...(a[key] ?? []), ...(b[key] ?? [])])];
  return merged;
}

(async () => {
  const previous = fs.existsSync(SNAPSHOT) ? (JSON.parse(fs.readFileSync(SNAPSHOT, 'utf8')) as { platforms: Record<Platform, DefaultKeys> }) : undefined;
  const snapshot = { vscode: '1.139.1 (code-server 4.139.1)', platforms: {} as Record<Platform, DefaultKeys> };
  for (const platform of PLATFORMS) {
    const session = await VscodeSession.start({ userAgent: USER_AGENTS[platform] });
    try {
      snapshot.platforms[platform] = union(previous?.platforms[platform] ?? {}, (await readDefaultKeybindings(session)).defaults);
      console.log(`${platform}: ${Object.keys(snapshot.platforms[platform]).length} keys`);
    } finally {
      await session.dispose();
    }
  }
  fs.mkdirSync(path.dirname(SNAPSHOT), { recursive: true });
  fs.writeFileSync(SNAPSHOT, `${JSON.stringify(snapshot, null, 1)}\n`);
  console.log(`Written to ${SNAPSHOT}`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
