// The lightbulb as VS Code itself lists it: code actions asked of every provider through
// vscode.executeCodeActionProvider, for a diagnostic, a selection and a bare cursor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const isTandem = (action: vscode.CodeAction) => /Tandem/.test(action.title);

export function codeActionSuite(): void {
  describe('Tandem code actions (as VS Code lists them)', () => {
    let document: vscode.TextDocument;
    let diagnostics: vscode.DiagnosticCollection;

    before(async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'the test workspace is open');
      document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'src', 'cart.ts'));
      await vscode.window.showTextDocument(document);
      await vscode.extensions.all.find((e) => e.packageJSON.name === 'tandem')?.activate();
      diagnostics = vscode.languages.createDiagnosticCollection('tandem-in-host-test');
    });
    after(() => diagnostics.dispose());

    async function actionsAt(range: vscode.Range): Promise<vscode.CodeAction[]> {
      const all = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range)) ?? [];
      return all.filter(isTandem);
    }

    it('a diagnostic gets "Fix with Tandem", a quick fix that sends the diagnostic to tandem.fixDiagnostic', async () => {
      const range = new vscode.Range(1, 0, 1, 5);
      const diagnostic = new vscode.Diagnostic(range, "Property 'qty' does not exist on type 'Item'.", vscode.DiagnosticSeverity.Error);
      diagnostics.set(document.uri, [diagnostic]);
      const actions = await waitForActions(() => actionsAt(range), (found) => found.some((a) => a.title.startsWith('Fix with Tandem')));
      const fix = actions.find((a) => a.title.startsWith('Fix with Tandem'));
      assert.ok(fix, `actions: ${actions.map((a) => a.title).join(', ')}`);
      assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `kind ${fix.kind?.value}`);
      assert.equal(fix.command?.command, 'tandem.fixDiagnostic');
      const [uri, fixRange, message] = fix.command?.arguments ?? [];
      assert.equal(String(uri), String(document.uri));
      assert.ok((fixRange as vscode.Range).isEqual(range));
      assert.equal(message, diagnostic.message);
      diagnostics.clear();
    });

    it('a selection gets "Rewrite with Tandem…" (refactor.rewrite); a bare cursor with no problem gets nothing', async () => {
      diagnostics.clear();
      const selection = new vscode.Range(0, 0, 2, 0);
      const rewrite = (await actionsAt(selection)).find((a) => a.title === 'Rewrite with Tandem…');
      assert.ok(rewrite, 'Rewrite with Tandem… is offered on a selection');
      assert.ok(rewrite.kind && vscode.CodeActionKind.RefactorRewrite.contains(rewrite.kind));
      assert.equal(rewrite.command?.command, 'tandem.editWithInstruction');
      assert.deepEqual((await actionsAt(new vscode.Range(0, 0, 0, 0))).map((a) => a.title), []);
    });
  });
}

/** Diagnostics reach the providers on VS Code's own schedule: ask again until the expected action is there. */
async function waitForActions(ask: () => Promise<vscode.CodeAction[]>, done: (actions: vscode.CodeAction[]) => boolean): Promise<vscode.CodeAction[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const actions = await ask();
    if (done(actions) || Date.now() > deadline) return actions;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
