// The few parts of the built-in Git extension's API (extensions/git/src/api/git.d.ts, API version 1) that the
// commit message uses, declared here instead of copying the whole file. The Git extension is not an
// extensionDependency: it can be disabled (or `git.enabled` off, or no git on the machine), and Tandem's other
// features must still work then, so gitApi() says what is missing instead.
import * as vscode from 'vscode';

export interface GitInputBox {
  value: string;
}

export interface GitChange {
  readonly uri: vscode.Uri;
  readonly originalUri: vscode.Uri;
  readonly renameUri: vscode.Uri | undefined;
  /** Status enum of git.d.ts; 7 is UNTRACKED. */
  readonly status: number;
}

export const GIT_STATUS_UNTRACKED = 7;

export interface GitRepositoryState {
  readonly HEAD: { readonly name?: string; readonly commit?: string } | undefined;
  readonly indexChanges: readonly GitChange[];
  readonly workingTreeChanges: readonly GitChange[];
  /** With `git.untrackedChanges: separate` (absent in old versions of the Git extension). */
  readonly untrackedChanges?: readonly GitChange[];
}

export interface GitCommit {
  readonly hash: string;
  readonly message: string;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: GitInputBox;
  readonly state: GitRepositoryState;
  /** `git diff` (working tree against the index), or with `cached` `git diff --cached` (the staged changes). */
  diff(cached?: boolean): Promise<string>;
  log(options?: { readonly maxEntries?: number }): Promise<GitCommit[]>;
}

export interface GitAPI {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  readonly repositories: readonly GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
}

export interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitAPI;
}

export const GIT_EXTENSION_ID = 'vscode.git';

/** How long the Git extension may take to find the repositories of a window that has just opened. */
const INITIALIZE_TIMEOUT_MS = 10_000;

export type GitApiResult = { readonly ok: true; readonly api: GitAPI } | { readonly ok: false; readonly message: string; readonly setting?: string };

/** The Git extension's API, activated and initialised, or why it cannot be had. */
export async function gitApi(): Promise<GitApiResult> {
  const extension = vscode.extensions.getExtension<GitExtension>(GIT_EXTENSION_ID);
  if (!extension) {
    return { ok: false, message: "Tandem writes commit messages through VS Code's built-in Git extension, which is disabled or missing. Enable it in the Extensions view (search @builtin git)." };
  }
  let exports: GitExtension;
  try {
    exports = extension.isActive ? extension.exports : await extension.activate();
  } catch (error) {
    return { ok: false, message: `The built-in Git extension did not start: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!exports?.enabled) return { ok: false, message: 'Git is turned off in this window (the git.enabled setting): turn it on for Tandem to read your changes.', setting: 'git.enabled' };
  const api = exports.getAPI(1);
  if (api.state !== 'initialized') {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, INITIALIZE_TIMEOUT_MS);
      const listener = api.onDidChangeState((state) => state === 'initialized' && done());
      function done(): void {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      }
    });
  }
  return { ok: true, api };
}
