// Prompt files as slash commands: found and read once (again when one changes), merged with the built-ins, and
// expanded when the user sends `/name args`. Placeholders are filled from the editor; `${input:name}` values come
// from the arguments (`name=value`) or an input box; anything unknown or missing is an error before sending.
import * as vscode from 'vscode';
import { buildSlashCommands, findSlashCommand, inputsFromArguments, parseSlashInvocation, type BuiltinAction, type SlashCommandSet } from '../../core/knowledge/slashCommands';
import { expandPromptFile, loadPromptFiles, PROMPT_FILE_GLOBS, promptFolderRank, type PromptFile, type PromptValues } from '../../core/knowledge';
import type { SlashCommandView } from '../../shared/protocol';
import { DisposableBase } from '../disposables';
import type { Log } from '../log';
import type { KnowledgeFiles } from './knowledgeFiles';
import { readKnowledgeSettings } from './knowledgeSettings';
import { WatchedLoad } from './watchedLoad';


/** The editor commands the built-ins run. */
const BUILTIN_COMMAND: Readonly<Record<BuiltinAction, string>> = { explain: 'tandem.explain', fix: 'tandem.fix', tests: 'tandem.writeTests', docs: 'tandem.addDocs' };

export type PreparedPrompt =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'ranBuiltin' }
  | { readonly kind: 'notACommand' };

export class PromptCommands extends DisposableBase {
  private readonly loaded: WatchedLoad<SlashCommandSet>;
  readonly onDidChange: vscode.Event<void>;

  constructor(
    private readonly files: KnowledgeFiles,
    private readonly editorValues: () => PromptValues,
    private readonly log: Log,
  ) {
    super();
    this.loaded = this.own(
      new WatchedLoad<SlashCommandSet>(
        {
          glob: '**/*.prompt.md',
          matters: (uri) => {
            const path = this.files.pathOf(uri);
            return path !== undefined && promptFolderRank(path, this.files.roots) !== undefined;
          },
          read: () => this.read(),
          empty: () => buildSlashCommands([]),
          what: 'the prompt files',
        },
        log,
      ),
    );
    this.onDidChange = this.loaded.onDidChange;
    this.own(vscode.workspace.onDidChangeConfiguration((e) => (e.affectsConfiguration('tandem.promptFiles') || e.affectsConfiguration('tandem.context')) && this.loaded.reloadSoon()));
  }

  async views(): Promise<SlashCommandView[]> {
    const { commands } = await this.loaded.get();
    return commands.map((c) => ({ name: c.name, description: c.description, source: c.source }));
  }

  /** What a typed message sends: a prompt file's expanded body (and the words after the command), or an error. */
  async prepare(message: string): Promise<PreparedPrompt> {
    const invocation = parseSlashInvocation(message);
    if (!invocation) return { kind: 'notACommand' };
    const command = findSlashCommand((await this.loaded.get()).commands, invocation.name);
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

  private async read(): Promise<SlashCommandSet> {
    if (!readKnowledgeSettings().promptFiles) return buildSlashCommands([]);
    const trusted = this.files.trusted;
    const paths = await this.files.list(PROMPT_FILE_GLOBS);
    const { prompts, skipped } = await loadPromptFiles(paths, this.files.read, { trusted, roots: this.files.roots, exclude: trusted ? await this.files.excludeCheck() : undefined });
    const set = buildSlashCommands(prompts);
    for (const note of [...skipped.map((s) => s.message), ...set.notices.map((n) => n.message), ...prompts.flatMap((p) => p.warnings.map((w) => `${p.path}: ${w}`))]) this.log.info(note);
    return set;
  }
}
