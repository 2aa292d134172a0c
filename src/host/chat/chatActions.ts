import * as vscode from 'vscode';
import { suggestedFileName } from '../../core/context/languages';
import { conversationToMarkdown } from '../../core/chat/export';
import type { Conversation } from '../../core/chat/types';
import { isModelSlot } from '../../core/providers/modelCards';
import type { ModelSlot } from '../../core/providers/types';
import { checkModelLink, linkConfirmationDetail } from '../../shared/links';

export async function insertAtCursor(code: string): Promise<void> {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) {
    void vscode.window.showWarningMessage('Open a file to insert the code into.');
    return;
  }
  const applied = await editor.edit((builder) => {
    for (const selection of editor.selections) builder.replace(selection, code);
  });
  if (!applied) void vscode.window.showErrorMessage('The code could not be inserted: the editor changed. Try again.');
  else await vscode.window.showTextDocument(editor.document, editor.viewColumn);
}

export async function saveAsNewFile(code: string, language: string): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = suggestedFileName(language);
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    saveLabel: 'Save Code',
    title: 'Save the code block as a new file',
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(code.endsWith('\n') ? code : `${code}\n`));
  await vscode.window.showTextDocument(target);
}

/** Opens a link from model output only after a scheme check and a confirmation that shows the real URL. */
export async function openModelLink(href: string, text: string): Promise<void> {
  const checked = checkModelLink(href);
  if (!checked.ok) {
    void vscode.window.showWarningMessage(checked.warning);
    return;
  }
  const detail = linkConfirmationDetail(checked.url, href, text);
  const choice = await vscode.window.showWarningMessage('Open this link from the model’s answer?', { modal: true, detail }, 'Open Link');
  if (choice === 'Open Link') await vscode.env.openExternal(vscode.Uri.parse(checked.url, true));
}

export async function exportConversation(conversation: Conversation, modelLabel: (slot: ModelSlot) => string): Promise<void> {
  if (conversation.messages.length === 0) {
    void vscode.window.showInformationMessage('This chat is empty: nothing to export.');
    return;
  }
  const markdown = conversationToMarkdown(conversation, { modelLabel: (slot) => (isModelSlot(slot) ? modelLabel(slot) : 'Assistant') });
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(document);
}
