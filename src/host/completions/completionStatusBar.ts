// The completions item in the status bar: on, off, snoozed, capped or restricted at a glance, a spinner while a
// request is in flight, today's completion cost, and what a suggestion costs in the tooltip. A click opens the
// toggle (turn on, snooze, turn off).
import * as vscode from 'vscode';
import type { CompletionState, CompletionStatus } from '../../core/completions';
import { formatUsd } from '../../core/vocabulary';

export const TOGGLE_COMPLETIONS_COMMAND = 'tandem.toggleCompletions';

const ICON: Readonly<Record<CompletionState, string>> = {
  on: '$(sparkle)',
  off: '$(circle-slash)',
  snoozed: '$(clock)',
  capped: '$(warning)',
  restricted: '$(shield)',
};

const STATE_LABEL: Readonly<Record<CompletionState, string>> = {
  on: 'on',
  off: 'off',
  snoozed: 'snoozed',
  capped: 'stopped for today (daily cap)',
  restricted: 'off in Restricted Mode',
};

export class CompletionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tandem.completions', vscode.StatusBarAlignment.Right, 99);
  private status: CompletionStatus | undefined;
  private inFlight = 0;

  constructor(private readonly model: () => { readonly label: string; readonly perSuggestionUsd: number }) {
    this.item.name = 'Tandem Completions';
    this.item.command = TOGGLE_COMPLETIONS_COMMAND;
  }

  update(status: CompletionStatus): void {
    this.status = status;
    this.render();
  }

  flight(delta: 1 | -1): void {
    this.inFlight = Math.max(0, this.inFlight + delta);
    this.render();
  }

  private render(): void {
    const status = this.status;
    if (!status) return;
    const busy = this.inFlight > 0 && status.state === 'on';
    const cost = status.todayCostUsd > 0 ? ` ${formatUsd(status.todayCostUsd)}` : '';
    this.item.text = `${busy ? '$(loading~spin)' : ICON[status.state]} Completions${cost}`;
    this.item.backgroundColor = status.state === 'capped' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const lines = [
      `**Tandem completions** · ${STATE_LABEL[status.state]}${busy ? ' · asking the model…' : ''}`,
      status.message ?? this.costLine(),
      `Today: ${formatUsd(status.todayCostUsd)} of the $${status.capUsd.toFixed(2)} daily cap.`,
      'Click to turn on, snooze or turn off.',
    ];
    this.item.tooltip = new vscode.MarkdownString(lines.join('\n\n'));
    this.item.accessibilityInformation = { label: `Tandem completions ${STATE_LABEL[status.state]}, ${formatUsd(status.todayCostUsd)} today. Change.`, role: 'button' };
    this.item.show();
  }

  private costLine(): string {
    const { label, perSuggestionUsd } = this.model();
    return `Ghost text from ${label} as you type. Each request costs about ${formatUsd(perSuggestionUsd)}; typing through a suggestion costs nothing.`;
  }

  dispose(): void {
    this.item.dispose();
  }
}
