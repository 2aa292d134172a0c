// The chat webview's document: strict CSP, one nonce'd script. Pure, so the Chromium tests serve the same page.

export interface WebviewAssets {
  /** The webview's resource origin (`webview.cspSource`). */
  readonly cspSource: string;
  readonly nonce: string;
  readonly codiconCss: string;
  readonly mainCss: string;
  readonly mainJs: string;
  /** Extra nonce'd scripts before the bundle (tests install a fake `acquireVsCodeApi`). */
  readonly preludeJs?: readonly string[];
  readonly bodyClass?: string;
  /** Where the chat lives: the sidebar view has its own title actions, an editor tab does not. */
  readonly placement?: 'view' | 'editor';
}

export function chatCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    "connect-src 'none'",
    "media-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function chatDocument(assets: WebviewAssets): string {
  const scripts = [...(assets.preludeJs ?? []), assets.mainJs].map((src) => `<script nonce="${attr(assets.nonce)}" src="${attr(src)}"></script>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(chatCsp(assets.cspSource, assets.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(assets.codiconCss)}">
<link rel="stylesheet" href="${attr(assets.mainCss)}">
<title>Tandem</title>
</head>
<body${assets.bodyClass ? ` class="${attr(assets.bodyClass)}"` : ''}>
<div id="app" data-testid="tandem-app" data-placement="${assets.placement ?? 'view'}"></div>
${scripts}
</body>
</html>`;
}
