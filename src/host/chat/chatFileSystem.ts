import * as vscode from 'vscode';
import type { ChatFileSystem } from '../../core/chat/store';

/** Chats live in the extension's per-workspace storage (global storage when no folder is open). */
export function chatFileSystem(context: vscode.ExtensionContext): ChatFileSystem {
  const dir = vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'chats');
  const file = (name: string) => vscode.Uri.joinPath(dir, name);
  return {
    async list() {
      try {
        return (await vscode.workspace.fs.readDirectory(dir)).filter(([, type]) => type === vscode.FileType.File).map(([name]) => name);
      } catch {
        return [];
      }
    },
    async read(name) {
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(file(name)));
      } catch {
        return undefined;
      }
    },
    async write(name, content) {
      await vscode.workspace.fs.createDirectory(dir);
      await vscode.workspace.fs.writeFile(file(name), new TextEncoder().encode(content));
    },
    async delete(name) {
      try {
        await vscode.workspace.fs.delete(file(name));
      } catch {
        // already gone
      }
    },
  };
}
