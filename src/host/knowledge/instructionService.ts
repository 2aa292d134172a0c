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
import { DisposableBase } from '../disposables';
import type { Log } from '../log';
import type { TandemSettings } from '../settings';
import type { KnowledgeFiles } from './knowledgeFiles';
import { readKnowledgeSettings } from './knowledgeSettings';
import { WatchedLoad } from './watchedLoad';


export interface InstructionTarget {
  /** Workspace path of the file the request is about. */
  readonly activeFile?: string;
  readonly contextFiles?: readonly string[];
  readonly slot: ModelSlot;
}

export class InstructionService extends DisposableBase {
  private readonly counters: Record<ModelSlot, TokenCounter> = { gemini: new TokenCounter('gemini'), gpt: new TokenCounter('gpt') };
  private readonly loaded: WatchedLoad<LoadedInstructions>;
  private readonly changed = this.own(new vscode.EventEmitter<void>());
  /** Fires after instruction files, trust or the settings changed: chips should be planned again. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly files: KnowledgeFiles,
    private readonly settings: () => TandemSettings,
    private readonly log: Log,
  ) {
    super();
    // One watcher for every Markdown file; only paths that are instruction files reload.
    this.loaded = this.own(
      new WatchedLoad<LoadedInstructions>(
        {
          glob: '**/*.md',
          matters: (uri) => {
            const path = this.files.pathOf(uri);
            return path !== undefined && classifyInstructionPath(path, this.files.roots) !== undefined;
          },
          read: () => this.read(),
          empty: () => ({ files: [], skipped: [] }),
          what: 'the instruction files',
        },
        log,
      ),
    );
    this.ownAll(
      this.loaded.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.loaded.reloadSoon()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        // Exclusion rules decide which files may count; sources are applied at selection.
        if (e.affectsConfiguration('tandem.context')) this.loaded.reloadSoon();
        else if (e.affectsConfiguration('tandem.instructions')) this.changed.fire();
      }),
    );
  }

  /** What applies to a request, within 5% of the model's window (at most 16K tokens). */
  async select(target: InstructionTarget): Promise<InstructionSelection> {
    const loaded = await this.loaded.get();
    const s = this.settings();
    const window = s[target.slot].contextWindow;
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
}
