// Every contributed key against VS Code 1.139's own defaults on Linux, macOS and Windows (a snapshot that
// scripts/vscode-keybindings.ts takes from code-server; test/e2e/keybindings.e2e.ts checks the live list), against
// AltGr/Option characters and the keys the operating system takes.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keybindingProblems, keyOn, PLATFORMS, type DefaultKeys, type Platform } from '../../support/keybindings';
import { readManifest } from '../../support/manifest';

const SNAPSHOT = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'vscode-keybindings', '1.139.1.json'), 'utf8')) as { platforms: Record<Platform, DefaultKeys> };

describe('manifest: keybindings', () => {
  const { keybindings } = readManifest().contributes;

  for (const platform of PLATFORMS) {
    it(`no contributed key clashes on ${platform}`, () => {
      assert.ok(Object.keys(SNAPSHOT.platforms[platform]).length > 300, 'the snapshot holds the defaults');
      assert.deepEqual(keybindingProblems(keybindings, SNAPSHOT.platforms[platform], platform), []);
    });
  }

  it('the checker finds the clashes the issue reported', () => {
    const old = [
      { command: 'tandem.openChat', key: 'ctrl+alt+t', mac: 'cmd+alt+t' },
      { command: 'tandem.editWithInstruction', key: 'ctrl+alt+e', mac: 'cmd+alt+e' },
      { command: 'tandem.suggestion.accept', key: 'ctrl+y', mac: 'cmd+y', when: 'editorTextFocus && tandem.suggestionPending' },
    ];
    const linux = keybindingProblems(old, SNAPSHOT.platforms.linux, 'linux').join('\n');
    assert.match(linux, /ctrl\+alt\+t: the operating system takes/);
    assert.match(keybindingProblems(old, SNAPSHOT.platforms.mac, 'mac').join('\n'), /alt\+meta\+t clashes with VS Code's workbench\.action\.closeOtherEditors/);
    const win = keybindingProblems(old, SNAPSHOT.platforms.win, 'win').join('\n');
    assert.match(win, /ctrl\+alt\+e is AltGr\+key/);
    assert.match(win, /needs "tandem\.cursorInSuggestion"/, 'Keep at the cursor only while the cursor is in a hunk');
  });

  it('keep/undo follow VS Code: Ctrl/Cmd+Y and Ctrl/Cmd+N at the cursor only inside a Tandem hunk, the file on Ctrl/Cmd+Shift', () => {
    const find = (command: string) => keybindings.find((k) => k.command === command)!;
    for (const [command, linux, mac] of [
      ['tandem.suggestion.accept', 'ctrl+y', 'meta+y'],
      ['tandem.suggestion.reject', 'ctrl+n', 'meta+n'],
      ['tandem.suggestion.acceptAll', 'ctrl+shift+y', 'shift+meta+y'],
      ['tandem.suggestion.rejectAll', 'ctrl+shift+n', 'shift+meta+n'],
      ['tandem.suggestion.next', 'alt+f5', 'alt+f5'],
      ['tandem.suggestion.previous', 'shift+alt+f5', 'shift+alt+f5'],
    ] as const) {
      assert.equal(keyOn(find(command), 'linux'), linux, command);
      assert.equal(keyOn(find(command), 'win'), linux, command);
      assert.equal(keyOn(find(command), 'mac'), mac, command);
    }
    assert.match(find('tandem.suggestion.accept').when ?? '', /tandem\.cursorInSuggestion/);
    assert.match(find('tandem.suggestion.reject').when ?? '', /tandem\.cursorInSuggestion/);
  });
});
