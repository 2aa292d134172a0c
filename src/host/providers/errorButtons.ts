import * as vscode from 'vscode';
import type { ErrorAction } from '../../core/providers/types';
import { ACTION_BUTTONS, actionOfLabel, type ButtonAction } from '../../shared/actionButtons';

/**
 * Shows an error with one button per next step (see shared/actionButtons.ts) and runs the step picked, with the
 * arguments given for it (Set API Key opens on the key that failed). Retry is shown but runs nothing here.
 */
export async function showErrorWithActions(message: string, actions: readonly ErrorAction[], args: Partial<Record<ButtonAction, readonly unknown[]>> = {}): Promise<void> {
  const steps = [...new Set(actions)].filter((action): action is Exclude<ErrorAction, 'none'> => action !== 'none');
  const choice = actionOfLabel(await vscode.window.showErrorMessage(message, ...steps.map((action) => ACTION_BUTTONS[action].label)));
  if (!choice) return;
  const button = ACTION_BUTTONS[choice];
  if ('command' in button) await vscode.commands.executeCommand(button.command, ...(args[choice] ?? []));
}
