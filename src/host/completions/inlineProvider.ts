// VS Code's ghost-text provider over the completion scheduler. VS Code calls it after each keystroke and cancels
// the previous call's token; the token is bridged to an AbortController, so a cancelled request's socket closes.
// The user's files and untitled buffers; output panels, the SCM input and other schemes never get a request, and a
// file the exclusion rules refuse (secret, git-ignored, tandem.context.exclude) is never sent. An untitled buffer has
// no name to refuse it by, so one in the dotenv language gets nothing, and every prompt's text is masked for secrets
// (core/context/redact.ts) as the chat's context is.
import * as vscode from 'vscode';
import type { CompletionDocument, CompletionScheduler } from '../../core/completions';
import type { WorkspaceExclusion } from '../context/workspaceExclusion';

/** Schemes of the user's files (remote and virtual workspaces included) and untitled buffers; not output, git or scm. */
export const COMPLETION_SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'vscode-remote' }, { scheme: 'vscode-vfs' }, { scheme: 'untitled' }];
const FILE_SCHEMES = new Set(['file', 'vscode-remote', 'vscode-vfs', 'untitled']);
/** Languages of secrets: a file in one is refused by its name; an untitled buffer has none, so by its language. */
const SECRET_LANGUAGES = new Set(['dotenv']);

export function isCompletionDocument(document: vscode.TextDocument): boolean {
  if (!FILE_SCHEMES.has(document.uri.scheme)) return false;
  return document.uri.scheme !== 'untitled' || !SECRET_LANGUAGES.has(document.languageId);
}

export class TandemInlineCompletions implements vscode.InlineCompletionItemProvider {
  constructor(
    private readonly scheduler: CompletionScheduler,
    private readonly exclusion: WorkspaceExclusion,
  ) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    _context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    if (!isCompletionDocument(document) || token.isCancellationRequested) return undefined;
    const text = document.getText();
    const { path, result } = await this.exclusion.check(document.uri, { sizeBytes: text.length });
    if (result.excluded || token.isCancellationRequested) return undefined;
    const controller = new AbortController();
    const cancellation = token.onCancellationRequested(() => controller.abort());
    try {
      const doc: CompletionDocument = { text, offset: document.offsetAt(position), languageId: document.languageId, path };
      const outcome = await this.scheduler.complete(doc, controller.signal);
      if (outcome.kind !== 'suggestion' || token.isCancellationRequested) return undefined;
      const end = document.positionAt(doc.offset + outcome.answer.replaceLength);
      return [new vscode.InlineCompletionItem(outcome.answer.text, new vscode.Range(position, end))];
    } finally {
      cancellation.dispose();
    }
  }
}
