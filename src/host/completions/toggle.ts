// Tandem: Completions… — the status bar item's click. Offers what makes sense in the current state: turn on (with
// what it costs), snooze, resume, turn off, or open the settings.
import * as vscode from 'vscode';
import type { CompletionScheduler } from '../../core/completions';
import { formatUsd } from '../../core/vocabulary';
import { COMPLETIONS_SECTION, setCompletionsEnabled } from './settings';

export const SNOOZE_MS = 30 * 60 * 1000;

type Choice = vscode.QuickPickItem & { readonly run: () => Promise<void> | void };

export async function toggleCompletions(scheduler: CompletionScheduler, perSuggestionUsd: () => number): Promise<void> {
  const status = scheduler.status();
  const choices: Choice[] = [];
  if (status.state === 'off') {
    choices.push({
      label: '$(sparkle) Turn On Completions',
      detail: `Ghost text as you type. Each request is billed (about ${formatUsd(perSuggestionUsd())}), up to $${status.capUsd.toFixed(2)} a day.`,
      run: () => setCompletionsEnabled(true),
    });
  }
  if (status.state === 'snoozed') choices.push({ label: '$(play) Resume Completions', run: () => scheduler.resume() });
  if (status.state === 'on') choices.push({ label: '$(clock) Snooze for 30 Minutes', run: () => scheduler.snooze(SNOOZE_MS) });
  if (status.state !== 'off') choices.push({ label: '$(circle-slash) Turn Off Completions', run: () => setCompletionsEnabled(false) });
  choices.push({
    label: '$(gear) Completion Settings',
    description: `today ${formatUsd(status.todayCostUsd)} of $${status.capUsd.toFixed(2)}`,
    run: async () => {
      await vscode.commands.executeCommand('workbench.action.openSettings', `@id:${COMPLETIONS_SECTION}`);
    },
  });
  const picked = await vscode.window.showQuickPick(choices, { title: 'Tandem Completions', placeHolder: status.message ?? 'Completions are on' });
  await picked?.run();
}
