// Tandem's keys against the default keybindings VS Code 1.139 itself lists, on each platform: code-server's
// workbench takes its platform from the browser, so one run per user agent reads the Linux, macOS and Windows
// defaults (Preferences: Open Default Keyboard Shortcuts (JSON)) with Tandem installed.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalKey, keybindingProblems, keyOn, parseKeybindingEntries, PLATFORMS, type DefaultKeys, type Platform } from '../support/keybindings';
import { readManifest } from '../support/manifest';
import { readDefaultKeybindings, USER_AGENTS } from './defaultKeybindings';
import { VscodeSession } from './harness';

const SNAPSHOT = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'vscode-keybindings', '1.139.1.json'), 'utf8')) as { platforms: Record<Platform, DefaultKeys> };

/** The key → commands pairs of `live` that `snapshot` lacks. */
function unknownToSnapshot(live: DefaultKeys, snapshot: DefaultKeys): Record<string, string[]> {
  const unknown: Record<string, string[]> = {};
  for (const [key, commands] of Object.entries(live)) {
    const missing = commands.filter((command) => !(snapshot[key] ?? []).includes(command));
    if (missing.length) unknown[key] = missing;
  }
  return unknown;
}

describe('keybindings: none clashes with VS Code 1.139 defaults on any platform (code-server)', () => {
  const { keybindings } = readManifest().contributes;

  for (const platform of PLATFORMS) {
    it(`${platform}: every contributed key is free, and VS Code lists it as contributed`, async () => {
      const session = await VscodeSession.start({ userAgent: USER_AGENTS[platform] });
      try {
        const { text, defaults } = await readDefaultKeybindings(session);
        assert.ok(Object.keys(defaults).length > 300, 'the workbench listed its defaults');
        assert.deepEqual(keybindingProblems(keybindings, defaults, platform), []);
        const listed = parseKeybindingEntries(text).filter((e) => e.command.startsWith('tandem.'));
        for (const binding of keybindings) {
          assert.ok(listed.some((e) => e.command === binding.command && canonicalKey(e.key) === keyOn(binding, platform)), `${binding.command} on ${keyOn(binding, platform)}`);
        }
        // A view's own actions (the Output filter's, say) are listed only once that view has been created, so the
        // live list can be shorter than the snapshot; what matters is that the snapshot the unit test checks
        // package.json against knows every default VS Code lists now.
        assert.deepEqual(unknownToSnapshot(defaults, SNAPSHOT.platforms[platform]), {}, 'the defaults changed: run `npx tsx scripts/vscode-keybindings.ts` to refresh the snapshot');
      } finally {
        await session.dispose();
      }
    });
  }
});
