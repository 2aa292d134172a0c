// Fence languages whose code blocks are commands for a terminal: the one list the host's paste logic
// (core/terminal/shellBlocks.ts) and the webview's Run in Terminal button both read, so they cannot disagree.

export const SHELL_LANGUAGES: ReadonlySet<string> = new Set([
  'bash', 'sh', 'zsh', 'shell', 'ksh', 'dash', 'fish', 'console', 'shellsession', 'sh-session', 'shell-session', 'terminal',
  'powershell', 'pwsh', 'ps1', 'ps', 'cmd', 'bat', 'batch',
]);
