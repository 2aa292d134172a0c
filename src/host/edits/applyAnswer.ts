// "Apply edits to N files" on a chat answer: every file the answer edits gets its hunks as inline suggestions,
// computed by the one engine against each file's current text (open buffers included). Nothing is written until
// the user accepts; what could not be applied, and why, is said in one message.
import * as vscode from 'vscode';
import { editsFromAnswer, namedFiles, samePath } from '../../core/edits/answerEdits';
import { mayEdit } from './inlineDiff/editGuard';
import type { SuggestionController } from './inlineDiff/suggestionController';
import { type NamedTarget, creationDocument, resolveNamed } from './workspaceFiles';

const LABEL = 'Apply answer';

export async function applyAnswer(answer: string, suggestions: SuggestionController): Promise<void> {
  const active = vscode.window.activeTextEditor?.document;
  const activePath = active && active.uri.scheme === 'file' ? vscode.workspace.asRelativePath(active.uri, false) : undefined;
  const targets = new Map<string, NamedTarget>();
  for (const path of namedFiles(answer)) targets.set(path, await resolveNamed(path));
  if (active && activePath && ![...targets.keys()].some((k) => samePath(k, activePath))) targets.set(activePath, { kind: 'existing', document: active });
  const targetOf = (path: string) => targets.get(path) ?? [...targets].find(([k]) => samePath(k, path))?.[1];
  const { files, leftOut } = editsFromAnswer(answer, {
    activePath,
    read: (path) => {
      const target = targetOf(path);
      return target?.kind === 'existing' ? target.document.getText() : target?.kind === 'create' ? undefined : '';
    },
  });
  const problems = [...leftOut];
  let proposed = 0;
  for (const file of files) {
    const target = targetOf(file.path);
    if (!file.result.ok) {
      problems.push(`${file.path}: ${file.result.reason.replace(/\.$/, '')}`);
      continue;
    }
    problems.push(...file.result.leftOut.map((note) => `${file.path}: ${note}`));
    if (!target || target.kind === 'refused') {
      problems.push(target?.reason ?? `${file.path} was not found`);
      continue;
    }
    const uri = target.kind === 'existing' ? target.document.uri : target.uri;
    if (!(await mayEdit(uri))) continue;
    const document = target.kind === 'existing' ? target.document : await creationDocument(target.uri);
    const original = target.kind === 'existing' ? document.getText() : '';
    if (await suggestions.propose(document, original, file.result.hunks, file.creates ? `${LABEL} (new file)` : LABEL)) proposed++;
  }
  if (problems.length > 0) {
    const what = files.length === 0 ? 'Tandem could not apply this answer' : 'Tandem left out part of the answer';
    void vscode.window.showWarningMessage(`${what}: ${problems.join('; ')}.`);
  } else if (files.length === 0) {
    void vscode.window.showWarningMessage('Tandem found no edit in this answer.');
  }
  if (proposed > 0) suggestions.announceReview();
}
