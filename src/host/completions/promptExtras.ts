// What a completion prompt shows besides the file itself: short windows of other open editors (files this one
// imports first) and the project's instruction files. Gathered only when a request is about to leave (after the
// debounce), and every file goes through the same exclusion rules as chat context: secret, git-ignored and
// excluded files are never sent.
import * as vscode from 'vscode';
import { type CompletionSnippet, importSpecifiers } from '../../core/completions';
import type { WorkspaceExclusion } from '../context/workspaceExclusion';
import { DisposableStore } from '../disposables';

/** Instruction files peers and users already keep in their repositories, read from each workspace folder's root. */
const INSTRUCTION_FILES = ['AGENTS.md', '.github/copilot-instructions.md'];
/** Open editors considered per request; chooseSnippets keeps the best few windows. */
const MAX_CANDIDATES = 12;
const MAX_INSTRUCTIONS_BYTES = 16 * 1024;

export interface PromptExtras {
  readonly snippets: readonly CompletionSnippet[];
  readonly instructions?: string;
}

/** The module name a relative import refers to, without extension: `./util/math.js` → `util/math`. */
function importedStem(specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return specifier.replace(/^(\.\.?\/)+/, '').replace(/\.[cm]?[jt]sx?$/, '').replace(/\/index$/, '');
}

function stemOf(path: string): string {
  return path.replace(/\.[^./]+$/, '').replace(/\/index$/, '');
}

export class PromptExtrasSource implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private instructions: Promise<string | undefined> | undefined;

  constructor(private readonly exclusion: WorkspaceExclusion) {
    const watcher = this.store.add(vscode.workspace.createFileSystemWatcher(`{${INSTRUCTION_FILES.join(',')}}`));
    const invalidate = (): void => {
      this.instructions = undefined;
    };
    this.store.add(watcher.onDidChange(invalidate));
    this.store.add(watcher.onDidCreate(invalidate));
    this.store.add(watcher.onDidDelete(invalidate));
    this.store.add(vscode.workspace.onDidChangeWorkspaceFolders(invalidate));
  }

  async forDocument(document: vscode.TextDocument, signal: AbortSignal): Promise<PromptExtras> {
    const snippets = await this.snippets(document, signal);
    this.instructions ??= this.readInstructions();
    return { snippets, instructions: await this.instructions };
  }

  private async snippets(document: vscode.TextDocument, signal: AbortSignal): Promise<CompletionSnippet[]> {
    const imported = new Set(importSpecifiers(document.getText(), document.languageId).map(importedStem).filter((s): s is string => !!s));
    // Other untitled buffers are scratch space (pasted logs, tokens): never snippets. An untitled buffer draws on
    // the open files; a file, on files of its own scheme.
    const fromScheme = document.uri.scheme === 'untitled' ? undefined : document.uri.scheme;
    const candidates = vscode.workspace.textDocuments
      .filter((d) => d !== document && d.uri.scheme !== 'untitled' && (!fromScheme || d.uri.scheme === fromScheme) && this.exclusion.isContextScheme(d.uri))
      .slice(0, MAX_CANDIDATES);
    const snippets: CompletionSnippet[] = [];
    for (const candidate of candidates) {
      if (signal.aborted) return [];
      const text = candidate.getText();
      const { path, result } = await this.exclusion.check(candidate.uri, { sizeBytes: text.length, sample: text.slice(0, 8192) });
      if (result.excluded) continue;
      const isImported = [...imported].some((stem) => stemOf(path).endsWith(stem));
      snippets.push({ path, text, source: isImported ? 'import' : 'openEditor', languageId: candidate.languageId });
    }
    return snippets.sort((a, b) => (a.source === b.source ? 0 : a.source === 'import' ? -1 : 1));
  }

  private async readInstructions(): Promise<string | undefined> {
    const parts: string[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const name of INSTRUCTION_FILES) {
        const uri = vscode.Uri.joinPath(folder.uri, name);
        try {
          const bytes = await vscode.workspace.fs.readFile(uri);
          if ((await this.exclusion.check(uri, { sizeBytes: bytes.byteLength })).result.excluded) continue;
          parts.push(new TextDecoder().decode(bytes.subarray(0, MAX_INSTRUCTIONS_BYTES)));
        } catch {
          // Most projects have no such file.
        }
      }
    }
    return parts.length > 0 ? parts.join('\n\n') : undefined;
  }

  dispose(): void {
    this.store.dispose();
  }
}
