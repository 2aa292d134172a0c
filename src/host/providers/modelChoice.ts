// The model new questions go to and Gemini's thinking level: one small service that the chat, the context chips
// (their budget), the status bar and the editor commands all read, and that tells them when it changes.
// No vscode import: the chat controller's plain-mocha tests use it as it is.
import type * as vscode from 'vscode';
import type { ModelSlot, ThinkingLevel } from '../../core/providers/types';

const MODEL_KEY = 'tandem.model';
const THINKING_KEY = 'tandem.thinkingLevel';

export interface ModelDefaults {
  readonly defaultModel: ModelSlot;
  readonly thinkingLevel: ThinkingLevel;
}

/** Kept per workspace (the user's last pick), falling back to the settings' defaults. */
export class ModelChoice implements vscode.Disposable {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly memento: Pick<vscode.Memento, 'get' | 'update'>,
    private readonly defaults: () => ModelDefaults,
  ) {}

  /** Called after the model or the thinking level changed. */
  onDidChange(listener: () => void): vscode.Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  get slot(): ModelSlot {
    return this.memento.get<ModelSlot>(MODEL_KEY) ?? this.defaults().defaultModel;
  }

  get thinkingLevel(): ThinkingLevel {
    return this.memento.get<ThinkingLevel>(THINKING_KEY) ?? this.defaults().thinkingLevel;
  }

  // A Memento returns the new value as soon as update() is called; its promise is the write to the workbench's
  // storage, a round trip through the window's renderer (3-70 ms while an answer streams in code-server,
  // bench/latency.ts). So listeners hear of the change first.
  async setSlot(slot: ModelSlot): Promise<void> {
    const saved = this.memento.update(MODEL_KEY, slot);
    this.fire();
    await saved;
  }

  async setThinkingLevel(level: ThinkingLevel): Promise<void> {
    const saved = this.memento.update(THINKING_KEY, level);
    this.fire();
    await saved;
  }

  private fire(): void {
    for (const listener of [...this.listeners]) listener();
  }

  dispose(): void {
    this.listeners.clear();
  }
}
