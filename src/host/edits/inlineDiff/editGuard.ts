// Where Tandem may edit: never in Restricted Mode; outside the workspace or in sensitive files only after a modal yes.
import * as vscode from 'vscode';
import { sensitivePathReason } from '../../../core/edits/sensitive';

export async function mayEdit(uri: vscode.Uri): Promise<boolean> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Tandem does not edit files in Restricted Mode. Trust this workspace to apply suggestions; chat and explanations still work.');
    return false;
  }
  if (uri.scheme === 'untitled') return true;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const relative = folder ? vscode.workspace.asRelativePath(uri, false) : undefined;
  const reason = !folder ? 'is outside the workspace' : sensitivePathReason(relative ?? '');
  if (!reason) return true;
  const name = relative ?? uri.fsPath;
  const choice = await vscode.window.showWarningMessage(`${name} ${reason}.`, { modal: true, detail: 'A change here can run code or change your settings. Let Tandem propose an edit to it?' }, 'Propose Edit');
  return choice === 'Propose Edit';
}
