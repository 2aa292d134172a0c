// The project's own knowledge: instruction files (AGENTS.md, Copilot's instruction files, .tandem/rules) in every
// request's system prompt with a chip that shows them, prompt files as slash commands, @folder / @workspace context.
// The service is built with the others (the chat and the edit commands call it); this feature connects it.
import type * as vscode from 'vscode';
import type { TandemServices } from '../services';

export function activateKnowledge(services: TandemServices): vscode.Disposable {
  services.knowledge.connect(services.chat);
  return { dispose: () => undefined };
}
