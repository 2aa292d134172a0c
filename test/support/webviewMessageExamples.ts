// One valid example of every message the webview may send: the forged-message tests refuse variations of these,
// and the schema tests derive their oversize and extra-field cases from them.
import type { WebviewMessage } from '../../src/shared/webviewMessages';

export const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** One valid example of every message the webview may send. */
export const VALID: WebviewMessage[] = [
  { type: 'ready' },
  { type: 'send', text: 'Why is the total wrong?', images: [] },
  { type: 'send', text: '', images: [{ mimeType: 'image/png', data: PNG }] },
  { type: 'stop' },
  { type: 'regenerate', messageId: 'm-1a2b' },
  { type: 'editResend', messageId: 'm_1', text: 'again, shorter' },
  { type: 'retry' },
  { type: 'newChat' },
  { type: 'showHistory' },
  { type: 'openChat', chatId: 'chat-1' },
  { type: 'deleteChat', chatId: 'chat-1' },
  { type: 'exportChat' },
  { type: 'setModel', model: 'gpt' },
  { type: 'setModel', model: 'gemini' },
  { type: 'setThinkingLevel', level: 'high' },
  { type: 'codeAction', action: 'insert', code: 'let x = 1;', language: 'typescript' },
  { type: 'codeAction', action: 'apply', code: '', language: '' },
  { type: 'codeAction', action: 'save', code: 'print(1)', language: 'python' },
  { type: 'applyAnswerEdits', messageId: 'a1b2-c3' },
  { type: 'copy', text: 'some code' },
  { type: 'openLink', href: 'https://example.com', text: 'example' },
  { type: 'hostAction', action: 'setKey' },
  { type: 'hostAction', action: 'openSettings' },
  { type: 'hostAction', action: 'testConnection' },
  { type: 'removeContext', chipId: 'file-src_app_ts' },
  { type: 'setIncludeOpenEditors', include: false },
  { type: 'pickContextFile' },
  { type: 'openInstructionFile', path: 'src/AGENTS.md' },
  { type: 'setRulesEnabled', enabled: false },
  { type: 'runInTerminal', code: 'npm test', language: 'bash' },
  { type: 'runInTerminal', code: 'Get-ChildItem', language: 'powershell' },
];
