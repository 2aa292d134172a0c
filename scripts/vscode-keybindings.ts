// Snapshots VS Code's default keybindings per platform from the code-server the tests run
// (`npx tsx scripts/vscode-keybindings.ts`) into test/fixtures/vscode-keybindings/<version>.json, which the unit test
// checks package.json against. test/e2e/keybindings.e2e.ts reads the same defaults live and fails if they drifted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readDefaultKeybindings, USER_AGENTS } from '../test/e2e/defaultKeybindings';
import { VscodeSession } from '../test/e2e/harness';
import { PLATFORMS, type DefaultKeys, type Platform } from '../test/support/keybindings';

export const SNAPSHOT = path.join(__dirname, '..', 'test', 'fixtures', 'vscode-keybindings', '1.139.1.json');

(async () => {
  const snapshot = { vscode: '1.139.1 (code-server 4.139.1)', platforms: {} as Record<Platform, DefaultKeys> };
  for (const platform of PLATFORMS) {
    const session = await VscodeSession.start({ userAgent: USER_AGENTS[platform] });
    try {
      snapshot.platforms[platform] = (await readDefaultKeybindings(session)).defaults;
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
