// Suggestions pending in several files at once (an answer that edits several files): one status-bar entry and
// commands to accept or reject them all, or pick a file to review. Each file is still accepted as its own
// WorkspaceEdit, so one undo in a file restores that file.
import * as vscode from 'vscode';
import { DisposableBase } from '../../disposables';

export interface PendingFiles {
  pendingUris(): vscode.Uri[];
  readonly onDidChangePending: vscode.Event<void>;
}

function summary(count: number): string {
  return `Tandem: ${count} file${count === 1 ? '' : 's'} with suggested edits`;
}

export class ReviewAll extends DisposableBase {
  private readonly status = vscode.window.createStatusBarItem('tandem.review', vscode.StatusBarAlignment.Left, 999);

  constructor(private readonly files: PendingFiles) {
    super();
    this.status.name = 'Tandem Suggested Edits';
    this.status.command = 'tandem.suggestion.reviewFiles';
    this.ownAll(
      this.status,
      files.onDidChangePending(() => this.update()),
      vscode.commands.registerCommand('tandem.suggestion.acceptAllFiles', () => this.forEach('tandem.suggestion.acceptAll')),
      vscode.commands.registerCommand('tandem.suggestion.rejectAllFiles', () => this.forEach('tandem.suggestion.rejectAll')),
      vscode.commands.registerCommand('tandem.suggestion.reviewFiles', () => this.pick()),
    );
  }

  /** Tells the user about every file waiting for a decision (after an answer's edits were proposed). */
  async announce(): Promise<void> {
    const count = this.files.pendingUris().length;
    if (count < 2) return;
    const choice = await vscode.window.showInformationMessage(summary(count), 'Accept All', 'Reject All', 'Review…');
    if (choice === 'Accept All') await this.forEach('tandem.suggestion.acceptAll');
    else if (choice === 'Reject All') await this.forEach('tandem.suggestion.rejectAll');
    else if (choice === 'Review…') await this.pick();
  }

  private async forEach(command: string): Promise<void> {
    // One file after the other: each is its own WorkspaceEdit (its own undo step).
    for (const uri of this.files.pendingUris()) await vscode.commands.executeCommand(command, uri);
  }

  private async pick(): Promise<void> {
    const uris = this.files.pendingUris();
    if (uris.length === 0) return;
    type Item = vscode.QuickPickItem & { uri?: vscode.Uri; command?: string };
    const items: Item[] = [
      ...uris.map((uri) => ({ label: `$(file) ${vscode.workspace.asRelativePath(uri, false)}`, description: uri.scheme === 'untitled' ? 'new file' : undefined, uri })),
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { label: '$(check-all) Accept All Files', command: 'tandem.suggestion.acceptAllFiles' },
      { label: '$(close-all) Reject All Files', command: 'tandem.suggestion.rejectAllFiles' },
    ];
    const picked = await vscode.window.showQuickPick(items, { placeHolder: summary(uris.length) });
    if (picked?.uri) await vscode.window.showTextDocument(picked.uri, { preview: false });
    else if (picked?.command) await vscode.commands.executeCommand(picked.command);
  }

  private update(): void {
    const count = this.files.pendingUris().length;
    if (count < 2) return void this.status.hide();
    this.status.text = `$(files) ${summary(count)}`;
    this.status.tooltip = 'Accept All / Reject All / Review…';
    this.status.show();
  }
}
