// Generate Commit Message: the repository's staged diff (or every change, when nothing is staged) and its last
// subjects go to the chat's current model; the answer streams into that repository's commit box. Tandem replaces
// only what it wrote itself: a message the user typed is kept unless they choose to replace it, and typing while
// the message streams in stops the stream and keeps what they typed. Stop, an error or an empty answer puts back
// what the box held before.
import * as vscode from 'vscode';
import { modelCard } from '../../core/providers/modelCards';
import { cleanCommitMessage, commitBoxIntent, parseGitDiff, prepareCommitRequest, type CommitRequest } from '../../core/commits';
import type { Counter } from '../../core/context/items';
import { TokenCounter } from '../../core/context/tokens';
import type { ProviderErrorInfo } from '../../core/providers/types';
import type { TandemServices } from '../services';
import { GIT_STATUS_UNTRACKED, gitApi, type GitAPI, type GitRepository } from './gitApi';

/** Context key: a message is being written (the SCM title bar shows Stop instead of Generate). */
export const GENERATING_CONTEXT_KEY = 'tandem.generatingCommitMessage';
/** Subjects read for the repository's style. */
const RECENT_COMMITS = 20;
/** The commit box is written at most this often while the answer streams. */
const WRITE_INTERVAL_MS = 80;
/** Files whose exclusion is checked at once. */
const CHECK_BATCH = 32;

interface Run {
  readonly abort: AbortController;
}

export class CommitMessageGenerator implements vscode.Disposable {
  /** What Tandem last wrote in each repository's box (by root URI): that text may be replaced without asking. */
  private readonly written = new Map<string, string>();
  private readonly running = new Map<string, Run>();

  constructor(private readonly services: TandemServices) {}

  register(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand('tandem.generateCommitMessage', (arg?: unknown) => this.generate(arg)),
      vscode.commands.registerCommand('tandem.stopCommitMessage', (arg?: unknown) => this.stop(arg)),
    ];
  }

  /** From the SCM title bar the argument is that repository's SourceControl (its rootUri); from the palette nothing. */
  async generate(arg?: unknown): Promise<void> {
    const git = await gitApi();
    if (!git.ok) {
      const choice = await vscode.window.showWarningMessage(git.message, ...(git.setting ? ['Open Setting'] : []));
      if (choice === 'Open Setting') void vscode.commands.executeCommand('workbench.action.openSettings', git.setting);
      return;
    }
    const repository = await this.pickRepository(git.api, arg);
    if (!repository) return;
    const key = repository.rootUri.toString();
    if (this.running.has(key)) return;
    const run: Run = { abort: new AbortController() };
    this.running.set(key, run);
    await this.setGenerating();
    try {
      await this.write(repository, run.abort.signal);
    } catch (error) {
      this.services.log.error(`Commit message failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      void vscode.window.showErrorMessage(`Tandem could not write a commit message: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.running.delete(key);
      await this.setGenerating();
    }
  }

  stop(arg?: unknown): void {
    const root = rootUriOf(arg);
    for (const [key, run] of this.running) if (!root || root.toString() === key) run.abort.abort();
  }

  private async write(repository: GitRepository, signal: AbortSignal): Promise<void> {
    const box = repository.inputBox;
    const before = box.value;
    const intent = commitBoxIntent(before, this.written.get(repository.rootUri.toString()));
    if (intent.ask) {
      const choice = await vscode.window.showWarningMessage(
        'Replace the commit message you typed?',
        { modal: true, detail: 'Tandem reads it as your notes on what the commit is for, and writes a new message in its place.' },
        'Replace',
      );
      if (choice !== 'Replace' || signal.aborted) return;
    }

    const staged = repository.state.indexChanges.length > 0;
    const diff = staged ? await repository.diff(true) : withUntracked(await repository.diff(false), repository);
    if (diff.trim() === '') {
      void vscode.window.showInformationMessage('There are no changes in this repository to write a commit message for.');
      return;
    }
    if (!staged) void vscode.window.showInformationMessage('Nothing is staged, so Tandem describes all the changes in the working tree.');

    const request = await this.request(repository, diff, staged, intent.draft);
    if (signal.aborted) return;
    this.report(request, repository);

    await vscode.window.withProgress({ location: vscode.ProgressLocation.SourceControl, title: 'Tandem: Writing commit message…', cancellable: true }, async (_progress, token) => {
      const cancel = token.onCancellationRequested(() => this.stop(repository.rootUri));
      try {
        await this.stream(repository, request, before, signal);
      } finally {
        cancel.dispose();
      }
    });
  }

  /** Streams the answer into the box; puts `before` back when stopped, failed or empty. */
  private async stream(repository: GitRepository, request: CommitRequest, before: string, signal: AbortSignal): Promise<void> {
    const box = repository.inputBox;
    const key = repository.rootUri.toString();
    const { models, choice, knowledge, log } = this.services;
    const slot = choice.slot;
    // The project's instruction files apply to commit messages too (those for the whole repository: no file is edited).
    const system = await knowledge.editSystemPrompt(request.system, slot, undefined);
    // Every value this stream wrote: the box reports its changes back asynchronously, so reading it can give an
    // earlier write of ours for a moment. Anything else in the box is the user's typing.
    const ours = new Set([before]);
    const writtenBefore = this.written.get(key);
    let answer = '';
    let error: ProviderErrorInfo | undefined;
    let lastWrite = 0;
    let userTyped = false;
    const local = new AbortController();
    const onAbort = () => local.abort();
    signal.addEventListener('abort', onAbort);

    const show = (text: string): boolean => {
      if (!ours.has(box.value)) {
        // The user typed in the box while the message streamed in: their text wins.
        userTyped = true;
        local.abort();
        return false;
      }
      box.value = text;
      ours.add(text);
      this.written.set(key, text);
      return true;
    };

    try {
      for await (const chunk of models.stream({ slot, system, messages: [{ role: 'user', parts: [{ kind: 'text', text: request.user }] }], thinkingLevel: 'minimal' }, local.signal)) {
        if (chunk.type === 'text') {
          answer += chunk.text;
          const now = Date.now();
          if (now - lastWrite >= WRITE_INTERVAL_MS) {
            lastWrite = now;
            const partial = cleanCommitMessage(answer, { partial: true });
            if (partial !== '') show(partial);
          }
        } else if (chunk.type === 'error') error = chunk.error;
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }

    if (userTyped) {
      log.info('Commit message: the box was edited while the message streamed in; kept what was typed.');
      return;
    }
    const restore = (): void => {
      if (ours.has(box.value)) {
        box.value = before;
        if (writtenBefore === undefined) this.written.delete(key);
        else this.written.set(key, writtenBefore);
      }
    };
    if (local.signal.aborted) {
      restore();
      return;
    }
    if (error) {
      restore();
      this.showError(error);
      return;
    }
    const message = cleanCommitMessage(answer);
    if (message === '') {
      restore();
      void vscode.window.showWarningMessage(`${models.label(slot)} answered without a commit message. Try again, or switch the model in Tandem's chat.`);
      return;
    }
    if (!show(message)) {
      log.info('Commit message: the box was edited as the message ended; kept what was typed.');
      return;
    }
    log.info(`Commit message written by ${models.label(slot)} (${message.split('\n')[0].length}-character subject).`);
  }

  private async request(repository: GitRepository, diff: string, staged: boolean, draft: string | undefined): Promise<CommitRequest> {
    const { settings, choice } = this.services;
    const slot = choice.slot;
    const s = settings();
    const model = s[slot];
    const counter = new TokenCounter(modelCard(slot).tokens.family);
    const count: Counter = (text) => counter.count(text);
    const [excluded, subjects] = await Promise.all([this.excludedPaths(repository, diff), recentSubjects(repository)]);
    return prepareCommitRequest({
      diff,
      changes: staged ? 'staged' : 'all',
      recentSubjects: subjects,
      branch: repository.state.HEAD?.name,
      userInstructions: s.commitMessage.instructions || undefined,
      draft,
      limits: { contextWindow: model.contextWindow, reservedOutput: Math.min(model.maxOutputTokens, 4096) },
      count,
      isExcluded: (path) => excluded.has(path),
    });
  }

  /**
   * Paths of the diff that the user's exclusion rules (tandem.context.exclude, .tandemignore) keep out of every
   * request: not even their names are sent. Secret-looking files (.env, keys) are the core's to handle: their name
   * is listed, never their content. .gitignore says nothing about files git already tracks.
   */
  private async excludedPaths(repository: GitRepository, diff: string): Promise<Set<string>> {
    const paths = [...new Set(parseGitDiff(diff).flatMap((f) => (f.oldPath !== undefined ? [f.path, f.oldPath] : [f.path])))];
    const excluded = new Set<string>();
    const exclusion = this.services.context.exclusion;
    for (let i = 0; i < paths.length; i += CHECK_BATCH) {
      await Promise.all(
        paths.slice(i, i + CHECK_BATCH).map(async (path) => {
          const { result } = await exclusion.check(vscode.Uri.joinPath(repository.rootUri, path));
          if (result.excluded && (result.reason === 'userExcluded' || result.reason === 'tandemIgnored')) excluded.add(path);
        }),
      );
    }
    return excluded;
  }

  private report(request: CommitRequest, repository: GitRepository): void {
    const { summary } = request;
    const { log } = this.services;
    const excluded = summary.files.filter((f) => f.kind === 'excluded').length;
    log.info(
      `Commit message for ${vscode.workspace.asRelativePath(repository.rootUri)}: ${summary.files.length} file(s), ${summary.tokens} diff tokens` +
        (excluded ? `, ${excluded} left out by exclusion rules` : '') +
        (summary.note ? `; ${summary.note}` : '') +
        '.',
    );
    if (summary.secretPaths.length > 0) {
      const names = summary.secretPaths.slice(0, 3).join(', ') + (summary.secretPaths.length > 3 ? ` and ${summary.secretPaths.length - 3} more` : '');
      void vscode.window.showWarningMessage(`These changes include ${names}, which ${summary.secretPaths.length === 1 ? 'looks' : 'look'} like a secret file. Tandem sent only the name, never the content: check that you mean to commit it.`);
    }
  }

  private showError(error: ProviderErrorInfo): void {
    this.services.log.warn(`Commit message: ${error.message}`);
    const action = error.action === 'setKey' ? 'Set API Key' : error.action === 'openSettings' ? 'Open Settings' : undefined;
    void vscode.window.showErrorMessage(error.message, ...(action ? [action] : [])).then((choice) => {
      if (choice === 'Set API Key') void vscode.commands.executeCommand('tandem.setApiKey');
      else if (choice === 'Open Settings') void vscode.commands.executeCommand('tandem.openSettings');
    });
  }

  private async pickRepository(api: GitAPI, arg: unknown): Promise<GitRepository | undefined> {
    const root = rootUriOf(arg);
    if (root) {
      const repository = api.getRepository(root);
      if (repository) return repository;
    }
    const repositories = api.repositories;
    if (repositories.length === 0) {
      void vscode.window.showInformationMessage('No Git repository is open in this window: open a folder that is one, or run Git: Initialize Repository.');
      return undefined;
    }
    if (repositories.length === 1) return repositories[0];
    const active = vscode.window.activeTextEditor?.document.uri;
    const ofActive = active ? api.getRepository(active) : null;
    const picked = await vscode.window.showQuickPick(
      repositories.map((repository) => ({ label: vscode.workspace.asRelativePath(repository.rootUri) || repository.rootUri.fsPath, description: repository === ofActive ? 'active editor' : undefined, repository })),
      { title: 'Tandem: Generate Commit Message', placeHolder: 'Which repository?' },
    );
    return picked?.repository;
  }

  private async setGenerating(): Promise<void> {
    await vscode.commands.executeCommand('setContext', GENERATING_CONTEXT_KEY, this.running.size > 0);
  }

  dispose(): void {
    for (const run of this.running.values()) run.abort.abort();
    this.running.clear();
  }
}

/** A SourceControl (the SCM title bar's argument), a repository, or a Uri: its root. */
function rootUriOf(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'object' && arg !== null && 'rootUri' in arg && (arg as { rootUri: unknown }).rootUri instanceof vscode.Uri) return (arg as { rootUri: vscode.Uri }).rootUri;
  return undefined;
}

/** Subjects of the last commits, newest first; none in a repository without commits. */
async function recentSubjects(repository: GitRepository): Promise<string[]> {
  try {
    return (await repository.log({ maxEntries: RECENT_COMMITS })).map((c) => c.message.split('\n')[0]);
  } catch {
    return [];
  }
}

/** `git diff` shows no untracked files: with nothing staged they are listed by name, as new files. */
function withUntracked(diff: string, repository: GitRepository): string {
  const state = repository.state;
  const untracked = [...state.workingTreeChanges, ...(state.untrackedChanges ?? [])].filter((c) => c.status === GIT_STATUS_UNTRACKED);
  const root = repository.rootUri.path.replace(/\/$/, '');
  const headers = untracked
    .map((c) => c.uri.path)
    .filter((path) => path.startsWith(`${root}/`))
    .map((path) => path.slice(root.length + 1))
    .map((path) => `diff --git a/${path} b/${path}\nnew file mode 100644\n`);
  return headers.length === 0 ? diff : `${diff}${diff === '' || diff.endsWith('\n') ? '' : '\n'}${headers.join('')}`;
}
