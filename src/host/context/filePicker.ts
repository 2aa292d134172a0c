import * as vscode from 'vscode';
import { settingsExcludeGlob } from '../../core/context/exclude';
import type { WorkspaceExclusion } from './workspaceExclusion';

const MAX_PICKER_FILES = 5000;
/** A folder added on purpose brings at most this many files: more would crowd out the selection anyway. */
export const MAX_FOLDER_FILES = 50;
/**
 * How many paths one search may return before .gitignore and the secret rules filter them: far above any cap, so an
 * ignored `dist/` cannot fill the list before the real files are reached.
 */
const SEARCH_LIMIT = 50_000;
/** Never context, whatever the settings say: the repository's own data and installed packages. */
const ALWAYS_SKIPPED = ['**/.git', '**/node_modules'];

interface FileItem extends vscode.QuickPickItem {
  readonly uri: vscode.Uri;
}

/** The exclude glob for one folder: its `files.exclude` and `search.exclude`, as the Search view applies them. */
function folderExclude(folder: vscode.WorkspaceFolder): string | undefined {
  return settingsExcludeGlob([vscode.workspace.getConfiguration('files', folder).get('exclude'), vscode.workspace.getConfiguration('search', folder).get('exclude')], ALWAYS_SKIPPED);
}

/**
 * Workspace files that may be context, sorted, at most `limit`: excluded by `files.exclude` and `search.exclude` in
 * the search itself, then by .gitignore, secret names and `tandem.context.exclude`, and only then capped.
 * `under` limits the search to one folder (Add Folder to Chat).
 */
export async function listContextFiles(exclusion: WorkspaceExclusion, limit: number, under?: vscode.Uri): Promise<vscode.Uri[]> {
  const folders = under ? [vscode.workspace.getWorkspaceFolder(under)] : (vscode.workspace.workspaceFolders ?? []);
  const allowed: vscode.Uri[] = [];
  for (const folder of folders) {
    const base = under ?? folder?.uri;
    if (!base) continue;
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(base, '**/*'), folder ? folderExclude(folder) : settingsExcludeGlob([], ALWAYS_SKIPPED), SEARCH_LIMIT);
    const excluder = folder ? await exclusion.excluderFor(folder) : undefined;
    for (const uri of found) {
      // Outside every workspace folder the rules without a .gitignore apply (secret names, the window's exclude).
      const result = excluder ? excluder.check(exclusion.relativePath(uri)) : (await exclusion.check(uri)).result;
      if (!result.excluded) allowed.push(uri);
    }
  }
  return allowed.sort((a, b) => a.path.localeCompare(b.path)).slice(0, limit);
}

/** The `@` picker: a fuzzy quick pick over workspace files. */
export async function pickContextFiles(exclusion: WorkspaceExclusion): Promise<vscode.Uri[]> {
  const pick = vscode.window.createQuickPick<FileItem>();
  pick.title = 'Add File to Tandem Chat';
  pick.placeholder = 'Search files by name (secret, ignored and excluded files are not listed)';
  pick.matchOnDescription = true;
  pick.canSelectMany = false;
  pick.busy = true;
  pick.show();
  try {
    const uris = await listContextFiles(exclusion, MAX_PICKER_FILES);
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
export async function expandToFiles(uris: readonly vscode.Uri[], exclusion: WorkspaceExclusion): Promise<ExpandedFiles> {
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
    const room = Math.max(MAX_FOLDER_FILES - files.length, 0);
    const found = await listContextFiles(exclusion, room + 1000, uri);
    files.push(...found.slice(0, room));
    capped += Math.max(0, found.length - room);
  }
  return { files, capped };
}
