// The few words every layer shares: core, the host, the host↔webview protocol and the webview all import this
// file, and it imports nothing. Each word is a list (so schemas and pickers can enumerate it) and the type
// derived from that list. Anything that is not such a word lives in its own layer.

export const MODEL_SLOTS = ['gemini', 'gpt'] as const;
export type ModelSlot = (typeof MODEL_SLOTS)[number];

export const THINKING_LEVELS = ['minimal', 'low', 'medium', 'high'] as const;
export type ThinkingLevel = (typeof THINKING_LEVELS)[number];

/**
 * Why an answer ended. 'length' = cut at the output limit (continue it); 'truncated' = stream ended without a
 * finish; 'refusal' = the model declined (OpenAI's delta.refusal); 'stopped' = the user pressed Stop, which is
 * not an error.
 */
export const FINISH_REASONS = ['stop', 'length', 'safety', 'recitation', 'blocked', 'truncated', 'refusal', 'stopped', 'other'] as const;
export type FinishReason = (typeof FINISH_REASONS)[number];

/** 'tooLarge' = one stream event above the size cap. */
export const ERROR_KINDS = [
  'auth',
  'quota',
  'rate',
  'context',
  'safety',
  'network',
  'timeout',
  'protocol',
  'cancelled',
  'notFound',
  'server',
  'badRequest',
  'tooLarge',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** What the UI can offer next to an error. */
export const ERROR_ACTIONS = ['setKey', 'retry', 'openSettings', 'none'] as const;
export type ErrorAction = (typeof ERROR_ACTIONS)[number];

/** The image types a user may attach (pasted or dropped into the composer), sent to the model as they are. */
export const IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type ImageMimeType = (typeof IMAGE_MIME_TYPES)[number];

export interface ImageAttachment {
  readonly mimeType: ImageMimeType;
  /** Base64, no data: prefix. */
  readonly data: string;
}

// How a cost and a token count are written, so they read the same in the panel, the status bar and exports.

/** Dollars with enough precision to be meaningful for cheap requests: $0.0004, $0.0123, $1.25. */
export function formatUsd(amount: number): string {
  if (!Number.isFinite(amount) || amount <= 0) return '$0.00';
  if (amount < 0.0001) return '<$0.0001';
  if (amount < 1) return `$${amount.toFixed(4)}`;
  return `$${amount.toFixed(2)}`;
}

/** 1234567 → "1,234,567". Not toLocaleString(): its first call in a webview loads ICU's number data, a 20-180 ms task
 * that landed at the end of a window's first answer, when its footer is built (bench/render.ts profile). */
export function groupDigits(count: number): string {
  const [whole, fraction] = String(count).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** 1234 → "1.2K", 1048576 → "1.0M". */
export function formatTokens(count: number): string {
  if (count < 1000) return String(count);
  if (count < 1_000_000) return `${(count / 1000).toFixed(1)}K`;
  return `${(count / 1_000_000).toFixed(1)}M`;
}

/** Fence languages whose code blocks are commands for a terminal: the host's paste logic and the webview's Run in
 * Terminal button read the same list, so they cannot disagree. */
export const SHELL_LANGUAGE_LIST = [
  'bash', 'sh', 'zsh', 'shell', 'ksh', 'dash', 'fish', 'console', 'shellsession', 'sh-session', 'shell-session', 'terminal',
  'powershell', 'pwsh', 'ps1', 'ps', 'cmd', 'bat', 'batch',
] as const;
export type ShellLanguage = (typeof SHELL_LANGUAGE_LIST)[number];
export const SHELL_LANGUAGES: ReadonlySet<string> = new Set(SHELL_LANGUAGE_LIST);

export function isShellLanguage(language: string): language is ShellLanguage {
  return SHELL_LANGUAGES.has(language);
}
