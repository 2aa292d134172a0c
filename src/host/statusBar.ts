import * as vscode from 'vscode';
import type { ModelSlot } from '../core/providers/types';
import { formatUsd } from '../shared/format';

/** Shows the current model and this window's spend; a click switches the model. */
export class TandemStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tandem.status', vscode.StatusBarAlignment.Right, 100);
  private sessionCostUsd = 0;

  constructor(private readonly label: (slot: ModelSlot) => string) {
    this.item.name = 'Tandem';
    this.item.command = 'tandem.switchModel';
  }

  addCost(amountUsd: number): void {
    this.sessionCostUsd += amountUsd;
  }

  update(slot: ModelSlot): void {
    this.item.text = `$(comment-discussion) ${this.label(slot)} · ${formatUsd(this.sessionCostUsd)}`;
    this.item.tooltip = `Tandem: chatting with ${this.label(slot)}. Spent in this window: ${formatUsd(this.sessionCostUsd)}. Click to switch model.`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
