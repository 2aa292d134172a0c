// Where a path named in a model's answer lands in the workspace: an existing file (opened, not shown), or a file
// to create inside a workspace folder. A new file is an untitled document bound to its path, so nothing reaches
// the disk before the user accepts and saves; paths out of the workspace (absolute, `..`) are never targets.
import * as vscode from 'vscode';

export type NamedTarget =
  | { kind: 'existing'; document: vscode.TextDocument }
  | { kind: 'create'; uri: vscode.Uri }
  | { kind: 'refused'; reason: string };

function cleanPath(path: string): string | undefined {
  const clean = path.replace(/\\/g, '/').replace(/^\.\//, '');
  if (clean === '' || clean.startsWith('/') || /^[A-Za-z]:/.test(clean) || clean.split('/').includes('..')) return undefined;
  return clean;
}

/**
 * The workspace file a path names, if it exists. A name given loosely (`cart.ts` for `src/cart.ts`) is taken when
 * exactly one open or workspace file ends with it.
 */
async function existingDocument(path: string): Promise<vscode.TextDocument | undefined> {
  const clean = cleanPath(path);
  if (!clean) return undefined;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const uri = vscode.Uri.joinPath(folder.uri, clean);
    const exists = await vscode.workspace.fs.stat(uri).then(() => true, () => false);
    if (exists) return vscode.workspace.openTextDocument(uri);
  }
  const open = vscode.workspace.textDocuments.filter((d) => d.uri.path.endsWith(`/${clean}`));
  if (open.length === 1) return open[0];
  const found = await vscode.workspace.findFiles(`**/${clean}`, '**/node_modules/**', 2);
  return found.length === 1 ? vscode.workspace.openTextDocument(found[0]) : undefined;
}

export async function resolveNamed(path: string): Promise<NamedTarget> {
  const document = await existingDocument(path);
  if (document) return { kind: 'existing', document };
  const clean = cleanPath(path);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!clean) return { kind: 'refused', reason: `${path} is outside the workspace; Tandem only creates files inside it` };
  if (!folder) return { kind: 'refused', reason: `${path} does not exist, and no workspace folder is open to create it in` };
  return { kind: 'create', uri: vscode.Uri.joinPath(folder.uri, clean) };
}

/** The empty, unsaved document a new file is proposed in; saving it writes `uri`. */
export function creationDocument(uri: vscode.Uri): Thenable<vscode.TextDocument> {
  const existing = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'untitled' && d.uri.path === uri.path);
  return existing ? Promise.resolve(existing) : vscode.workspace.openTextDocument(uri.with({ scheme: 'untitled' }));
}
