// Inline diff suggestions in the editor. The document is untouched until the user accepts: removed lines are
// decorated in place, the proposed lines show in a comment widget under them, and CodeLens offers
// Accept | Reject per hunk plus Accept All | Reject All | Side-by-Side. Each accept is one WorkspaceEdit
// (one undo step); Accept All is a single WorkspaceEdit, so one undo restores the file byte for byte.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { DisposableBase } from '../../disposables';
import type { Hunk } from '../../../core/edits/hunks';
import type { HunkRange } from '../../../core/edits/hunks';
import type { Log } from '../../log';
import { Drafts, type Draft } from './drafts';
import { ReviewAll } from './reviewAll';
import { Suggestion, lineStarts } from '../../../core/edits/suggestion';
import { SuggestionCursor } from './suggestionCursor';

const PROPOSAL_SCHEME = 'tandem-proposal';

export class SuggestionController extends DisposableBase implements vscode.CodeLensProvider, vscode.TextDocumentContentProvider {
  private readonly suggestions = new Map<string, Suggestion>();
  private readonly threads = new Map<string, vscode.CommentThread[]>();
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private readonly proposalChanged = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.proposalChanged.event;
  private readonly pendingChanged = new vscode.EventEmitter<void>();
  readonly onDidChangePending = this.pendingChanged.event;
  private readonly review = new ReviewAll(this);
  private readonly removed = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('diffEditor.removedLineBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.deletedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
    textDecoration: 'line-through',
  });
  private readonly insertionPoint = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    borderColor: new vscode.ThemeColor('diffEditor.insertedTextBorder'),
    borderStyle: 'dashed',
    borderWidth: '0 0 1px 0',
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.addedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
  private readonly comments = vscode.comments.createCommentController('tandem.suggestions', 'Tandem Suggestions');
  private readonly cursor = new SuggestionCursor((uri) => this.suggestions.get(uri.toString()));
  private readonly drafts = new Drafts(this.comments);
  private applying = 0;
  private shownSignature = '';

  constructor(private readonly log: Log) {
    super();
    this.ownAll(
      this.removed,
      this.insertionPoint,
      this.drafts,
      this.comments,
      this.cursor,
      this.lensesChanged,
      this.proposalChanged,
      this.pendingChanged,
      this.review,
      vscode.languages.registerCodeLensProvider([{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }], this),
      vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this),
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        this.render();
        // A file the review opened in the background asked for its lenses before it was shown (seen as a missing
        // Accept/Reject row on such a file): ask again once it is on screen.
        if (editors.some((e) => this.suggestions.has(e.document.uri.toString()))) this.lensesChanged.fire();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => this.onDocumentChanged(e)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.discard(doc.uri.toString())),
      vscode.commands.registerCommand('tandem.suggestion.accept', (uri?: vscode.Uri | vscode.CommentThread, index?: number) => this.decide(uri, index, true)),
      vscode.commands.registerCommand('tandem.suggestion.reject', (uri?: vscode.Uri | vscode.CommentThread, index?: number) => this.decide(uri, index, false)),
      vscode.commands.registerCommand('tandem.suggestion.acceptAll', (uri?: vscode.Uri) => this.acceptAll(uri)),
      vscode.commands.registerCommand('tandem.suggestion.rejectAll', (uri?: vscode.Uri) => this.rejectAll(uri)),
      vscode.commands.registerCommand('tandem.suggestion.showDiff', (uri?: vscode.Uri) => this.showDiff(uri)),
      vscode.commands.registerCommand('tandem.suggestion.actions', () => this.pickAction()),
      vscode.commands.registerCommand('tandem.suggestion.next', () => this.cursor.go(true)),
      vscode.commands.registerCommand('tandem.suggestion.previous', () => this.cursor.go(false)),
    );
  }

  /** Shows a proposal for `document`, made from `original` (its text when the request started). */
  async propose(document: vscode.TextDocument, original: string, hunks: Hunk[], label: string): Promise<boolean> {
    if (document.getText() !== original) {
      void vscode.window.showWarningMessage(`Tandem: ${document.fileName.split(/[\\/]/).pop()} changed while the suggestion was being written. Run the command again.`);
      return false;
    }
    if (hunks.length === 0) {
      void vscode.window.showInformationMessage('Tandem: the suggestion makes no change to the file.');
      return false;
    }
    const key = document.uri.toString();
    this.discard(key);
    this.suggestions.set(key, new Suggestion(randomUUID(), key, label, original, hunks));
    const editor = await vscode.window.showTextDocument(document, { preserveFocus: false, preview: false });
    const first = this.suggestions.get(key)!.pending()[0];
    if (first) editor.revealRange(new vscode.Range(first.startLine, 0, first.startLine, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    this.render();
    this.log.info(`Suggestion "${label}" for ${document.uri.fsPath}: ${hunks.length} change(s).`);
    return true;
  }

  /** The streaming proposal while the model writes (drafts.ts); `onStop` cancels the request. */
  startDraft(document: vscode.TextDocument, line: number, label: string, languageId: string, toCode: (answerSoFar: string) => string, onStop: () => void): Draft {
    return this.drafts.start(document, line, label, languageId, toCode, onStop);
  }

  /** The files with suggestions still waiting for a decision. */
  pendingUris(): vscode.Uri[] {
    return [...this.suggestions.keys()].map((key) => vscode.Uri.parse(key));
  }

  /** After several files got suggestions at once: offers Accept All / Reject All / Review… for all of them. */
  announceReview(): void {
    void this.review.announce();
  }

  hasSuggestion(uri: vscode.Uri): boolean {
    return this.suggestions.has(uri.toString());
  }

  // ------------------------------------------------------------------------------------------- decisions
  private resolve(target?: vscode.Uri | vscode.CommentThread, index?: number): { suggestion: Suggestion; index?: number } | undefined {
    if (target && 'comments' in target) {
      for (const [key, threads] of this.threads) {
        const position = threads.indexOf(target);
        if (position >= 0) {
          const suggestion = this.suggestions.get(key);
          return suggestion ? { suggestion, index: suggestion.pending()[position]?.index } : undefined;
        }
      }
      return undefined;
    }
    const key = (target ?? vscode.window.activeTextEditor?.document.uri)?.toString();
    const suggestion = key ? this.suggestions.get(key) : undefined;
    if (!suggestion) return undefined;
    if (index !== undefined) return { suggestion, index };
    // From a keybinding or the palette: only the hunk under the cursor, never one the user cannot see.
    const under = this.cursor.underCursor();
    if (under?.suggestion === suggestion) return { suggestion, index: under.range.index };
    void vscode.window.showInformationMessage('Tandem: put the cursor in a suggested change to accept or reject it, or use Accept All / Reject All.');
    return undefined;
  }

  private async decide(target: vscode.Uri | vscode.CommentThread | undefined, index: number | undefined, accept: boolean): Promise<void> {
    const found = this.resolve(target, index);
    if (!found || found.index === undefined) return;
    const { suggestion } = found;
    if (!(await this.checkCurrent(suggestion))) return;
    const range = suggestion.pending().find((r) => r.index === found.index);
    if (!range) return;
    if (accept) {
      // Marked first, so CodeLens requests triggered by the edit already see the new state.
      suggestion.accepted.add(range.index);
      if (!(await this.apply(suggestion, [range]))) {
        suggestion.accepted.delete(range.index);
        return;
      }
    } else suggestion.rejected.add(range.index);
    this.afterDecision(suggestion);
  }

  private async acceptAll(uri?: vscode.Uri): Promise<void> {
    const found = this.resolve(uri, -1);
    if (!found) return;
    const { suggestion } = found;
    if (!(await this.checkCurrent(suggestion))) return;
    const pending = suggestion.pending();
    for (const range of pending) suggestion.accepted.add(range.index);
    if (!(await this.apply(suggestion, pending))) {
      for (const range of pending) suggestion.accepted.delete(range.index);
      return;
    }
    this.afterDecision(suggestion);
  }

  private rejectAll(uri?: vscode.Uri): void {
    const key = (uri ?? vscode.window.activeTextEditor?.document.uri)?.toString();
    if (key) this.discard(key);
  }

  private afterDecision(suggestion: Suggestion): void {
    if (suggestion.pending().length === 0) this.discard(suggestion.uri);
    else this.render();
  }

  /** Re-anchors on the current text if the user edited the file; tells the user about hunks that no longer apply. */
  private async checkCurrent(suggestion: Suggestion): Promise<boolean> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(suggestion.uri));
    const dropped = suggestion.rebase(document.getText());
    if (dropped.length) {
      void vscode.window.showWarningMessage(
        `Tandem: the file changed where ${dropped.length === 1 ? 'one suggested change applies; it was' : `${dropped.length} suggested changes apply; they were`} withdrawn.`,
      );
      if (suggestion.pending().length === 0) {
        this.discard(suggestion.uri);
        return false;
      }
      this.render();
    }
    return true;
  }

  /** One WorkspaceEdit for the given hunks: one undo step. */
  private async apply(suggestion: Suggestion, ranges: readonly HunkRange[]): Promise<boolean> {
    const uri = vscode.Uri.parse(suggestion.uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const starts = lineStarts(document.getText());
    const at = (line: number) => document.positionAt(starts[Math.min(line, starts.length - 1)]);
    const edit = new vscode.WorkspaceEdit();
    for (const range of ranges) {
      const hunk = suggestion.hunks[range.index];
      const start = at(range.startLine);
      const end = at(range.endLine);
      edit.replace(uri, new vscode.Range(start, end), hunk.added.join(''));
    }
    this.applying++;
    try {
      const ok = await vscode.workspace.applyEdit(edit);
      if (!ok) void vscode.window.showErrorMessage('Tandem: VS Code refused the edit; the file is unchanged.');
      return ok;
    } finally {
      this.applying--;
    }
  }

  private onDocumentChanged(event: vscode.TextDocumentChangeEvent): void {
    if (this.applying || event.contentChanges.length === 0) return;
    const suggestion = this.suggestions.get(event.document.uri.toString());
    if (!suggestion) return;
    const dropped = suggestion.rebase(event.document.getText());
    if (dropped.length) this.log.info(`Suggestion "${suggestion.label}": ${dropped.length} change(s) withdrawn after an edit.`);
    if (suggestion.pending().length === 0) this.discard(suggestion.uri);
    else this.render();
  }

  private discard(key: string): void {
    if (!this.suggestions.delete(key)) return;
    for (const thread of this.threads.get(key) ?? []) thread.dispose();
    this.threads.delete(key);
    this.render();
  }

  // ------------------------------------------------------------------------------------------- display
  private render(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const suggestion = this.suggestions.get(editor.document.uri.toString());
      const pending = suggestion?.pending() ?? [];
      editor.setDecorations(this.removed, pending.filter((r) => r.endLine > r.startLine).map((r) => new vscode.Range(r.startLine, 0, r.endLine - 1, 0)));
      editor.setDecorations(
        this.insertionPoint,
        pending.filter((r) => r.endLine === r.startLine).map((r) => {
          const line = Math.max(0, r.startLine - 1);
          return new vscode.Range(line, 0, line, 0);
        }),
      );
    }
    // Threads and lenses are rebuilt only when the pending hunks changed: rebuilding them re-lays out the editor.
    const signature = [...this.suggestions].map(([key, s]) => `${key}#${s.id}:${s.pending().map((r) => `${r.index}@${r.startLine}`).join(',')}`).join('|');
    if (signature !== this.shownSignature) {
      this.shownSignature = signature;
      for (const [key, suggestion] of this.suggestions) this.renderThreads(key, suggestion);
      this.lensesChanged.fire();
      this.pendingChanged.fire();
      for (const key of this.suggestions.keys()) this.proposalChanged.fire(this.proposalUri(vscode.Uri.parse(key)));
    }
    this.cursor.update();
  }

  private renderThreads(key: string, suggestion: Suggestion): void {
    for (const thread of this.threads.get(key) ?? []) thread.dispose();
    const uri = vscode.Uri.parse(key);
    const pending = suggestion.pending();
    const threads = pending.map((range, position) => {
      const anchor = Math.max(0, (range.endLine > range.startLine ? range.endLine : range.startLine) - 1);
      const body = new vscode.MarkdownString();
      body.appendMarkdown(range.insertedLines.length ? `**Proposed** (${range.insertedLines.length} line${range.insertedLines.length === 1 ? '' : 's'}` : '**Proposed**: remove these lines');
      if (range.insertedLines.length) body.appendMarkdown(range.deletedLines.length ? ` replacing ${range.deletedLines.length}):` : ', inserted here):');
      if (range.insertedLines.length) body.appendCodeblock(range.insertedLines.join('\n'), vscode.workspace.textDocuments.find((d) => d.uri.toString() === key)?.languageId ?? '');
      const comment: vscode.Comment = { body, mode: vscode.CommentMode.Preview, author: { name: `Tandem · ${suggestion.label}` }, contextValue: 'tandemSuggestion' };
      const thread = this.comments.createCommentThread(uri, new vscode.Range(anchor, 0, anchor, 0), [comment]);
      thread.canReply = false;
      thread.label = `Suggestion ${position + 1} of ${pending.length}`;
      thread.contextValue = 'tandemSuggestion';
      thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
      return thread;
    });
    this.threads.set(key, threads);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const suggestion = this.suggestions.get(document.uri.toString());
    if (!suggestion) return [];
    const pending = suggestion.pending();
    const lenses: vscode.CodeLens[] = [];
    const last = Math.max(0, document.lineCount - 1);
    pending.forEach((range, position) => {
      const line = new vscode.Range(Math.min(range.startLine, last), 0, Math.min(range.startLine, last), 0);
      if (position === 0 && pending.length > 1) {
        lenses.push(
          new vscode.CodeLens(line, { title: `$(check-all) Accept All (${pending.length})`, command: 'tandem.suggestion.acceptAll', arguments: [document.uri] }),
          new vscode.CodeLens(line, { title: '$(close-all) Reject All', command: 'tandem.suggestion.rejectAll', arguments: [document.uri] }),
        );
      }
      lenses.push(
        new vscode.CodeLens(line, { title: '$(check) Accept', tooltip: 'Accept this change', command: 'tandem.suggestion.accept', arguments: [document.uri, range.index] }),
        new vscode.CodeLens(line, { title: '$(close) Reject', tooltip: 'Reject this change', command: 'tandem.suggestion.reject', arguments: [document.uri, range.index] }),
      );
      if (position === 0) lenses.push(new vscode.CodeLens(line, { title: '$(diff) Side-by-Side', command: 'tandem.suggestion.showDiff', arguments: [document.uri] }));
    });
    return lenses;
  }

  private proposalUri(uri: vscode.Uri): vscode.Uri {
    return vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: uri.path, query: encodeURIComponent(uri.toString()) });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.suggestions.get(decodeURIComponent(uri.query))?.proposedText() ?? '';
  }

  private async showDiff(uri?: vscode.Uri): Promise<void> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target || !this.suggestions.has(target.toString())) return;
    const name = target.path.split('/').pop();
    await vscode.commands.executeCommand('vscode.diff', target, this.proposalUri(target), `${name} ↔ Tandem suggestion`);
  }

  private async pickAction(): Promise<void> {
    const uri = vscode.window.activeTextEditor?.document.uri;
    if (!uri || !this.suggestions.has(uri.toString())) return;
    const picked = await vscode.window.showQuickPick(
      [
        { label: '$(check-all) Accept All', command: 'tandem.suggestion.acceptAll' },
        { label: '$(close-all) Reject All', command: 'tandem.suggestion.rejectAll' },
        { label: '$(diff) Show Side-by-Side Diff', command: 'tandem.suggestion.showDiff' },
      ],
      { placeHolder: 'Tandem suggestion' },
    );
    if (picked) await vscode.commands.executeCommand(picked.command, uri);
  }

  override dispose(): void {
    for (const threads of this.threads.values()) for (const thread of threads) thread.dispose();
    super.dispose();
  }
}
