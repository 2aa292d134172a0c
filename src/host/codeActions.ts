import * as vscode from 'vscode';

/** How many diagnostics under the cursor get their own "Fix with Tandem" entry. */
const MAX_FIX_ACTIONS = 3;
const MESSAGE_CHARS = 60;

/**
 * "Fix with Tandem" on a diagnostic and "Rewrite with Tandem…" on a selection. Computing the actions costs
 * nothing: no model call happens until the user picks one.
 */
export class TandemCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite];

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const wantsQuickFix = !context.only || context.only.contains(vscode.CodeActionKind.QuickFix);
    if (wantsQuickFix) {
      for (const diagnostic of context.diagnostics.slice(0, MAX_FIX_ACTIONS)) {
        const message = diagnostic.message.split('\n', 1)[0];
        const short = message.length > MESSAGE_CHARS ? `${message.slice(0, MESSAGE_CHARS - 1)}…` : message;
        const action = new vscode.CodeAction(`Fix with Tandem: ${short}`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.command = { title: 'Fix with Tandem', command: 'tandem.fixDiagnostic', arguments: [document.uri, diagnostic.range, diagnostic.message] };
        actions.push(action);
      }
    }
    const wantsRewrite = !context.only || context.only.contains(vscode.CodeActionKind.RefactorRewrite);
    if (wantsRewrite && !range.isEmpty) {
      const action = new vscode.CodeAction('Rewrite with Tandem…', vscode.CodeActionKind.RefactorRewrite);
      action.command = { title: 'Rewrite with Tandem…', command: 'tandem.editWithInstruction', arguments: [document.uri, range] };
      actions.push(action);
    }
    return actions;
  }
}
