import * as vscode from 'vscode';
import type { ExcludedEntry } from '../../core/context/assemble';
import { languageOfPath } from '../../core/context/languages';
import type { WorkspaceExclusion } from './workspaceExclusion';

export interface ReadFile {
  readonly path: string;
  readonly languageId: string;
  readonly text: string;
  /** Changes whenever the text may have: lets the token counter skip unchanged files. */
  readonly versionKey: string;
}

export type ReadResult = { readonly ok: true; readonly file: ReadFile } | { readonly ok: false; readonly excluded?: ExcludedEntry };

const MAX_CACHED_FILES = 100;

/**
 * Reads files for context: the live text of an open document (unsaved changes included), otherwise the file on
 * disk. Exclusion runs first on the name alone, so a secret file is never opened, then on size and content.
 */
export class ContextFileReader {
  private readonly diskCache = new Map<string, { readonly stamp: string; readonly text: string }>();

  constructor(private readonly exclusion: WorkspaceExclusion) {}

  openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  }

  async read(uri: vscode.Uri): Promise<ReadResult> {
    if (!this.exclusion.isContextScheme(uri)) return { ok: false };
    const byName = await this.exclusion.check(uri);
    if (byName.result.excluded) return { ok: false, excluded: { path: byName.path, reason: byName.result.reason, message: byName.result.message } };

    const document = this.openDocument(uri);
    if (document) {
      const text = document.getText();
      const checked = await this.exclusion.check(uri, { sizeBytes: text.length, sample: text });
      if (checked.result.excluded) return { ok: false, excluded: { path: checked.path, reason: checked.result.reason, message: checked.result.message } };
      return { ok: true, file: { path: checked.path, languageId: document.languageId, text, versionKey: `${uri.toString()}@${document.version}` } };
    }

    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(uri);
    } catch {
      return { ok: false };
    }
    if (stat.type & vscode.FileType.Directory) return { ok: false };
    const bySize = await this.exclusion.check(uri, { sizeBytes: stat.size });
    if (bySize.result.excluded) return { ok: false, excluded: { path: bySize.path, reason: bySize.result.reason, message: bySize.result.message } };
    const stamp = `${stat.mtime}:${stat.size}`;
    const key = uri.toString();
    let cached = this.diskCache.get(key);
    if (cached?.stamp !== stamp) {
      const bytes = await vscode.workspace.fs.readFile(uri);
      const byContent = await this.exclusion.check(uri, { sizeBytes: bytes.byteLength, sample: bytes.subarray(0, 8192) });
      if (byContent.result.excluded) {
        return { ok: false, excluded: { path: byContent.path, reason: byContent.result.reason, message: byContent.result.message } };
      }
      cached = { stamp, text: new TextDecoder().decode(bytes) };
      this.diskCache.set(key, cached);
      if (this.diskCache.size > MAX_CACHED_FILES) this.diskCache.delete(this.diskCache.keys().next().value as string);
    }
    return { ok: true, file: { path: bySize.path, languageId: languageOfPath(bySize.path), text: cached.text, versionKey: `${key}#${stamp}` } };
  }
}
