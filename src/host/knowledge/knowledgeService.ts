// The project's knowledge as the chat and the edit commands use it: instruction files in every system prompt (and
// the rules chip that shows them), prompt files as slash commands, and @folder context. The chat reaches it through
// the ChatKnowledge hooks; the edit commands through editSystemPrompt.
import * as vscode from 'vscode';
import { buildRulesChip, type InstructionSelection, type PromptValues } from '../../core/knowledge';
import { parseFolderMention } from '../../core/knowledge/folderMention';
import { parseSlashInvocation } from '../../core/knowledge/slashCommands';
import type { ModelSlot } from '../../core/providers/types';
import type { KnowledgeWebviewMessage } from '../../shared/protocol';
import type { WorkspaceExclusion } from '../context/workspaceExclusion';
import { DisposableStore } from '../disposables';
import type { Log } from '../log';
import type { TandemSettings } from '../settings';
import type { ChatKnowledge, KnowledgeChat } from './chatKnowledge';
import { describeFolderSend, FolderContext } from './folderContext';
import { InstructionService } from './instructionService';
import { KnowledgeFiles } from './knowledgeFiles';
import { PromptCommands } from './promptCommands';

const RULES_OFF_KEY = 'tandem.rules.offInChats';
const CHIP_DEBOUNCE_MS = 200;

export class KnowledgeService implements ChatKnowledge, vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly files: KnowledgeFiles;
  readonly instructions: InstructionService;
  readonly prompts: PromptCommands;
  private readonly folders: FolderContext;
  private chat: KnowledgeChat | undefined;
  /** The @folder block prepared for the message about to be sent. */
  private pendingFolder: { readonly text: string; readonly block: string } | undefined;
  /** Paths the rules chip listed: the only files openInstructionFile opens. */
  private listed = new Set<string>();
  private lastEditor: vscode.TextEditor | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    exclusion: WorkspaceExclusion,
    settings: () => TandemSettings,
    private readonly memento: vscode.Memento,
    private readonly log: Log,
  ) {
    this.files = new KnowledgeFiles(exclusion);
    this.instructions = this.store.add(new InstructionService(this.files, settings, log));
    this.prompts = this.store.add(new PromptCommands(this.files, () => this.editorValues(), log));
    this.folders = new FolderContext(this.files, () => this.requireChat(), settings, log);
    this.lastEditor = vscode.window.activeTextEditor;
    this.store.add(this.instructions.onDidChange(() => this.refreshChipSoon()));
    this.store.add(this.prompts.onDidChange(() => void this.postSlashCommands()));
    this.store.add(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && this.files.pathOf(editor.document.uri) !== undefined) this.lastEditor = editor;
        this.refreshChipSoon();
      }),
    );
  }

  /** The chat exists after this service (it takes these hooks): connected once both are built. */
  connect(chat: KnowledgeChat): void {
    this.chat = chat;
    void this.postSlashCommands();
    this.refreshChipSoon();
  }

  private requireChat(): KnowledgeChat {
    if (!this.chat) throw new Error('The knowledge service is not connected to the chat yet.');
    return this.chat;
  }

  // ------------------------------------------------------------------------------------------- ChatKnowledge
  async systemPrompt(base: string, slot: ModelSlot): Promise<string> {
    const { system, selection } = await this.instructions.systemPrompt(base, { ...this.editorFiles(), slot });
    this.postChip(selection);
    return this.rulesOn ? system : base;
  }

  needsPreparation(typed: string): boolean {
    return parseSlashInvocation(typed) !== undefined || parseFolderMention(typed) !== undefined;
  }

  async prepareMessage(typed: string): Promise<string | undefined> {
    const prepared = await this.prompts.prepare(typed);
    if (prepared.kind === 'ranBuiltin' || prepared.kind === 'cancelled') return undefined;
    if (prepared.kind === 'error') return this.notSent(typed, 'error', prepared.message);
    const text = prepared.kind === 'text' ? prepared.text : typed;
    const folder = await this.folders.prepare(text, this.requireChat().model);
    if (folder.kind === 'declined' || folder.kind === 'empty') return this.notSent(typed, folder.kind === 'empty' ? 'error' : 'info', folder.message);
    this.pendingFolder = folder.kind === 'packed' ? { text, block: folder.block } : undefined;
    if (folder.kind === 'packed') this.chat?.postKnowledge({ type: 'notice', level: 'info', text: describeFolderSend(folder) });
    return text;
  }

  async handle(message: KnowledgeWebviewMessage): Promise<void> {
    if (message.type === 'setRulesEnabled') return this.setRulesEnabled(message.enabled);
    if (!this.listed.has(message.path)) return this.log.warn(`Refused to open ${message.path.slice(0, 200)}: the rules chip did not list it.`);
    const uri = this.files.uriOf(message.path);
    if (uri) await vscode.window.showTextDocument(uri, { preview: true });
  }

  // ------------------------------------------------------------------------------------------- for the others
  /** The editor's context block with the @folder files the message asked for after it. */
  withFolderContext(question: string, editorContext: string | undefined): string | undefined {
    const pending = this.pendingFolder;
    this.pendingFolder = undefined;
    if (!pending || pending.text !== question) return editorContext;
    return editorContext ? `${editorContext}\n\n${pending.block}` : pending.block;
  }

  /** An edit command's system prompt, with the instructions that apply to the file it edits. */
  async editSystemPrompt(base: string, slot: ModelSlot, path: string | undefined): Promise<string> {
    const { system } = await this.instructions.systemPrompt(base, { ...(path !== undefined ? { activeFile: path } : {}), slot });
    return system;
  }

  private get rulesOn(): boolean {
    const chatId = this.chat?.current.id;
    return chatId === undefined || !(this.memento.get<string[]>(RULES_OFF_KEY) ?? []).includes(chatId);
  }

  private async setRulesEnabled(enabled: boolean): Promise<void> {
    const chatId = this.requireChat().current.id;
    const off = new Set(this.memento.get<string[]>(RULES_OFF_KEY) ?? []);
    if (enabled) off.delete(chatId);
    else off.add(chatId);
    // Newest last; a long-lived workspace keeps a bounded list.
    await this.memento.update(RULES_OFF_KEY, [...off].slice(-200));
    await this.refreshChip();
  }

  private editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active && this.files.pathOf(active.document.uri) !== undefined) return active;
    return this.lastEditor && !this.lastEditor.document.isClosed ? this.lastEditor : undefined;
  }

  private editorFiles(): { activeFile?: string; contextFiles: string[] } {
    const active = this.editor();
    const activeFile = active ? this.files.pathOf(active.document.uri) : undefined;
    const visible = vscode.window.visibleTextEditors.map((e) => this.files.pathOf(e.document.uri)).filter((p): p is string => p !== undefined);
    return { ...(activeFile !== undefined ? { activeFile } : {}), contextFiles: visible };
  }

  private editorValues(): PromptValues {
    const editor = this.editor();
    const file = editor ? this.files.pathOf(editor.document.uri) : undefined;
    const folder = editor ? vscode.workspace.getWorkspaceFolder(editor.document.uri) : vscode.workspace.workspaceFolders?.[0];
    const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : undefined;
    return { ...(file !== undefined ? { file } : {}), ...(selection !== undefined ? { selection } : {}), ...(folder ? { workspaceFolder: folder.uri.fsPath } : {}) };
  }

  private refreshChipSoon(): void {
    if (!this.chat) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refreshChip();
    }, CHIP_DEBOUNCE_MS);
  }

  private async refreshChip(): Promise<void> {
    const chat = this.chat;
    if (!chat) return;
    try {
      this.postChip(await this.instructions.select({ ...this.editorFiles(), slot: chat.model }));
    } catch (error) {
      this.log.warn(`Could not update the rules chip: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private postChip(selection: InstructionSelection): void {
    const chip = buildRulesChip(selection, { enabled: this.rulesOn });
    this.listed = new Set(chip?.files.map((f) => f.path) ?? []);
    this.chat?.postKnowledge(chip ? { type: 'rules', chip } : { type: 'rules' });
  }

  private async postSlashCommands(): Promise<void> {
    this.chat?.postKnowledge({ type: 'slashCommands', commands: await this.prompts.views() });
  }

  /** Says why a message was not sent, and gives it back to the composer: nothing the user typed is lost. */
  private notSent(typed: string, level: 'info' | 'error', text: string): undefined {
    this.chat?.postKnowledge({ type: 'notice', level, text });
    this.chat?.postKnowledge({ type: 'prefill', text: typed, send: false });
    return undefined;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.store.dispose();
  }
}
