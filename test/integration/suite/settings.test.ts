// What a cloned repository's .vscode/settings.json can change, read by the real VS Code configuration service: the
// in-host workspace (test/integration/workspace/.vscode/settings.json) raises limits, zeroes the price, reroutes
// GPT and turns open editors off; none of it reaches Tandem. Excluding more files is allowed, per folder.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { contextExclude, readSettings, watchSettingChanges } from '../../../src/host/settings';

interface Section {
  readonly properties: Record<string, { default?: unknown; scope?: string }>;
}

export function settingsSuite(): void {
  describe('Tandem settings from a workspace (real configuration service)', () => {
    const sections = () => vscode.extensions.all.find((e) => e.packageJSON.name === 'tandem')!.packageJSON.contributes.configuration as Section[];

    it('the workspace file is there and VS Code sees its values as workspace values', () => {
      const inspected = vscode.workspace.getConfiguration('tandem').inspect<number>('gemini.maxOutputTokens');
      assert.equal(inspected?.workspaceValue ?? inspected?.workspaceFolderValue, undefined, 'a machine-scoped setting has no workspace value');
      const exclude = vscode.workspace.getConfiguration('tandem', vscode.workspace.workspaceFolders![0].uri).inspect<string[]>('context.exclude');
      assert.deepEqual(exclude?.workspaceFolderValue ?? exclude?.workspaceValue, ['notes/**'], 'the same file does reach a resource-scoped setting');
    });

    it('every machine-scoped setting reads its default, through VS Code and through readSettings()', () => {
      const config = vscode.workspace.getConfiguration();
      for (const section of sections()) {
        for (const [key, schema] of Object.entries(section.properties)) {
          if (schema.scope === 'machine') assert.deepEqual(config.get(key), schema.default, key);
        }
      }
      const s = readSettings();
      assert.equal(s.defaultModel, 'gemini');
      assert.equal(s.gpt.baseUrl, '');
      assert.equal(s.gemini.maxOutputTokens, 65_536);
      assert.equal(s.gemini.contextWindow, 1_048_576);
      assert.deepEqual(s.gemini.price, { inputPerMillion: 0.25, cachedInputPerMillion: 0.025, outputPerMillion: 1.5 });
      assert.equal(s.gemini.thinkingLevel, 'low');
      assert.equal(s.context.includeOpenEditors, true);
      assert.equal(s.context.maxFileSizeBytes, 512 * 1024);
      assert.equal(s.network.maxRetries, 3);
      assert.equal(s.chat.autoContinueLimit, 3);
    });

    it('readSettings() reads once per change: the same snapshot until a tandem setting changes, then the new value', async () => {
      const setLimit = async (value: number | undefined) => {
        const changed = new Promise<void>((resolve) => {
          const listener = vscode.workspace.onDidChangeConfiguration((e) => {
            if (!e.affectsConfiguration('tandem.chat.autoContinueLimit')) return;
            listener.dispose();
            resolve();
          });
        });
        await vscode.workspace.getConfiguration('tandem').update('chat.autoContinueLimit', value, vscode.ConfigurationTarget.Global);
        await changed;
      };
      const watcher = watchSettingChanges();
      try {
        const first = readSettings();
        assert.equal(readSettings(), first, 'no change, no new read');
        await setLimit(7);
        assert.equal(readSettings().chat.autoContinueLimit, 7);
        assert.notEqual(readSettings(), first);
        await setLimit(undefined);
        assert.equal(readSettings().chat.autoContinueLimit, 3);
      } finally {
        watcher.dispose();
      }
      assert.notEqual(readSettings(), readSettings(), 'without the watcher every call reads afresh');
    });

    it('tandem.context.exclude is read per folder', () => {
      assert.deepEqual(contextExclude(vscode.workspace.workspaceFolders![0].uri), ['notes/**']);
    });
  });
}
