import type * as vscode from 'vscode';
import type { HostMessage } from '../../shared/protocol';
import { parseFromWebview, type WebviewMessage } from '../../shared/webviewMessages';
import { DisposableStore } from '../disposables';
import type { Log } from '../log';

export interface ChatMessageHandler {
  /** Called for every valid message; `surface` is the webview that sent it (to answer it alone). */
  handle(message: WebviewMessage, surface: ChatSurface): void | Promise<void>;
}

/**
 * One chat webview (the sidebar view or an editor tab). Nothing is posted before the webview says `ready`;
 * every incoming message is validated, and a forged one is logged and dropped.
 */
export class ChatSurface implements vscode.Disposable {
  private ready = false;
  private readonly store = new DisposableStore();

  constructor(
    private readonly webview: vscode.Webview,
    handler: ChatMessageHandler,
    private readonly log: Log,
    onDispose: vscode.Event<void>,
  ) {
    this.store.add(
      webview.onDidReceiveMessage(async (raw: unknown) => {
        const parsed = parseFromWebview(raw);
        if (!parsed.ok) {
          this.log.warn(`Refused a message from the chat webview: ${parsed.reason}`);
          return;
        }
        if (parsed.message.type === 'ready') this.ready = true;
        try {
          await handler.handle(parsed.message, this);
        } catch (error) {
          this.log.error(`Chat message ${parsed.message.type} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        }
      }),
    );
    this.store.add(onDispose(() => this.dispose()));
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Posts when the webview is ready; earlier messages are dropped because `ready` triggers a full `init`. */
  post(message: HostMessage): void {
    if (!this.ready) return;
    void this.webview.postMessage(message);
  }

  private readonly disposeListeners: (() => void)[] = [];
  onDidDispose(listener: () => void): void {
    this.disposeListeners.push(listener);
  }

  dispose(): void {
    this.ready = false;
    this.store.dispose();
    for (const listener of this.disposeListeners.splice(0)) listener();
  }
}
