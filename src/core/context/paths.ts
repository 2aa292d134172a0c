// Workspace-relative paths as the context and knowledge modules compare them: forward slashes, no leading ./ or /.
// The host may hand over Windows separators or a ./ prefix; every comparison goes through workspacePath first.

export function workspacePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
}

/** The folder part ('' for a file at the root); forward slashes. */
export function folderOf(path: string): string {
  const p = path.replace(/\\/g, '/').replace(/\/+$/, '');
  const slash = p.lastIndexOf('/');
  return slash === -1 ? '' : p.slice(0, slash);
}

/** The last part of a path (a folder's name for a folder, trailing slashes ignored). */
export function fileNameOf(path: string): string {
  const p = path.replace(/\\/g, '/').replace(/\/+$/, '');
  return p.slice(p.lastIndexOf('/') + 1);
}
