import * as vscode from 'vscode';
import { DisposableBase } from '../disposables';
import type { Log } from '../log';
import type { ChatController } from './chatController';
import { ChatSurface } from './chatSurface';
import { chatHtml, webviewOptions } from './webviewHtml';

const CHAT_VIEW_ID = 'tandem.chatView';
const PANEL_VIEW_TYPE = 'tandem.chatPanel';

/**
 * The sidebar "Chat" view and the optional editor-tab chat. Both are surfaces of the same controller, so a chat
 * streams into whichever is open. State survives hide/show through the webview's own getState/setState and a
 * fresh `init` on every `ready`, not through retainContextWhenHidden.
 */
export class ChatViews extends DisposableBase implements vscode.WebviewViewProvider, vscode.WebviewPanelSerializer {
  private view: vscode.WebviewView | undefined;
  private readonly panels = new Set<vscode.WebviewPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: ChatController,
    private readonly log: Log,
  ) {
    super();
    this.own(vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, this));
    this.own(vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, this));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.onDidDispose(() => {
      if (this.view === view) this.view = undefined;
    });
    this.connect(view.webview, view.onDidDispose, 'view');
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    this.track(panel);
    this.connect(panel.webview, panel.onDidDispose, 'editor');
  }

  /** Reveals the sidebar chat (and focuses its input) — used by Open Chat and every command that chats. */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
  }

  /**
   * New Chat and History act on the chat the user is looking at: from the editor tab's title bar they must not pull
   * the sidebar open. Only when no chat is visible is the sidebar revealed.
   */
  async revealIfHidden(): Promise<void> {
    if (this.view?.visible || [...this.panels].some((p) => p.visible)) return;
    await this.reveal();
  }

  openInEditor(): void {
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'Tandem Chat', vscode.ViewColumn.Beside, webviewOptions(this.extensionUri));
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'tandem.svg');
    this.track(panel);
    this.connect(panel.webview, panel.onDidDispose, 'editor');
  }

  private track(panel: vscode.WebviewPanel): void {
    this.panels.add(panel);
    panel.onDidDispose(() => this.panels.delete(panel));
  }

  private connect(webview: vscode.Webview, onDispose: vscode.Event<void>, placement: 'view' | 'editor'): void {
    webview.options = webviewOptions(this.extensionUri);
    const surface = new ChatSurface(webview, this.controller, this.log, onDispose);
    this.controller.attach(surface);
    webview.html = chatHtml(webview, this.extensionUri, placement);
  }
}
