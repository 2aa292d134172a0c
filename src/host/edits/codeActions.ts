import * as vscode from 'vscode';
import { codeActionsEnabled } from '../settings';

/** Tandem's own kinds, so `editor.codeActionsOnSave` and "only" filters can tell them from the language's fixes. */
const TANDEM_QUICK_FIX = vscode.CodeActionKind.QuickFix.append('tandem');
const TANDEM_REWRITE = vscode.CodeActionKind.RefactorRewrite.append('tandem');
/** Schemes of documents the user edits: files on disk (locally or in a remote) and new untitled files. */
export const CODE_ACTION_SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }];

/**
 * The lightbulb's Tandem entries: on errors and warnings one "Fix with Tandem" and one "Explain with Tandem", however
 * many problems are under the cursor (they all go to the model); on a selection the user made, "Rewrite with Tandem…"
 * (VS Code widens an empty selection to a problem's range, which is not a request to rewrite it). Computing
 * them costs nothing: no model call happens until the user picks one. Edits are not offered where Tandem may not
 * edit (Restricted Mode, a read-only file system); `tandem.codeActions.enabled` turns all of them off.
 */
export class TandemCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [TANDEM_QUICK_FIX, TANDEM_REWRITE];

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!codeActionsEnabled(document.uri)) return [];
    const mayEdit = vscode.workspace.isTrusted && vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) !== false;
    const actions: vscode.CodeAction[] = [];
    const problems = context.diagnostics
      .filter((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning)
      .sort((a, b) => a.severity - b.severity);
    const wants = (kind: vscode.CodeActionKind) => !context.only || context.only.contains(kind) || kind.contains(context.only);
    if (problems.length > 0 && wants(TANDEM_QUICK_FIX)) {
      // The most severe problem names the range; the command collects every problem there. No `diagnostics` on the
      // actions: VS Code lists actions tied to a diagnostic first, and the language's own fixes should come first.
      const [first] = problems;
      const args = [document.uri, first.range, first.message];
      if (mayEdit) {
        const fix = new vscode.CodeAction('Fix with Tandem', TANDEM_QUICK_FIX);
        fix.command = { title: 'Fix with Tandem', command: 'tandem.fixDiagnostic', arguments: args };
        actions.push(fix);
      }
      const explain = new vscode.CodeAction('Explain with Tandem', TANDEM_QUICK_FIX);
      explain.command = { title: 'Explain with Tandem', command: 'tandem.explainDiagnostic', arguments: args };
      actions.push(explain);
    }
    if (mayEdit && hasUserSelection(document, range) && wants(TANDEM_REWRITE)) {
      const rewrite = new vscode.CodeAction('Rewrite with Tandem…', TANDEM_REWRITE);
      rewrite.command = { title: 'Rewrite with Tandem…', command: 'tandem.editWithInstruction', arguments: [document.uri, range] };
      actions.push(rewrite);
    }
    return actions;
  }
}

function hasUserSelection(document: vscode.TextDocument, range: vscode.Range): boolean {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
  return !!editor && !editor.selection.isEmpty && editor.selection.intersection(range) !== undefined;
}
