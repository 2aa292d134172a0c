import * as vscode from 'vscode';
import type { WorkspaceExclusion } from './workspaceExclusion';

const MAX_PICKER_FILES = 5000;
/** A folder added on purpose brings at most this many files: more would crowd out the selection anyway. */
export const MAX_FOLDER_FILES = 50;
const ALWAYS_SKIPPED = ['**/node_modules/**', '**/.git/**'];

interface FileItem extends vscode.QuickPickItem {
  readonly uri: vscode.Uri;
}

function searchExclude(userGlobs: readonly string[]): string {
  const globs = [...ALWAYS_SKIPPED, ...userGlobs.map((g) => (g.includes('/') ? g : `**/${g}`))];
  return `{${globs.join(',')}}`;
}

/** Workspace files that may be context: secret, ignored and user-excluded files are not even listed. */
async function contextFiles(exclusion: WorkspaceExclusion, userGlobs: readonly string[], base: vscode.GlobPattern, limit: number): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles(base, searchExclude(userGlobs), limit);
  const allowed: vscode.Uri[] = [];
  for (const uri of found) {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const excluder = folder ? await exclusion.excluderFor(folder) : undefined;
    if (!excluder || !excluder.check(exclusion.relativePath(uri)).excluded) allowed.push(uri);
  }
  return allowed.sort((a, b) => a.path.localeCompare(b.path));
}

/** The `@` picker: a fuzzy quick pick over workspace files. */
export async function pickContextFiles(exclusion: WorkspaceExclusion, userGlobs: readonly string[]): Promise<vscode.Uri[]> {
  const pick = vscode.window.createQuickPick<FileItem>();
  pick.title = 'Add File to Tandem Chat';
  pick.placeholder = 'Search files by name (secret, ignored and excluded files are not listed)';
  pick.matchOnDescription = true;
  pick.canSelectMany = false;
  pick.busy = true;
  pick.show();
  try {
    const uris = await contextFiles(exclusion, userGlobs, '**/*', MAX_PICKER_FILES);
    pick.items = uris.map((uri) => {
      const path = exclusion.relativePath(uri);
      const slash = path.lastIndexOf('/');
      return { label: path.slice(slash + 1), description: slash > 0 ? path.slice(0, slash) : '', uri };
    });
    pick.busy = false;
    return await new Promise<vscode.Uri[]>((resolve) => {
      pick.onDidAccept(() => {
        resolve(pick.selectedItems.map((item) => item.uri));
        pick.hide();
      });
      pick.onDidHide(() => resolve([]));
    });
  } finally {
    pick.dispose();
  }
}

export interface ExpandedFiles {
  readonly files: vscode.Uri[];
  /** Files left out of a folder because of the cap. */
  readonly capped: number;
}

/** Files stay as they are; a folder becomes its allowed files, up to MAX_FOLDER_FILES for all folders together. */
export async function expandToFiles(uris: readonly vscode.Uri[], exclusion: WorkspaceExclusion, userGlobs: readonly string[]): Promise<ExpandedFiles> {
  const files: vscode.Uri[] = [];
  let capped = 0;
  for (const uri of uris) {
    let isFolder = false;
    try {
      isFolder = ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
    } catch {
      // An untitled or deleted file: keep it, reading it later says what is wrong.
    }
    if (!isFolder) {
      files.push(uri);
      continue;
    }
    const room = MAX_FOLDER_FILES - files.length;
    const found = await contextFiles(exclusion, userGlobs, new vscode.RelativePattern(uri, '**/*'), Math.max(room, 0) + 1000);
    files.push(...found.slice(0, Math.max(room, 0)));
    capped += Math.max(0, found.length - Math.max(room, 0));
  }
  return { files, capped };
}
