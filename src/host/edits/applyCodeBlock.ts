// The chat's "Apply to File": one code block through the same answer parser and engine as the editor commands,
// shown as an inline diff. A block that names a file applies to that file (opened if need be); otherwise to the
// active editor; a named file that does not exist is proposed as a new file (inside the workspace only). On a refusal the safe choice comes first (the default button); a destructive one never does.
import * as vscode from 'vscode';
import { type EditOutcome, type Fallback, codeBlockPath, editFromCodeBlock } from '../../core/edits/answerEdits';
import { selectionLines } from '../../core/context/assemble';
import { mayEdit } from './inlineDiff/editGuard';
import type { SuggestionController } from './inlineDiff/suggestionController';
import { creationDocument, resolveNamed } from './workspaceFiles';

const FALLBACK_LABELS: Record<Fallback, string> = { insertAtCursor: 'Insert at Cursor', replaceWholeFile: 'Replace Whole File…' };

export function indentOf(editor: vscode.TextEditor | undefined): { useTabs: boolean; unit: number } | undefined {
  if (!editor) return undefined;
  const size = typeof editor.options.tabSize === 'number' ? editor.options.tabSize : 4;
  return { useTabs: editor.options.insertSpaces === false, unit: size };
}

/** The selection expanded to whole lines, 0-based (the same rule the context chips use). */
export function wholeLines(selection: vscode.Selection, document: vscode.TextDocument): { startLine: number; endLine: number } {
  const lines = selectionLines(selection.start.line, selection.end.line, selection.end.character);
  return { startLine: lines.start - 1, endLine: Math.min(lines.end - 1, document.lineCount - 1) };
}

export function shortName(document: vscode.TextDocument): string {
  return document.uri.path.split('/').pop() ?? document.uri.path;
}

/** Tells the user what an applied edit left out (a block cut off, edits for other files). */
export function reportLeftOut(outcome: EditOutcome): void {
  if (outcome.leftOut.length > 0) void vscode.window.showWarningMessage(`Tandem left out part of the answer: ${outcome.leftOut.join('; ')}.`);
}

/** `answers`: the chat's answers, where the block's fence may name its file. */
export async function applyCodeBlock(code: string, language: string, answers: readonly string[], suggestions: SuggestionController): Promise<void> {
  const active = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  const named = codeBlockPath(code, language, answers);
  const target = named ? await resolveNamed(named) : undefined;
  let document = target?.kind === 'existing' ? target.document : undefined;
  if (target?.kind === 'create') {
    // Asked on the real path: an untitled document is never "sensitive", the file it will be saved as may be.
    if (!(await mayEdit(target.uri))) return;
    document = await creationDocument(target.uri);
    void vscode.window.showInformationMessage(`Tandem: ${named} does not exist yet; the code is proposed as that new file (saved only when you accept and save).`);
  } else if (target?.kind === 'refused') {
    // The engine refuses code that does not fit, so offering the active file is safe; the user decides.
    const into = active ? `Apply to ${shortName(active.document)}` : undefined;
    const choice = await vscode.window.showWarningMessage(`This code block is for ${named}: ${target.reason}.`, ...(into ? [into] : []));
    if (choice !== into || !into) return;
  }
  document ??= active?.document;
  if (!document) {
    void vscode.window.showWarningMessage('Open the file to apply the code to, then press Apply again.');
    return;
  }
  if (target?.kind !== 'create' && !(await mayEdit(document.uri))) return;
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const original = document.getText();
  const selection = editor && editor === active && !editor.selection.isEmpty ? wholeLines(editor.selection, document) : undefined;
  const path = vscode.workspace.asRelativePath(document.uri, false);
  // A new file's code is the whole file: there is nothing to place a snippet in.
  const plain = target?.kind === 'create' ? 'file' : 'snippet';
  const outcome = editFromCodeBlock(code, language, { text: original, path, selection, languageId: document.languageId }, { indent: indentOf(editor) }, plain);
  if (outcome.ok) {
    if (await suggestions.propose(document, original, outcome.hunks, 'Apply from chat')) reportLeftOut(outcome);
    return;
  }
  const choices = outcome.fallbacks.map((f) => FALLBACK_LABELS[f]);
  const choice = await vscode.window.showWarningMessage(`Tandem could not place this code in ${shortName(document)}: ${outcome.reason}`, ...choices);
  if (choice === FALLBACK_LABELS.insertAtCursor && editor) {
    await editor.insertSnippet(new vscode.SnippetString().appendText(code));
  } else if (choice === FALLBACK_LABELS.replaceWholeFile) {
    const whole = editFromCodeBlock(code, language, { text: original, path, languageId: document.languageId }, { indent: indentOf(editor) }, 'file');
    if (!whole.ok) return void vscode.window.showWarningMessage(`Tandem: ${whole.reason}`);
    await suggestions.propose(document, original, whole.hunks, 'Apply from chat');
  }
}
