import * as vscode from 'vscode';
import type { Counter, ItemInput } from '../../core/context/items';
import type { Problem, ProblemSeverity } from '../../core/context/types';
import { PER_MESSAGE_TOKENS, requestTokens } from '../../core/context/promptTokens';
import { modelHistory } from '../../core/chat/conversation';
import { CHAT_SYSTEM_PROMPT } from '../../core/chat/systemPrompt';
import type { StoredMessage } from '../../core/chat/types';
import { modelCard } from '../../core/providers/modelCards';
import type { ModelSlot } from '../../core/providers/types';
import type { ChatContext, ChipsMessage } from '../chat/chatController';
import type { ModelChoice } from '../providers/modelChoice';
import { DisposableStore } from '../disposables';
import { approximateTokenCounts, resolveEndpoint } from '../providers/endpoints';
import type { Log } from '../log';
import type { TandemSettings } from '../settings';
import { assembleContext, selectionLines, type AssembledContext, type ExcludedEntry, type Gathered } from '../../core/context/assemble';
import { ContextFileReader } from './fileReader';
import { expandToFiles, MAX_FOLDER_FILES, pickContextFiles } from './filePicker';
import type { WorkspaceExclusion } from './workspaceExclusion';
import { ContextCounts } from './contextCounts';

const INCLUDE_OPEN_EDITORS_KEY = 'tandem.context.includeOpenEditors';
/** Files added on purpose, kept per workspace so they are still there after a window reload. */
const ADDED_FILES_KEY = 'tandem.context.addedFiles';
const EDITOR_DEBOUNCE_MS = 150;
const TYPING_DEBOUNCE_MS = 500;
/** Open editors beyond this many (nearest first) are not even read. */
const MAX_OPEN_EDITORS = 30;
const MAX_PROBLEMS = 500;
const PROBLEMS_MENTION = /(^|\s)@problems\b/i;

/**
 * An `@name` the composer may mention, answered by another feature (`@terminal`): its text goes with the turn
 * after the files, and its tokens come out of the files' budget.
 */
export interface ContextMention {
  readonly pattern: RegExp;
  /** The context text, already redacted and bounded; undefined when there is nothing to attach. */
  provide(slot: ModelSlot, count: Counter, signal?: AbortSignal): Promise<string | undefined>;
}

const SEVERITY: Record<vscode.DiagnosticSeverity, ProblemSeverity> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/**
 * Decides what goes to the model with each turn and shows it as chips: the selection, the active file, other
 * open editors, files added on purpose and, on `@problems`, workspace diagnostics. Everything passes the
 * exclusion rules before it is read, is redacted, and is planned into the current model's budget.
 */
export class ContextService implements ChatContext, vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly counts: ContextCounts;
  private readonly mentions = new Set<ContextMention>();
  private readonly reader: ContextFileReader;
  private readonly pinned = new Map<string, vscode.Uri>();
  /** Chips removed by the user: left out until the next turn is sent. */
  private readonly hidden = new Set<string>();
  private lastEditor: vscode.TextEditor | undefined;
  private last: AssembledContext | undefined;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private disposed = false;
  private chat: { readonly shown: boolean; readonly history: readonly StoredMessage[] } = { shown: false, history: [] };
  private readonly chips = this.store.add(new vscode.EventEmitter<ChipsMessage>());
  readonly onDidChangeChips = this.chips.event;

  constructor(
    /** The workspace's exclusion rules, shared with every feature that sends files (knowledge, completions, commits). */
    readonly exclusion: WorkspaceExclusion,
    private readonly choice: ModelChoice,
    private readonly settings: () => TandemSettings,
    private readonly memento: vscode.Memento,
    private readonly log: Log,
  ) {
    this.reader = new ContextFileReader(this.exclusion);
    this.counts = this.store.add(new ContextCounts(memento, CHAT_SYSTEM_PROMPT));
    this.trackEditor(vscode.window.activeTextEditor);
    for (const saved of memento.get<string[]>(ADDED_FILES_KEY) ?? []) this.pinned.set(saved, vscode.Uri.parse(saved));
    this.store.add(
      choice.onDidChange(() => {
        this.refreshSoon(0);
        if (this.chat.shown) this.counts.preloadSoon(choice.slot);
      }),
    );

    const soon = () => this.refreshSoon(EDITOR_DEBOUNCE_MS);
    this.store.add(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        this.trackEditor(editor);
        soon();
      }),
    );
    this.store.add(vscode.window.onDidChangeTextEditorSelection((e) => this.exclusion.isContextScheme(e.textEditor.document.uri) && soon()));
    this.store.add(vscode.window.onDidChangeVisibleTextEditors(soon));
    this.store.add(vscode.window.tabGroups.onDidChangeTabs(soon));
    this.store.add(vscode.workspace.onDidCloseTextDocument(soon));
    this.store.add(vscode.workspace.onDidChangeTextDocument((e) => this.exclusion.isContextScheme(e.document.uri) && this.refreshSoon(TYPING_DEBOUNCE_MS)));
    this.store.add(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('tandem') && soon()));
    soon();
  }

  get includeOpenEditors(): boolean {
    return this.memento.get<boolean>(INCLUDE_OPEN_EDITORS_KEY) ?? this.settings().context.includeOpenEditors;
  }

  /**
   * The context block for a turn, planned with the question in the budget; what the chips then show. A Stop
   * (`signal`) ends the gathering between files: undefined, nothing posted.
   */
  async forTurn(question: string, slot: ModelSlot, signal?: AbortSignal): Promise<string | undefined> {
    this.cancelPending();
    const mentioned = await this.mentioned(question, slot, signal);
    const reserved = mentioned.reduce((sum, m) => sum + m.tokens, 0);
    const assembled = await this.assemble(slot, question, PROBLEMS_MENTION.test(question), signal, reserved);
    if (signal?.aborted) return undefined;
    this.post(assembled);
    const { plan } = assembled;
    this.log.info(
      `Context for ${slot}: ${plan.included.length} item(s), ${plan.totalTokens} of ${plan.budget} tokens` +
        (plan.dropped.length ? `, dropped ${plan.dropped.map((d) => d.item.label).join(', ')}` : '') +
        (plan.trimmed.length ? `, trimmed ${plan.trimmed.map((t) => t.item.label).join(', ')}` : '') +
        '.',
    );
    // A removed chip stays out of one turn; files added on purpose stay until removed.
    this.hidden.clear();
    this.refreshSoon(EDITOR_DEBOUNCE_MS);
    const parts = [assembled.rendered, ...mentioned.map((m) => m.text)].filter((p): p is string => p !== undefined && p !== '');
    return parts.length > 0 ? parts.join('\n\n') : undefined;
  }

  /** Lets another feature answer an `@name` in the composer; disposing removes it. */
  registerMention(mention: ContextMention): vscode.Disposable {
    this.mentions.add(mention);
    return new vscode.Disposable(() => this.mentions.delete(mention));
  }

  private async mentioned(question: string, slot: ModelSlot, signal?: AbortSignal): Promise<{ text: string; tokens: number }[]> {
    const found: { text: string; tokens: number }[] = [];
    const count = this.counts.plain(slot);
    for (const mention of this.mentions) {
      if (signal?.aborted || !mention.pattern.test(question)) continue;
      try {
        const text = await mention.provide(slot, count, signal);
        if (text) found.push({ text, tokens: count(text) });
      } catch (error) {
        this.log.warn(`Could not read ${mention.pattern.source}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return found;
  }

  async remove(chipId: string): Promise<void> {
    const target = this.last?.targets.get(chipId);
    if (!target) return;
    const pinned = [...this.pinned].find(([, uri]) => this.exclusion.relativePath(uri) === target.path);
    if (pinned && target.hideKey.startsWith('path:')) {
      this.pinned.delete(pinned[0]);
      await this.savePinned();
    } else this.hidden.add(target.hideKey);
    await this.refreshNow();
  }

  async setIncludeOpenEditors(include: boolean): Promise<void> {
    await this.memento.update(INCLUDE_OPEN_EDITORS_KEY, include);
    await this.refreshNow();
  }

  async pickFile(): Promise<void> {
    const picked = await pickContextFiles(this.exclusion);
    if (picked.length > 0) await this.pin(picked);
  }

  follow(chat: { readonly shown: boolean; readonly history: readonly StoredMessage[] }): void {
    const wasShown = this.chat.shown;
    const changed = chat.history !== this.chat.history;
    this.chat = chat;
    if (changed) this.counts.learnFrom(chat.history);
    // The first time a chat is shown its chips are wanted at once; a new history changes the budget.
    if (!wasShown || changed) this.refreshSoon(wasShown ? EDITOR_DEBOUNCE_MS : 0);
    if (!wasShown && chat.shown) this.counts.preloadSoon(this.choice.slot);
  }

  /** "Add to Tandem Chat": explorer (clicked Uri, selected Uri[]), editor title (Uri), or the palette (no args). */
  async addToChat(uri: unknown, uris: unknown): Promise<void> {
    let targets: vscode.Uri[];
    if (Array.isArray(uris) && uris.length > 0 && uris.every((u) => u instanceof vscode.Uri)) targets = uris as vscode.Uri[];
    else if (uri instanceof vscode.Uri) targets = [uri];
    else {
      const editor = this.currentEditor();
      if (!editor) {
        void vscode.window.showInformationMessage('Open a file, or pick files in the Explorer, to add them to Tandem Chat.');
        return;
      }
      targets = [editor.document.uri];
    }
    const { files, capped } = await expandToFiles(targets, this.exclusion);
    await this.pin(files);
    await vscode.commands.executeCommand('tandem.openChat');
    if (capped > 0) void vscode.window.showInformationMessage(`Added the first ${MAX_FOLDER_FILES} files to Tandem Chat; ${capped} more were left out.`);
  }

  private async pin(uris: readonly vscode.Uri[]): Promise<void> {
    for (const uri of uris) {
      this.pinned.set(uri.toString(), uri);
      this.hidden.delete(`path:${this.exclusion.relativePath(uri)}`);
    }
    await this.savePinned();
    await this.refreshNow();
  }

  private async savePinned(): Promise<void> {
    await this.memento.update(ADDED_FILES_KEY, [...this.pinned.keys()]);
  }

  private trackEditor(editor: vscode.TextEditor | undefined): void {
    if (editor && this.exclusion.isContextScheme(editor.document.uri)) this.lastEditor = editor;
  }

  /**
   * The editor the user works in. Focus in the chat (or the Output panel) must not lose it, so the last text
   * editor counts while its document is open.
   */
  private currentEditor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active && this.exclusion.isContextScheme(active.document.uri)) return active;
    return this.lastEditor && !this.lastEditor.document.isClosed ? this.lastEditor : undefined;
  }

  private cancelPending(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Plans the chips again after `delayMs`; not before a chat has loaded (the extension activates at startup, and
   * reading open editors and counting their tokens is for a chat to show). */
  private refreshSoon(delayMs: number): void {
    if (this.disposed || !this.chat.shown) return;
    this.cancelPending();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refreshNow();
    }, delayMs);
  }

  private async refreshNow(): Promise<void> {
    this.cancelPending();
    const generation = ++this.generation;
    try {
      const assembled = await this.assemble(this.choice.slot, '', false);
      // A newer refresh started meanwhile: its chips are the current ones.
      if (generation === this.generation && !this.disposed) this.post(assembled);
    } catch (error) {
      this.log.warn(`Could not update the context chips: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private post(assembled: AssembledContext): void {
    this.last = assembled;
    const approximate = approximateTokenCounts(resolveEndpoint(this.choice.slot, this.settings()));
    this.chips.fire({ type: 'context', chips: assembled.chips, includeOpenEditors: this.includeOpenEditors, approximate });
  }

  private async assemble(slot: ModelSlot, question: string, withProblems: boolean, signal?: AbortSignal, reserved = 0): Promise<AssembledContext> {
    const { family } = modelCard(slot).tokens;
    const gathered = await this.gather(withProblems, signal);
    const count = this.counts.forChat(slot, this.chat.history);
    return assembleContext(gathered, {
      family,
      budget: Math.max(0, this.budget(slot, question, count) - reserved),
      hidden: this.hidden,
      count,
    });
  }

  /** The context window less the reserved output, the conversation with this question, and the system prompt. */
  private budget(slot: ModelSlot, question: string, count: Counter): number {
    const s = this.settings();
    const model = s[slot];
    const asked = count(question) + PER_MESSAGE_TOKENS;
    const request = requestTokens(modelHistory(this.chat.history), CHAT_SYSTEM_PROMPT, count, modelCard(slot).tokens.estimated);
    return Math.max(0, Math.floor(model.contextWindow - model.maxOutputTokens - asked - request));
  }

  private async gather(withProblems: boolean, signal?: AbortSignal): Promise<Gathered> {
    const inputs: ItemInput[] = [];
    const excluded: ExcludedEntry[] = [];
    const seen = new Set<string>();
    const editor = this.currentEditor();
    if (editor) {
      const uri = editor.document.uri;
      seen.add(uri.toString());
      const read = await this.reader.read(uri);
      if (read.ok) inputs.push(...this.editorInputs(editor, read.file));
      else if (read.excluded) excluded.push(read.excluded);
    }
    let order = 1;
    const add = async (uri: vscode.Uri, kind: 'file' | 'openEditor'): Promise<void> => {
      if (signal?.aborted || seen.has(uri.toString())) return;
      seen.add(uri.toString());
      const read = await this.reader.read(uri);
      if (read.ok) inputs.push({ kind, path: read.file.path, languageId: read.file.languageId, text: read.file.text, versionKey: read.file.versionKey, order: order++ });
      else if (read.excluded) excluded.push(read.excluded);
      else if (kind === 'file' && this.pinned.delete(uri.toString())) await this.savePinned(); // deleted since it was added
    };
    for (const uri of this.pinned.values()) await add(uri, 'file');
    if (this.includeOpenEditors) for (const uri of this.openEditorUris(editor)) await add(uri, 'openEditor');
    const problems = withProblems && !signal?.aborted ? await this.problems() : undefined;
    return { inputs, excluded, problems };
  }

  private editorInputs(editor: vscode.TextEditor, file: { path: string; languageId: string; text: string; versionKey: string }): ItemInput[] {
    const { selection, document } = editor;
    const lines = selectionLines(selection.start.line, selection.end.line, selection.end.character);
    const active: ItemInput = {
      kind: 'activeFile',
      path: file.path,
      languageId: file.languageId,
      text: file.text,
      focus: selection.isEmpty ? { start: selection.active.line + 1, end: selection.active.line + 1 } : lines,
      versionKey: file.versionKey,
      order: 0,
    };
    if (selection.isEmpty) return [active];
    const last = document.lineAt(lines.end - 1);
    const text = document.getText(new vscode.Range(lines.start - 1, 0, lines.end - 1, last.text.length));
    const picked: ItemInput = {
      kind: 'selection',
      path: file.path,
      languageId: file.languageId,
      text,
      range: lines,
      focus: lines,
      versionKey: `${file.versionKey}:${lines.start}-${lines.end}`,
      order: 0,
    };
    return [picked, active];
  }

  /** Visible editors first, then tabs nearest the active one in its group, then the other groups. */
  private openEditorUris(active: vscode.TextEditor | undefined): vscode.Uri[] {
    const result: vscode.Uri[] = [];
    const push = (uri: vscode.Uri) => {
      if (this.exclusion.isContextScheme(uri) && !result.some((u) => u.toString() === uri.toString())) result.push(uri);
    };
    for (const editor of vscode.window.visibleTextEditors) if (editor !== active) push(editor.document.uri);
    const groups = [...vscode.window.tabGroups.all].sort((a, b) => Number(b.isActive) - Number(a.isActive));
    for (const group of groups) {
      const activeIndex = group.activeTab ? group.tabs.indexOf(group.activeTab) : 0;
      const tabs = group.tabs
        .map((tab, index) => ({ tab, distance: Math.abs(index - activeIndex) }))
        .sort((a, b) => a.distance - b.distance);
      for (const { tab } of tabs) if (tab.input instanceof vscode.TabInputText) push(tab.input.uri);
    }
    const activeKey = active?.document.uri.toString();
    return result.filter((u) => u.toString() !== activeKey).slice(0, MAX_OPEN_EDITORS);
  }

  private async problems(): Promise<Problem[]> {
    const problems: Problem[] = [];
    for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
      if (diagnostics.length === 0 || !vscode.workspace.getWorkspaceFolder(uri)) continue;
      // Problems of a secret or ignored file would leak its lines through their messages.
      const checked = await this.exclusion.check(uri);
      if (checked.result.excluded) continue;
      for (const d of diagnostics) {
        problems.push({ path: checked.path, line: d.range.start.line + 1, severity: SEVERITY[d.severity], message: d.message });
        if (problems.length >= MAX_PROBLEMS) return problems;
      }
    }
    return problems;
  }

  dispose(): void {
    this.disposed = true;
    this.cancelPending();
    this.store.dispose();
  }
}
