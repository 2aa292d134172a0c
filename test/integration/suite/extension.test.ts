// In-host checks with the real vscode API: activation, commands, contributed view and settings, and that a
// pending suggestion leaves the document alone.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export function extensionSuite(): void {
  describe('Tandem in the extension host', () => {
    const extension = () => vscode.extensions.all.find((e) => e.packageJSON.name === 'tandem');

    it('activates and registers every contributed command', async () => {
      const ext = extension();
      assert.ok(ext, 'the extension is installed');
      await ext.activate();
      const registered = new Set(await vscode.commands.getCommands(true));
      const contributed = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
      assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
    });

    it('contributes its chat view and settings: the view opens, every setting reads its declared default', async () => {
      await vscode.commands.executeCommand('tandem.chatView.focus');
      const sections = extension()!.packageJSON.contributes.configuration as { properties: Record<string, { default?: unknown; scope?: string }> }[];
      const config = vscode.workspace.getConfiguration();
      // The test workspace sets a resource-scoped exclude on purpose (settings.test.ts).
      const fromWorkspace = new Set(['tandem.context.exclude']);
      for (const { properties } of sections) {
        for (const [key, schema] of Object.entries(properties)) if (!fromWorkspace.has(key)) assert.deepEqual(config.get(key), schema.default, key);
      }
    });

    it('keeps keys out of settings', () => {
      const settings = JSON.stringify(vscode.workspace.getConfiguration('tandem'));
      assert.doesNotMatch(settings, /AIza|sk-/);
    });

    it('a pending suggestion is not written to the document until accepted', async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'the test workspace is open');
      const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'src', 'cart.ts'));
      await vscode.window.showTextDocument(document);
      const before = document.getText();
      await vscode.commands.executeCommand('tandem.suggestion.rejectAll');
      assert.equal(document.getText(), before);
    });
  });
}
