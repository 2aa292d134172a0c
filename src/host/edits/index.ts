// The edits feature: editor commands (Fix, Refactor, …), the lightbulb, and inline diff suggestions to review.
import * as vscode from 'vscode';
import type { TandemServices } from '../services';
import { CODE_ACTION_SELECTOR, TandemCodeActionProvider } from './codeActions';
import { EditorCommands } from './editorCommands';

export function activateEdits(services: TandemServices): vscode.Disposable {
  const { models, choice, chat, chatViews, suggestions, log, knowledge } = services;
  const commands = new EditorCommands(models, choice, chat, chatViews, suggestions, log, (system, slot, path) => knowledge.editSystemPrompt(system, slot, path));
  return vscode.Disposable.from(
    ...commands.register(),
    vscode.languages.registerCodeActionsProvider(CODE_ACTION_SELECTOR, new TandemCodeActionProvider(), { providedCodeActionKinds: TandemCodeActionProvider.kinds }),
  );
}
