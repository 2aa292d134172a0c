// The commit-message feature: Generate Commit Message in each Git repository's Source Control title bar.
import * as vscode from 'vscode';
import type { TandemServices } from '../services';
import { CommitMessageGenerator } from './commitMessage';

export function activateCommits(services: TandemServices): vscode.Disposable {
  const generator = new CommitMessageGenerator(services);
  return vscode.Disposable.from(generator, ...generator.register());
}
