// package.json's commands and menus follow VS Code's conventions: edit actions are hidden where Tandem may not edit,
// editor commands need an editor, the chat's actions are in the view's and the chat tab's title bars, every command
// has its own icon, and a title that opens a picker or an input ends in an ellipsis.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readManifest, type MenuItem } from '../../support/manifest';

/** Commands that change a file: never offered in a read-only editor or in Restricted Mode. */
const EDIT_COMMANDS = ['tandem.fix', 'tandem.refactor', 'tandem.addDocs', 'tandem.optimize', 'tandem.editWithInstruction'];
/** Commands that act on the active editor. */
const EDITOR_COMMANDS = [...EDIT_COMMANDS, 'tandem.explain', 'tandem.askAboutSelection', 'tandem.writeTests', 'tandem.addToChat'];
/** Commands whose first step is a quick pick or an input box. */
const OPENS_PICKER = ['tandem.switchModel', 'tandem.setApiKey', 'tandem.clearApiKey', 'tandem.refactor', 'tandem.askAboutSelection', 'tandem.editWithInstruction', 'tandem.suggestion.actions', 'tandem.suggestion.reviewFiles', 'tandem.toggleCompletions'];

const clauses = (when: string | undefined) => (when ?? '').split(/\s*&&\s*/).filter((c) => c !== '');

describe('manifest: commands and menus', () => {
  const { contributes } = readManifest();
  const menus = contributes.menus;
  const entries = (menu: string, command: string): MenuItem[] => (menus[menu] ?? []).filter((m) => m.command === command);

  it('edit actions carry !editorReadonly (or !activeEditorIsReadonly) and isWorkspaceTrusted wherever they appear', () => {
    for (const command of EDIT_COMMANDS) {
      const places = Object.entries(menus).flatMap(([menu, items]) => items.filter((m) => m.command === command).map((m) => ({ menu, when: m.when })));
      const keys = contributes.keybindings.filter((k) => k.command === command).map((k) => ({ menu: 'keybindings', when: k.when }));
      assert.ok(places.some((p) => p.menu === 'tandem.editorContext'), `${command} is in the editor's Tandem menu`);
      for (const { menu, when } of [...places, ...keys]) {
        const c = clauses(when);
        assert.ok(c.includes('!editorReadonly') || c.includes('!activeEditorIsReadonly'), `${command} in ${menu}: hidden in read-only editors (${when})`);
        assert.ok(c.includes('isWorkspaceTrusted'), `${command} in ${menu}: hidden in Restricted Mode (${when})`);
      }
    }
    assert.ok(clauses(entries('tandem.editorContext', 'tandem.writeTests')[0]?.when).includes('isWorkspaceTrusted'));
  });

  it('editor commands are hidden from the palette when no editor is open', () => {
    for (const command of EDITOR_COMMANDS) {
      const [rule] = entries('commandPalette', command);
      assert.ok(rule && clauses(rule.when).includes('editorIsOpen'), `${command}: commandPalette when has editorIsOpen (${rule?.when})`);
    }
    for (const command of ['tandem.fixDiagnostic', 'tandem.explainDiagnostic']) assert.equal(entries('commandPalette', command)[0]?.when, 'false', command);
  });

  it('the chat view and the chat editor tab have New Chat, History, Export and Open in Editor in their title bars', () => {
    for (const command of ['tandem.newChat', 'tandem.showHistory', 'tandem.openChatInEditor', 'tandem.exportChat']) {
      assert.equal(entries('view/title', command)[0]?.when, 'view == tandem.chatView', `${command} in view/title`);
    }
    for (const command of ['tandem.newChat', 'tandem.showHistory', 'tandem.exportChat']) {
      assert.equal(entries('editor/title', command)[0]?.when, "activeWebviewPanelId == 'tandem.chatPanel'", `${command} in editor/title`);
    }
  });

  it('every command has an icon of its own', () => {
    const seen = new Map<string, string>();
    for (const { command, icon } of contributes.commands) {
      assert.equal(typeof icon, 'string', `${command} has an icon`);
      const owner = seen.get(icon as string);
      assert.equal(owner, undefined, `${command} reuses ${owner}'s icon ${icon}`);
      seen.set(icon as string, command);
    }
  });

  it('titles that open a picker or an input end in an ellipsis, others do not', () => {
    for (const { command, title } of contributes.commands) {
      if (OPENS_PICKER.includes(command)) assert.ok(title.endsWith('…'), `${command}: "${title}" opens a picker`);
      else assert.ok(!title.endsWith('…') && !title.endsWith('...'), `${command}: "${title}" runs at once`);
    }
  });
});

describe('manifest: walkthrough and shortcut text', () => {
  const root = join(__dirname, '..', '..', '..');
  const { contributes } = readManifest();
  const steps = contributes.walkthroughs[0].steps;

  it('the first step completes on a setting change only, the second on a successful Test Connection only', () => {
    const provider = steps.find((s) => s.id === 'provider')!;
    assert.ok(provider.completionEvents.length > 0 && provider.completionEvents.every((e) => e.startsWith('onSettingChanged:tandem.')), provider.completionEvents.join(', '));
    const key = steps.find((s) => s.id === 'key')!;
    assert.deepEqual(key.completionEvents, ['onContext:tandem.connectionTested']);
    const source = readFileSync(join(root, 'src', 'host', 'providers', 'keyCommands.ts'), 'utf8');
    assert.match(source, /CONNECTED_CONTEXT = 'tandem\.connectionTested'/);
    assert.match(source, /if \(shown\.some\(\(\{ result \}\) => result\.ok\)\) void vscode\.commands\.executeCommand\('setContext', CONNECTED_CONTEXT, true\)/, 'set only when a test succeeded');
  });

  it('no shortcut is spelled out in the README, the walkthrough, CodeLens or tooltips: VS Code shows keys, users rebind', () => {
    // Enter / Shift+Enter in the chat's text box are the box's own keys, not VS Code keybindings.
    const SHORTCUT = /\b(?:Ctrl|Cmd|Alt|Option)\+\w/;
    const texts: [string, string][] = [
      ['README.md', readFileSync(join(root, 'README.md'), 'utf8')],
      ...readdirSync(join(root, 'media', 'walkthrough')).map((f): [string, string] => [`media/walkthrough/${f}`, readFileSync(join(root, 'media', 'walkthrough', f), 'utf8')]),
      ['walkthrough descriptions', steps.map((s) => s.description).join('\n')],
    ];
    for (const file of ['edits/inlineDiff/suggestionController.ts', 'edits/inlineDiff/suggestionCursor.ts', 'edits/inlineDiff/drafts.ts', 'providers/statusBar.ts', 'edits/codeActions.ts']) {
      const code = readFileSync(join(root, 'src', 'host', file), 'utf8').split('\n').filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l)).join('\n');
      texts.push([`src/host/${file}`, code]);
    }
    for (const [name, text] of texts) assert.doesNotMatch(text, SHORTCUT, name);
  });
});
