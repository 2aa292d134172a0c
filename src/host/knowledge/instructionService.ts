// The project's instruction files in VS Code: found and read once (core/knowledge), read again when one changes
// (a debounced watcher), never in Restricted Mode, and selected per request for the file the user works on.
import * as vscode from 'vscode';
import { TokenCounter } from '../../core/context/tokens';
import {
  classifyInstructionPath,
  defaultInstructionBudget,
  findInstructionFiles,
  INSTRUCTION_FILE_GLOBS,
  loadInstructionFiles,
  selectInstructions,
  withInstructions,
  type InstructionSelection,
  type LoadedInstructions,
} from '../../core/knowledge';
import type { ModelSlot } from '../../core/providers/types';
import { DisposableStore } from '../disposables';
import type { Log } from '../log';
import type { TandemSettings } from '../settings';
import type { KnowledgeFiles } from './knowledgeFiles';
import { readKnowledgeSettings } from './knowledgeSettings';

const RELOAD_DEBOUNCE_MS = 300;

export interface InstructionTarget {
  /** Workspace path of the file the request is about. */
  readonly activeFile?: string;
  readonly contextFiles?: readonly string[];
  readonly slot: ModelSlot;
}

export class InstructionService implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly counters: Record<ModelSlot, TokenCounter> = { gemini: new TokenCounter('gemini'), gpt: new TokenCounter('gpt') };
  private loaded: Promise<LoadedInstructions> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after instruction files, trust or the settings changed: chips should be planned again. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly files: KnowledgeFiles,
    private readonly settings: () => TandemSettings,
    private readonly log: Log,
  ) {
    this.store.add(this.changed);
    // One watcher for every Markdown file; only paths that are instruction files reload.
    const watcher = this.store.add(vscode.workspace.createFileSystemWatcher('**/*.md'));
    const onFile = (uri: vscode.Uri) => {
      const path = this.files.pathOf(uri);
      if (path !== undefined && classifyInstructionPath(path, this.files.roots)) this.reloadSoon();
    };
    this.store.add(watcher.onDidCreate(onFile));
    this.store.add(watcher.onDidChange(onFile));
    this.store.add(watcher.onDidDelete(onFile));
    this.store.add(vscode.workspace.onDidGrantWorkspaceTrust(() => this.reloadSoon()));
    this.store.add(vscode.workspace.onDidChangeWorkspaceFolders(() => this.reloadSoon()));
    this.store.add(
      vscode.workspace.onDidChangeConfiguration((e) => {
        // Exclusion rules decide which files may count; sources are applied at selection.
        if (e.affectsConfiguration('tandem.context')) this.reloadSoon();
        else if (e.affectsConfiguration('tandem.instructions')) this.changed.fire();
      }),
    );
  }

  /** What applies to a request, within 5% of the model's window (at most 16K tokens). */
  async select(target: InstructionTarget): Promise<InstructionSelection> {
    const loaded = await this.load();
    const s = this.settings();
    const window = target.slot === 'gpt' ? s.gpt.contextWindow : s.gemini.contextWindow;
    const counter = this.counters[target.slot];
    return selectInstructions(loaded, {
      ...(target.activeFile !== undefined ? { activeFile: target.activeFile } : {}),
      contextFiles: target.contextFiles ?? [],
      roots: this.files.roots,
      sources: readKnowledgeSettings().sources,
      count: (text) => counter.count(text),
      maxTokens: defaultInstructionBudget(window),
    });
  }

  /** `base` with the applied instructions after it. */
  async systemPrompt(base: string, target: InstructionTarget): Promise<{ readonly system: string; readonly selection: InstructionSelection }> {
    const selection = await this.select(target);
    return { system: withInstructions(base, selection.applied), selection };
  }

  private load(): Promise<LoadedInstructions> {
    this.loaded ??= this.read().catch((error: unknown) => {
      this.log.warn(`Could not read the instruction files: ${error instanceof Error ? error.message : String(error)}`);
      this.loaded = undefined;
      return { files: [], skipped: [] };
    });
    return this.loaded;
  }

  private async read(): Promise<LoadedInstructions> {
    const roots = this.files.roots;
    const refs = findInstructionFiles(await this.files.list(INSTRUCTION_FILE_GLOBS), roots);
    const trusted = this.files.trusted;
    const loaded = await loadInstructionFiles(refs, this.files.read, { trusted, exclude: trusted ? await this.files.excludeCheck() : undefined });
    if (loaded.files.length || loaded.skipped.length) {
      this.log.info(`Instruction files: ${loaded.files.map((f) => f.path).join(', ') || 'none'}${loaded.skipped.length ? `; not used: ${loaded.skipped.map((s) => `${s.path} (${s.reason})`).join(', ')}` : ''}.`);
    }
    return loaded;
  }

  private reloadSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.loaded = undefined;
      this.changed.fire();
    }, RELOAD_DEBOUNCE_MS);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.store.dispose();
  }
}
