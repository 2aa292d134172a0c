// While the model writes an edit, the proposal streams into one comment widget at the lines it will change: the
// user sees it take shape, and the widget is the edit's only progress indicator. Its title bar's Stop (and
// "Tandem: Stop Writing Suggestion" in the palette while one is open) cancels the request.
import * as vscode from 'vscode';
import { DisposableStore } from '../../disposables';

const DRAFT_CONTEXT = 'tandemDraft';
const IN_PROGRESS_KEY = 'tandem.draftInProgress';

export interface Draft {
  update(answerSoFar: string): void;
  finish(): void;
}

export class Drafts implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly live = new Map<vscode.CommentThread, () => void>();

  constructor(private readonly comments: vscode.CommentController) {
    this.store.add(vscode.commands.registerCommand('tandem.edit.stop', (thread?: vscode.CommentThread) => this.stop(thread)));
  }

  /** A widget at `line` showing the code of the answer so far; `onStop` runs when the user stops it. */
  start(document: vscode.TextDocument, line: number, label: string, languageId: string, toCode: (answerSoFar: string) => string, onStop: () => void): Draft {
    const thread = this.comments.createCommentThread(document.uri, new vscode.Range(line, 0, line, 0), []);
    thread.canReply = false;
    thread.contextValue = DRAFT_CONTEXT;
    thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    this.live.set(thread, onStop);
    this.updateContext();
    let pending: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    const display = (title: string, body: vscode.MarkdownString) => {
      thread.label = `Tandem is writing: ${title}`;
      thread.comments = [{ body, mode: vscode.CommentMode.Preview, author: { name: `Tandem · ${label}` }, contextValue: DRAFT_CONTEXT }];
    };
    const show = (answer: string) => {
      // Parsed here, at most a few times a second, not on every streamed chunk.
      const lines = toCode(answer).split('\n');
      const body = new vscode.MarkdownString();
      body.appendCodeblock(lines.slice(-40).join('\n'), languageId);
      display(`${label} (${lines.length} line${lines.length === 1 ? '' : 's'} so far)`, body);
    };
    display(`${label}…`, new vscode.MarkdownString('…'));
    return {
      // At most a few updates a second: rebuilding the widget per token would stall the editor.
      update: (text) => {
        pending = text;
        timer ??= setTimeout(() => {
          timer = undefined;
          if (pending !== undefined) show(pending);
        }, 150);
      },
      finish: () => {
        if (timer) clearTimeout(timer);
        this.live.delete(thread);
        this.updateContext();
        thread.dispose();
      },
    };
  }

  /** Stops the draft whose title bar was clicked, or every draft (from the palette). */
  private stop(thread?: vscode.CommentThread): void {
    const targets = thread && this.live.has(thread) ? [thread] : [...this.live.keys()];
    for (const target of targets) this.live.get(target)?.();
  }

  private updateContext(): void {
    void vscode.commands.executeCommand('setContext', IN_PROGRESS_KEY, this.live.size > 0);
  }

  dispose(): void {
    for (const stop of this.live.values()) stop();
    this.store.dispose();
  }
}
