import * as vscode from 'vscode';
import { Excluder, type ExcludeResult, type FileFacts, type GitignoreFile } from '../../core/context/exclude';
import { TANDEMIGNORE } from '../../core/context/ignoreFiles';
import { DisposableStore } from '../disposables';
import type { Log } from '../log';
import { contextExclude, type TandemSettings } from '../settings';

const MAX_GITIGNORE_FILES = 200;
/** .gitignore and the team's .tandemignore (core/context/ignoreFiles.ts): same syntax, both nested. */
const IGNORE_FILE_NAMES = ['.gitignore', TANDEMIGNORE] as const;
const NO_GITIGNORE_SEARCH = '{**/node_modules/**,**/.git/**}';
/** Schemes whose documents are the user's files; output panels, git originals and settings are not context. */
const FILE_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);

export interface PathCheck {
  /** Workspace-relative with forward slashes; the file name for files outside the workspace. */
  readonly path: string;
  readonly result: ExcludeResult;
}

/**
 * The exclusion rules of the open workspace: one Excluder per workspace folder with its .gitignore and .tandemignore files, the
 * `tandem.context.exclude` globs (read per folder) and the size cap. Rebuilt lazily after an ignore file or a setting changes.
 */
export class WorkspaceExclusion implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private excluders: Promise<Map<string, Excluder>> | undefined;
  private outside: Excluder | undefined;

  constructor(
    private readonly settings: () => TandemSettings,
    private readonly log: Log,
  ) {
    const invalidate = () => this.invalidate();
    for (const name of IGNORE_FILE_NAMES) {
      const watcher = this.store.add(vscode.workspace.createFileSystemWatcher(`**/${name}`));
      this.store.add(watcher.onDidChange(invalidate));
      this.store.add(watcher.onDidCreate(invalidate));
      this.store.add(watcher.onDidDelete(invalidate));
    }
    this.store.add(vscode.workspace.onDidChangeWorkspaceFolders(invalidate));
    this.store.add(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('tandem.context') && invalidate()));
  }

  isContextScheme(uri: vscode.Uri): boolean {
    return FILE_SCHEMES.has(uri.scheme) || (vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.scheme === uri.scheme);
  }

  relativePath(uri: vscode.Uri): string {
    if (uri.scheme === 'untitled') return uri.path;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return uri.path.slice(uri.path.lastIndexOf('/') + 1);
    return vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/');
  }

  /** Checks a file before it is read; pass facts (size, first bytes or text) for the size and binary rules. */
  async check(uri: vscode.Uri, facts: FileFacts = {}): Promise<PathCheck> {
    const path = this.relativePath(uri);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const excluder = folder ? (await this.load()).get(folder.uri.toString()) : undefined;
    return { path, result: (excluder ?? this.outsideExcluder()).check(path, facts) };
  }

  /** The rules for one folder at once, for filtering many paths (the file picker). */
  async excluderFor(folder: vscode.WorkspaceFolder): Promise<Excluder> {
    return (await this.load()).get(folder.uri.toString()) ?? this.outsideExcluder();
  }

  private outsideExcluder(): Excluder {
    const s = this.settings().context;
    this.outside ??= new Excluder({ userGlobs: s.exclude, maxFileSizeKB: s.maxFileSizeBytes / 1024 });
    return this.outside;
  }

  private invalidate(): void {
    this.excluders = undefined;
    this.outside = undefined;
  }

  private load(): Promise<Map<string, Excluder>> {
    this.excluders ??= this.build().catch((error: unknown) => {
      this.log.warn(`Could not read the .gitignore/.tandemignore files: ${error instanceof Error ? error.message : String(error)}`);
      this.excluders = undefined;
      return new Map<string, Excluder>();
    });
    return this.excluders;
  }

  private async build(): Promise<Map<string, Excluder>> {
    const s = this.settings().context;
    const result = new Map<string, Excluder>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const [gitignores, tandemignores] = await Promise.all(IGNORE_FILE_NAMES.map((name) => this.readIgnoreFiles(folder, name)));
      result.set(folder.uri.toString(), new Excluder({ gitignores, tandemignores, userGlobs: contextExclude(folder.uri), maxFileSizeKB: s.maxFileSizeBytes / 1024 }));
    }
    return result;
  }

  /** Every ignore file of that name in the folder, each with the folder it sits in (relative to the workspace folder). */
  private async readIgnoreFiles(folder: vscode.WorkspaceFolder, name: string): Promise<GitignoreFile[]> {
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, `**/${name}`), NO_GITIGNORE_SEARCH, MAX_GITIGNORE_FILES);
    const files: GitignoreFile[] = [];
    for (const uri of found) {
      const relative = vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/');
      const dir = relative.includes('/') ? relative.slice(0, relative.lastIndexOf('/')) : '';
      files.push({ dir, contents: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) });
    }
    return files;
  }

  dispose(): void {
    this.store.dispose();
  }
}
