// Editor commands: Explain / Ask stream into the chat; Fix, Refactor, Add Docs, Optimize, Edit with Instruction
// and Fix-a-diagnostic ask the model for an edit and show it as an inline diff; Write Tests proposes a test file.
import * as vscode from 'vscode';
import { EDIT_SYSTEM_PROMPT, buildChatPrompt, buildEditPrompt, buildTestsPrompt, testFileFor, type CodeTarget, type EditCommand } from '../../core/edits/prompts';
import { parseAnswer } from '../../core/edits/answer';
import { editFromCommandAnswer } from '../../core/edits/answerEdits';
import type { ModelSlot, ProviderErrorInfo } from '../../core/providers/types';
import type { ChatController } from '../chat/chatController';
import type { ChatViews } from '../chat/chatViews';
import { indentOf, reportLeftOut, shortName, wholeLines } from './applyCodeBlock';
import { mayEdit } from './inlineDiff/editGuard';
import type { SuggestionController } from './inlineDiff/suggestionController';
import type { Log } from '../log';
import type { ModelChoice } from '../providers/modelChoice';
import type { ModelService } from '../providers/modelService';
import { showErrorWithActions } from '../providers/errorButtons';

const LABELS: Record<EditCommand, string> = { fix: 'Fix', refactor: 'Refactor', docs: 'Add Docs', optimize: 'Optimize', instruction: 'Edit', tests: 'Write Tests' };

export class EditorCommands {
  constructor(
    private readonly models: ModelService,
    private readonly choice: ModelChoice,
    private readonly chat: ChatController,
    private readonly views: ChatViews,
    private readonly suggestions: SuggestionController,
    private readonly log: Log,
    /** The system prompt with the project's instructions for the edited file (host/knowledge). */
    private readonly systemPrompt: (base: string, slot: ModelSlot, path: string | undefined) => Promise<string> = async (base) => base,
  ) {}

  register(): vscode.Disposable[] {
    const edit = (command: EditCommand) => () => this.runEdit(command);
    return [
      vscode.commands.registerCommand('tandem.explain', () => this.toChat('explain')),
      vscode.commands.registerCommand('tandem.askAboutSelection', () => this.toChat('ask')),
      vscode.commands.registerCommand('tandem.fix', edit('fix')),
      vscode.commands.registerCommand('tandem.refactor', () => this.runEdit('refactor', { askInstruction: 'How should Tandem refactor this? (optional)', optional: true })),
      vscode.commands.registerCommand('tandem.addDocs', edit('docs')),
      vscode.commands.registerCommand('tandem.optimize', edit('optimize')),
      vscode.commands.registerCommand('tandem.writeTests', () => this.writeTests()),
      vscode.commands.registerCommand('tandem.editWithInstruction', (uri?: vscode.Uri, range?: vscode.Range) =>
        this.runEdit('instruction', { askInstruction: 'How should Tandem change this code?', uri, range }),
      ),
      vscode.commands.registerCommand('tandem.fixDiagnostic', (uri?: vscode.Uri, range?: vscode.Range, message?: string) => this.fixDiagnostic(uri, range, message)),
      vscode.commands.registerCommand('tandem.explainDiagnostic', (uri?: vscode.Uri, range?: vscode.Range, message?: string) => this.explainDiagnostic(uri, range, message)),
    ];
  }

  private async toChat(kind: 'explain' | 'ask', asked?: string): Promise<void> {
    const target = this.target();
    if (!target) return;
    let question = asked;
    if (kind === 'ask' && question === undefined) {
      question = await vscode.window.showInputBox({ title: 'Tandem: Ask About Selection', prompt: 'What do you want to know about the selected code?', ignoreFocusOut: true });
      if (!question?.trim()) return;
    }
    const { text, context } = buildChatPrompt(kind, target.code, question);
    this.log.info(`${kind}: ${target.code.path}, selection ${target.code.selection ? `${target.code.selection.startLine + 1}-${target.code.selection.endLine + 1}` : 'none'}.`);
    await this.views.reveal();
    await this.chat.send(text, [], context);
  }

  /** Selects the problem's lines with a little context around them; returns the problems found there. */
  private async selectProblem(uri?: vscode.Uri, range?: vscode.Range, message?: string): Promise<{ line: number; message: string; source?: string }[] | undefined> {
    const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document) return undefined;
    const editor = await vscode.window.showTextDocument(document);
    const at = range ?? editor.selection;
    const diagnostics = vscode.languages.getDiagnostics(document.uri).filter((d) => d.range.intersection(at) !== undefined || (message !== undefined && d.message === message));
    const start = Math.max(0, at.start.line - 3);
    const end = Math.min(document.lineCount - 1, at.end.line + 3);
    editor.selection = new vscode.Selection(start, 0, end, document.lineAt(end).text.length);
    return (diagnostics.length ? diagnostics : [{ range: at, message: message ?? 'Problem reported here', source: undefined }]).map((d) => ({ line: d.range.start.line, message: d.message, source: d.source }));
  }

  private async fixDiagnostic(uri?: vscode.Uri, range?: vscode.Range, message?: string): Promise<void> {
    const diagnostics = await this.selectProblem(uri, range, message);
    if (diagnostics) await this.runEdit('fix', { diagnostics });
  }

  /** Explains the problem in the chat, with its lines as the selection: no edit, so it works in Restricted Mode too. */
  private async explainDiagnostic(uri?: vscode.Uri, range?: vscode.Range, message?: string): Promise<void> {
    const diagnostics = await this.selectProblem(uri, range, message);
    if (!diagnostics) return;
    const list = diagnostics.map((d) => `- line ${d.line + 1}: ${d.message}${d.source ? ` (${d.source})` : ''}`).join('\n');
    await this.toChat('ask', `Explain ${diagnostics.length === 1 ? 'this problem' : 'these problems'} and what causes ${diagnostics.length === 1 ? 'it' : 'them'}:\n${list}`);
  }

  private async runEdit(
    command: EditCommand,
    options: { askInstruction?: string; optional?: boolean; uri?: vscode.Uri; range?: vscode.Range; diagnostics?: { line: number; message: string; source?: string }[] } = {},
  ): Promise<void> {
    if (options.uri && options.range) {
      const editor = await vscode.window.showTextDocument(options.uri);
      editor.selection = new vscode.Selection(options.range.start, options.range.end);
    }
    const target = this.target();
    if (!target) return;
    if (!(await mayEdit(target.document.uri))) return;
    let instruction: string | undefined;
    if (options.askInstruction) {
      instruction = await vscode.window.showInputBox({ title: `Tandem: ${LABELS[command]}`, prompt: options.askInstruction, ignoreFocusOut: true });
      if (instruction === undefined || (!options.optional && !instruction.trim())) return;
    }
    const prompt = buildEditPrompt(command, target.code, { instruction: instruction?.trim() || undefined, diagnostics: options.diagnostics });
    const draftLine = target.code.selection?.startLine ?? target.editor.selection.active.line;
    // The streaming draft is this edit's one progress indicator; its Stop cancels the request.
    const abort = new AbortController();
    const draft = this.suggestions.startDraft(target.document, draftLine, LABELS[command], target.document.languageId, draftText, () => abort.abort());
    let answer: string | undefined;
    try {
      answer = await this.stream(prompt, `${LABELS[command]} ${shortName(target.document)}`, abort.signal, (text) => draft.update(text));
    } finally {
      draft.finish();
    }
    if (answer === undefined) return;
    const doc = { text: target.code.fileText, path: target.code.path, selection: target.code.selection, languageId: target.document.languageId };
    const outcome = editFromCommandAnswer(answer, doc, { indent: indentOf(target.editor) });
    if (!outcome.ok) return void vscode.window.showWarningMessage(`Tandem could not apply its answer exactly: ${outcome.reason}`);
    if (await this.suggestions.propose(target.document, target.code.fileText, outcome.hunks, LABELS[command])) reportLeftOut(outcome);
  }

  private async writeTests(): Promise<void> {
    const target = this.target();
    if (!target) return;
    const folder = vscode.workspace.getWorkspaceFolder(target.document.uri);
    if (!folder || !(await mayEdit(target.document.uri))) return;
    const testPath = testFileFor(target.code.path);
    const testUri = vscode.Uri.joinPath(folder.uri, testPath);
    const existing = await vscode.workspace.openTextDocument(testUri).then((d) => d, () => undefined);
    const answer = await this.withNotification(`Write Tests for ${shortName(target.document)}`, (signal, onText) => this.stream(buildTestsPrompt(target.code, testPath, existing?.getText()), `Write Tests for ${shortName(target.document)}`, signal, onText));
    if (answer === undefined) return;
    const outcome = editFromCommandAnswer(answer, { text: existing?.getText() ?? '', path: testPath });
    if (!outcome.ok) return void vscode.window.showWarningMessage(`Tandem did not answer with a test file it could apply: ${outcome.reason}`);
    if (existing) {
      if (await this.suggestions.propose(existing, existing.getText(), outcome.hunks, 'Write Tests')) reportLeftOut(outcome);
      return;
    }
    const draft = await vscode.workspace.openTextDocument(testUri.with({ scheme: 'untitled' }));
    const editor = await vscode.window.showTextDocument(draft);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), outcome.newText));
    void vscode.window.showInformationMessage(`Tandem proposed ${testPath}. Save it to keep it.`);
  }

  /** A cancellable progress notification, for work that shows nothing else while it runs (Write Tests). */
  private withNotification<T>(title: string, work: (signal: AbortSignal, onText: (textSoFar: string) => void) => Promise<T>): Thenable<T> {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Tandem: ${title}…`, cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      try {
        return await work(abort.signal, (text) => progress.report({ message: `${text.split('\n').length} lines written` }));
      } finally {
        cancel.dispose();
      }
    });
  }

  /** Streams one answer; undefined when stopped or failed (a failure is shown with its next step). */
  private async stream(prompt: string, title: string, signal: AbortSignal, onText?: (textSoFar: string) => void): Promise<string | undefined> {
    const slot = this.choice.slot;
    const system = await this.systemPrompt(EDIT_SYSTEM_PROMPT, slot, this.editedPath());
    let text = '';
    let error: ProviderErrorInfo | undefined;
    for await (const chunk of this.models.stream({ slot, system, messages: [{ role: 'user', parts: [{ kind: 'text', text: prompt }] }], thinkingLevel: this.choice.thinkingLevel }, signal)) {
      if (chunk.type === 'text') {
        text += chunk.text;
        onText?.(text);
      } else if (chunk.type === 'error') error = chunk.error;
    }
    if (signal.aborted) return undefined;
    if (error) {
      this.log.warn(`${title}: ${error.message}`);
      void showErrorWithActions(error.message, [error.action]);
      return undefined;
    }
    return text;
  }

  private editedPath(): string | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return uri && vscode.workspace.getWorkspaceFolder(uri) ? vscode.workspace.asRelativePath(uri, vscode.workspace.workspaceFolders!.length > 1) : undefined;
  }

  private target(): { editor: vscode.TextEditor; document: vscode.TextDocument; code: CodeTarget } | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Open a file and select code first.');
      return undefined;
    }
    const document = editor.document;
    const selection = editor.selection.isEmpty ? undefined : wholeLines(editor.selection, document);
    const selectedText = selection ? document.getText(new vscode.Range(selection.startLine, 0, selection.endLine, document.lineAt(selection.endLine).text.length)) : undefined;
    return {
      editor,
      document,
      code: { path: vscode.workspace.asRelativePath(document.uri, false), languageId: document.languageId, selection, selectedText, fileText: document.getText() },
    };
  }
}

/** What a partial answer proposes so far: the code inside its (possibly unclosed) fence, or the raw blocks. */
function draftText(answer: string): string {
  const code = parseAnswer(answer).edits.find((e) => e.body.kind === 'code');
  if (code?.body.kind === 'code') return code.body.text;
  const fence = answer.indexOf('```');
  return fence >= 0 ? answer.slice(answer.indexOf('\n', fence) + 1) : answer;
}
