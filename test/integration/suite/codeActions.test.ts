// The lightbulb as VS Code itself lists it: code actions asked of every provider through
// vscode.executeCodeActionProvider, for problems of each severity, a selection, a bare cursor, an untitled file,
// an "only" filter and the setting that turns them off.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const isTandem = (action: vscode.CodeAction) => /Tandem/.test(action.title);
const QUICK_FIX_TANDEM = vscode.CodeActionKind.QuickFix.append('tandem');
const REWRITE_TANDEM = vscode.CodeActionKind.RefactorRewrite.append('tandem');

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
    afterEach(() => diagnostics.clear());
    after(() => diagnostics.dispose());

    async function actionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
      const all = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
      return all.filter(isTandem);
    }
    const problem = (range: vscode.Range, message: string, severity: vscode.DiagnosticSeverity) => new vscode.Diagnostic(range, message, severity);

    it('three problems under the cursor: one "Fix with Tandem" and one "Explain with Tandem", both quickfix.tandem', async () => {
      const range = new vscode.Range(1, 0, 1, 5);
      const error = problem(range, "Property 'qty' does not exist on type 'Item'.", vscode.DiagnosticSeverity.Error);
      diagnostics.set(document.uri, [problem(range, 'Unused variable.', vscode.DiagnosticSeverity.Warning), error, problem(range, 'Prefer const.', vscode.DiagnosticSeverity.Warning)]);
      const actions = await waitForActions(() => actionsAt(document.uri, range), (found) => found.length >= 2);
      assert.deepEqual(actions.map((a) => a.title).sort(), ['Explain with Tandem', 'Fix with Tandem'], `actions: ${actions.map((a) => a.title).join(', ')}`);
      for (const action of actions) assert.equal(action.kind?.value, QUICK_FIX_TANDEM.value);
      const fix = actions.find((a) => a.title === 'Fix with Tandem')!;
      assert.equal(fix.command?.command, 'tandem.fixDiagnostic');
      const [uri, fixRange, message] = fix.command?.arguments ?? [];
      assert.equal(String(uri), String(document.uri));
      assert.ok((fixRange as vscode.Range).isEqual(range));
      assert.equal(message, error.message, 'the most severe problem leads');
      assert.equal(actions.find((a) => a.title === 'Explain with Tandem')!.command?.command, 'tandem.explainDiagnostic');
    });

    it('hints and infos get no Tandem entry', async () => {
      const range = new vscode.Range(2, 0, 2, 5);
      diagnostics.set(document.uri, [problem(range, 'Could be simpler.', vscode.DiagnosticSeverity.Hint), problem(range, 'Note.', vscode.DiagnosticSeverity.Information)]);
      // A second error elsewhere proves the diagnostics arrived before nothing is asserted here.
      diagnostics.set(document.uri, [...(diagnostics.get(document.uri) ?? []), problem(new vscode.Range(0, 0, 0, 5), 'Elsewhere.', vscode.DiagnosticSeverity.Error)]);
      await waitForActions(() => actionsAt(document.uri, new vscode.Range(0, 0, 0, 5)), (found) => found.length >= 2);
      assert.deepEqual((await actionsAt(document.uri, range)).map((a) => a.title), []);
    });

    it('a selection gets "Rewrite with Tandem…" (refactor.rewrite.tandem); a bare cursor with no problem gets nothing', async () => {
      const selection = new vscode.Selection(0, 0, 2, 0);
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = selection;
      const rewrite = (await actionsAt(document.uri, selection)).find((a) => a.title === 'Rewrite with Tandem…');
      assert.ok(rewrite, 'Rewrite with Tandem… is offered on a selection');
      assert.equal(rewrite.kind?.value, REWRITE_TANDEM.value);
      assert.equal(rewrite.command?.command, 'tandem.editWithInstruction');
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      assert.deepEqual((await actionsAt(document.uri, new vscode.Range(0, 0, 0, 0))).map((a) => a.title), []);
      assert.deepEqual((await actionsAt(document.uri, selection)).map((a) => a.title), [], 'a range VS Code widened is not a selection');
    });

    it('an "only: quickfix" request gets the quick fixes and not the rewrite', async () => {
      const range = new vscode.Range(1, 0, 2, 0);
      diagnostics.set(document.uri, [problem(new vscode.Range(1, 0, 1, 5), 'Broken.', vscode.DiagnosticSeverity.Error)]);
      const actions = await waitForActions(() => actionsAt(document.uri, range, vscode.CodeActionKind.QuickFix.value), (found) => found.length >= 2);
      assert.deepEqual(actions.map((a) => a.title).sort(), ['Explain with Tandem', 'Fix with Tandem']);
    });

    it('an untitled file gets them too', async () => {
      const untitled = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'const a: number = "x";\n' });
      const range = new vscode.Range(0, 6, 0, 7);
      diagnostics.set(untitled.uri, [problem(range, "Type 'string' is not assignable to type 'number'.", vscode.DiagnosticSeverity.Error)]);
      const actions = await waitForActions(() => actionsAt(untitled.uri, range), (found) => found.length >= 2);
      assert.deepEqual(actions.map((a) => a.title).sort(), ['Explain with Tandem', 'Fix with Tandem']);
    });

    it('tandem.codeActions.enabled = false turns them all off', async () => {
      const config = vscode.workspace.getConfiguration('tandem');
      const range = new vscode.Range(1, 0, 1, 5);
      diagnostics.set(document.uri, [problem(range, 'Broken.', vscode.DiagnosticSeverity.Error)]);
      await waitForActions(() => actionsAt(document.uri, range), (found) => found.length >= 2);
      await config.update('codeActions.enabled', false, vscode.ConfigurationTarget.Global);
      try {
        assert.deepEqual((await actionsAt(document.uri, range)).map((a) => a.title), []);
        const editor = await vscode.window.showTextDocument(document);
        editor.selection = new vscode.Selection(0, 0, 2, 0);
        assert.deepEqual((await actionsAt(document.uri, editor.selection)).map((a) => a.title), []);
        editor.selection = new vscode.Selection(0, 0, 0, 0);
      } finally {
        await config.update('codeActions.enabled', undefined, vscode.ConfigurationTarget.Global);
      }
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
