import * as vscode from 'vscode';
import type { ModelSlot } from '../../core/providers/types';
import { formatUsd } from '../../core/vocabulary';

/** What the status bar shows of a model: a short name for the bar, the full one and its route for the tooltip. */
export interface StatusModel {
  readonly shortName: string;
  readonly label: string;
  readonly route: string;
}

/**
 * The model of new questions and this window's spend, as a short item on the right ($(tandem-logo) Gemini $0.04);
 * the full model name, its endpoint and the spend are in the tooltip. A click switches the model.
 */
export class TandemStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tandem.status', vscode.StatusBarAlignment.Right, 100);
  private sessionCostUsd = 0;

  constructor(private readonly describe: (slot: ModelSlot) => StatusModel) {
    this.item.name = 'Tandem';
    this.item.command = 'tandem.switchModel';
  }

  addCost(amountUsd: number): void {
    this.sessionCostUsd += amountUsd;
  }

  update(slot: ModelSlot): void {
    const model = this.describe(slot);
    const spent = formatUsd(this.sessionCostUsd);
    this.item.text = `$(tandem-logo) ${model.shortName}${this.sessionCostUsd > 0 ? ` ${spent}` : ''}`;
    const tooltip = new vscode.MarkdownString(`**Tandem** · ${model.label}\n\n${model.route}\n\nSpent in this window: ${spent}\n\nClick to switch the model.`);
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `Tandem: ${model.label}, ${spent} spent in this window. Switch model.`, role: 'button' };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
