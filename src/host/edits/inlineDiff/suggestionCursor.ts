// Where the cursor is relative to Tandem's suggestions: the context keys the keybindings test
// (tandem.suggestionPending: this editor has one; tandem.cursorInSuggestion: the cursor is inside a hunk), the
// pending-change counter on the right of the status bar (it is about this editor only), and next/previous hunk.
import * as vscode from 'vscode';
import type { HunkRange } from '../../../core/edits/hunks';
import { DisposableStore } from '../../disposables';
import type { Suggestion } from '../../../core/edits/suggestion';

const PENDING_KEY = 'tandem.suggestionPending';
const CURSOR_KEY = 'tandem.cursorInSuggestion';

export class SuggestionCursor implements vscode.Disposable {
  private readonly store = new DisposableStore();
  /** Right-aligned, between the editor's language item (100.1) and the main Tandem item (100). */
  private readonly status = this.store.add(vscode.window.createStatusBarItem('tandem.suggestion', vscode.StatusBarAlignment.Right, 100.05));
  private shown: { pending?: boolean; inside?: boolean } = {};

  constructor(private readonly lookup: (uri: vscode.Uri) => Suggestion | undefined) {
    this.status.name = 'Tandem Suggestions';
    this.status.command = 'tandem.suggestion.actions';
    this.store.add(vscode.window.onDidChangeTextEditorSelection((e) => e.textEditor === vscode.window.activeTextEditor && this.update()));
    this.store.add(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
  }

  /** The hunk under the active editor's cursor, if the cursor is in one. */
  underCursor(): { suggestion: Suggestion; range: HunkRange } | undefined {
    const editor = vscode.window.activeTextEditor;
    const suggestion = editor && this.lookup(editor.document.uri);
    const range = suggestion?.hunkAt(editor!.selection.active.line);
    return suggestion && range ? { suggestion, range } : undefined;
  }

  /** Moves the cursor to the next (or previous) pending hunk of the active editor, wrapping around the file. */
  go(forward: boolean): void {
    const editor = vscode.window.activeTextEditor;
    const suggestion = editor && this.lookup(editor.document.uri);
    const target = suggestion?.neighbour(editor!.selection.active.line, forward);
    if (!editor || !suggestion || !target) return;
    const line = Math.min(target.startLine, editor.document.lineCount - 1);
    // The keys' context before the move: the window applies the two in order, so Ctrl+Y or Ctrl+N pressed the moment
    // the cursor shows at the change acts on it (set after the move, it could still be VS Code's New File).
    this.setInside(suggestion.hunkAt(line) !== undefined);
    editor.selection = new vscode.Selection(line, 0, line, 0);
    editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** After the suggestions, the active editor or its selection changed. Context keys are set only when they flip. */
  update(): void {
    const editor = vscode.window.activeTextEditor;
    const suggestion = editor ? this.lookup(editor.document.uri) : undefined;
    const pending = suggestion?.pending().length ?? 0;
    const inside = this.underCursor() !== undefined;
    if (this.shown.pending !== pending > 0) void vscode.commands.executeCommand('setContext', PENDING_KEY, pending > 0);
    this.setInside(inside);
    this.shown.pending = pending > 0;
    if (!pending || !editor) {
      this.status.hide();
      return;
    }
    const name = editor.document.uri.path.split('/').pop();
    this.status.text = `$(diff) ${pending}`;
    this.status.tooltip = `Tandem: ${pending} suggested change${pending === 1 ? '' : 's'} to review in ${name}. Click to accept, reject or compare them.`;
    this.status.accessibilityInformation = { label: `Tandem: ${pending} suggested change${pending === 1 ? '' : 's'} to review` };
    this.status.show();
  }

  private setInside(inside: boolean): void {
    if (this.shown.inside !== inside) void vscode.commands.executeCommand('setContext', CURSOR_KEY, inside);
    this.shown.inside = inside;
  }

  dispose(): void {
    this.store.dispose();
  }
}
