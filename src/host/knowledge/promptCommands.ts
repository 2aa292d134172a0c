// Prompt files as slash commands: found and read once (again when one changes), merged with the built-ins, and
// expanded when the user sends `/name args`. Placeholders are filled from the editor; `${input:name}` values come
// from the arguments (`name=value`) or an input box; anything unknown or missing is an error before sending.
import * as vscode from 'vscode';
import { buildSlashCommands, findSlashCommand, inputsFromArguments, parseSlashInvocation, type BuiltinAction, type SlashCommandSet } from '../../core/knowledge/slashCommands';
import { expandPromptFile, loadPromptFiles, PROMPT_FILE_GLOBS, promptFolderRank, type PromptFile, type PromptValues } from '../../core/knowledge';
import type { SlashCommandView } from '../../shared/protocol';
import { DisposableStore } from '../disposables';
import type { Log } from '../log';
import type { KnowledgeFiles } from './knowledgeFiles';
import { readKnowledgeSettings } from './knowledgeSettings';

const RELOAD_DEBOUNCE_MS = 300;

/** The editor commands the built-ins run. */
const BUILTIN_COMMAND: Readonly<Record<BuiltinAction, string>> = { explain: 'tandem.explain', fix: 'tandem.fix', tests: 'tandem.writeTests', docs: 'tandem.addDocs' };

export type PreparedPrompt =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'ranBuiltin' }
  | { readonly kind: 'notACommand' };

export class PromptCommands implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private loaded: Promise<SlashCommandSet> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly files: KnowledgeFiles,
    private readonly editorValues: () => PromptValues,
    private readonly log: Log,
  ) {
    this.store.add(this.changed);
    const watcher = this.store.add(vscode.workspace.createFileSystemWatcher('**/*.prompt.md'));
    const onFile = (uri: vscode.Uri) => {
      const path = this.files.pathOf(uri);
      if (path !== undefined && promptFolderRank(path, this.files.roots) !== undefined) this.reloadSoon();
    };
    this.store.add(watcher.onDidCreate(onFile));
    this.store.add(watcher.onDidChange(onFile));
    this.store.add(watcher.onDidDelete(onFile));
    this.store.add(vscode.workspace.onDidGrantWorkspaceTrust(() => this.reloadSoon()));
    this.store.add(vscode.workspace.onDidChangeConfiguration((e) => (e.affectsConfiguration('tandem.promptFiles') || e.affectsConfiguration('tandem.context')) && this.reloadSoon()));
  }

  async views(): Promise<SlashCommandView[]> {
    const { commands } = await this.load();
    return commands.map((c) => ({ name: c.name, description: c.description, source: c.source }));
  }

  /** What a typed message sends: a prompt file's expanded body (and the words after the command), or an error. */
  async prepare(message: string): Promise<PreparedPrompt> {
    const invocation = parseSlashInvocation(message);
    if (!invocation) return { kind: 'notACommand' };
    const command = findSlashCommand((await this.load()).commands, invocation.name);
    if (!command) return { kind: 'notACommand' };
    if (command.source === 'builtin') {
      await vscode.commands.executeCommand(BUILTIN_COMMAND[command.action]);
      return { kind: 'ranBuiltin' };
    }
    return this.expand(command.prompt, invocation.args);
  }

  private async expand(prompt: PromptFile, args: string): Promise<PreparedPrompt> {
    const given = inputsFromArguments(prompt.inputs, args);
    const inputs: Record<string, string> = { ...given.values };
    for (const input of prompt.inputs) {
      if (inputs[input.name] !== undefined) continue;
      const value = await vscode.window.showInputBox({ title: `/${prompt.name}`, prompt: `Value for “${input.name}”`, placeHolder: input.hint, ignoreFocusOut: true });
      if (value === undefined) return { kind: 'cancelled' };
      inputs[input.name] = value;
    }
    const expanded = expandPromptFile(prompt, { ...this.editorValues(), inputs });
    if (!expanded.ok) {
      const lines = expanded.errors.map((e) => `${prompt.path}:${e.line}:${e.column}: ${e.message}`);
      return { kind: 'error', message: `/${prompt.name} was not sent. ${lines.join(' ')}` };
    }
    return { kind: 'text', text: given.rest ? `${expanded.text}\n\n${given.rest}` : expanded.text };
  }

  private load(): Promise<SlashCommandSet> {
    this.loaded ??= this.read().catch((error: unknown) => {
      this.log.warn(`Could not read the prompt files: ${error instanceof Error ? error.message : String(error)}`);
      this.loaded = undefined;
      return buildSlashCommands([]);
    });
    return this.loaded;
  }

  private async read(): Promise<SlashCommandSet> {
    if (!readKnowledgeSettings().promptFiles) return buildSlashCommands([]);
    const trusted = this.files.trusted;
    const paths = await this.files.list(PROMPT_FILE_GLOBS);
    const { prompts, skipped } = await loadPromptFiles(paths, this.files.read, { trusted, roots: this.files.roots, exclude: trusted ? await this.files.excludeCheck() : undefined });
    const set = buildSlashCommands(prompts);
    for (const note of [...skipped.map((s) => s.message), ...set.notices.map((n) => n.message), ...prompts.flatMap((p) => p.warnings.map((w) => `${p.path}: ${w}`))]) this.log.info(note);
    return set;
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
