import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { chatDocument } from '../../shared/webviewDocument';

/** The chat webview's HTML: strict CSP, one nonce'd script, resources only from dist/webview and media. */
export function chatHtml(webview: vscode.Webview, extensionUri: vscode.Uri, placement: 'view' | 'editor' = 'view'): string {
  const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  return chatDocument({
    cspSource: webview.cspSource,
    nonce: randomBytes(18).toString('base64'),
    codiconCss: asset('dist', 'webview', 'codicon.css'),
    mainCss: asset('dist', 'webview', 'main.css'),
    mainJs: asset('dist', 'webview', 'main.js'),
    placement,
  });
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}
