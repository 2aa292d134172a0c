// The workspace as the knowledge modules of core see it: workspace paths ('' root for one folder, the folder's name
// as a prefix in a multi-root workspace), a reader that prefers an open editor's unsaved text, and the exclusion
// rules of each folder (secret names, tandem.context.exclude, .tandemignore, .gitignore, size, binary).
import * as vscode from 'vscode';
import type { ExcludeCheck, FileFacts } from '../../core/context/exclude';
import type { TextReader } from '../../core/knowledge';
import type { WorkspaceExclusion } from '../context/workspaceExclusion';

const NEVER_SEARCHED = '{**/node_modules/**,**/.git/**}';
const MAX_LISTED = 2_000;

interface FolderEntry {
  readonly folder: vscode.WorkspaceFolder;
  /** '' for a single-folder workspace, else the folder's name. */
  readonly root: string;
}

export class KnowledgeFiles {
  constructor(private readonly exclusion: WorkspaceExclusion) {}

  /** Restricted Mode: nothing of the project's knowledge is read. */
  get trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  private entries(): FolderEntry[] {
    const folders = vscode.workspace.workspaceFolders ?? [];
    return folders.map((folder) => ({ folder, root: folders.length === 1 ? '' : folder.name }));
  }

  get roots(): string[] {
    return this.entries().map((e) => e.root);
  }

  /** The workspace path of a file (undefined outside every folder). */
  pathOf(uri: vscode.Uri): string | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const entry = folder && this.entries().find((e) => e.folder.uri.toString() === folder.uri.toString());
    if (!entry) return undefined;
    const relative = uri.path.slice(entry.folder.uri.path.replace(/\/+$/, '').length + 1);
    return entry.root === '' ? relative : `${entry.root}/${relative}`;
  }

  uriOf(path: string): vscode.Uri | undefined {
    const entries = this.entries();
    const entry = entries.length === 1 ? entries[0] : entries.find((e) => path.startsWith(`${e.root}/`));
    if (!entry) return undefined;
    return vscode.Uri.joinPath(entry.folder.uri, entry.root === '' ? path : path.slice(entry.root.length + 1));
  }

  /** Workspace paths of the files matching any of `globs` (relative to each folder). */
  async list(globs: readonly string[], maxResults = MAX_LISTED, token?: vscode.CancellationToken): Promise<string[]> {
    const paths = new Set<string>();
    for (const { folder } of this.entries()) {
      const pattern = new vscode.RelativePattern(folder, globs.length === 1 ? globs[0] : `{${globs.join(',')}}`);
      for (const uri of await vscode.workspace.findFiles(pattern, NEVER_SEARCHED, maxResults, token)) {
        const path = this.pathOf(uri);
        if (path !== undefined) paths.add(path);
      }
    }
    return [...paths].sort((a, b) => a.localeCompare(b));
  }

  readonly read: TextReader = async (path) => {
    const uri = this.uriOf(path);
    if (!uri) return undefined;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open.getText();
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  };

  /** Size in bytes, or undefined when the file is gone. */
  async size(path: string): Promise<number | undefined> {
    const uri = this.uriOf(path);
    if (!uri) return undefined;
    try {
      return (await vscode.workspace.fs.stat(uri)).size;
    } catch {
      return undefined;
    }
  }

  /** One synchronous check over every folder's rules, compiled now (the rules change rarely; ask again after). */
  async excludeCheck(): Promise<ExcludeCheck> {
    const entries = this.entries();
    const excluders = await Promise.all(entries.map(async (e) => ({ ...e, excluder: await this.exclusion.excluderFor(e.folder) })));
    return (path: string, facts?: FileFacts) => {
      const entry = excluders.length === 1 ? excluders[0] : excluders.find((e) => path.startsWith(`${e.root}/`));
      if (!entry) return { excluded: true, reason: 'userExcluded', message: `${path} is outside the workspace folders.` };
      return entry.excluder.check(entry.root === '' ? path : path.slice(entry.root.length + 1), facts);
    };
  }
}
