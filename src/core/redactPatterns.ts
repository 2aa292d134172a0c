// Secret shapes shared by log/error redaction (providers/redact.ts) and context redaction (context/redact.ts).

/** Key-shaped strings: masked wherever they appear. */
export const KEY_PATTERNS: readonly RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{8,}/g, // OpenAI, CometAPI, many compatible servers
  /\bAIza[0-9A-Za-z_-]{20,}/g, // Google API keys
  /\bya29\.[0-9A-Za-z_.-]{10,}/g, // Google OAuth access tokens
  /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g, // GitHub fine-grained tokens
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, // Slack tokens
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, // AWS access key ids
  /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/g, // Stripe
  /\bnpm_[A-Za-z0-9]{36}\b/g, // npm tokens
];

export const KEY_MASK = '[redacted key]';

/** A PEM private key block; group 1 is the label ("RSA PRIVATE KEY"). */
export const PRIVATE_KEY_BLOCK = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----([\s\S]*?)-----END \1-----/g;

const SECRET_NAME = String.raw`[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|api[_-]?key|apikey|access[_-]?key|auth[_-]?token|access[_-]?token|token|private[_-]?key|client[_-]?secret)`;

/** `password = "hunter2"`, `"apiKey": "…"`: a quoted literal assigned to a secret-sounding name, in any file. */
export const QUOTED_SECRET_ASSIGNMENT = new RegExp(
  String.raw`(\b${SECRET_NAME}["']?\s*[:=]\s*)(["'])([^"'\r\n$<{][^"'\r\n]{3,})\2`,
  'gi',
);

/** `password=hunter2`, `token: abc123` (unquoted): only in config-like files, where it cannot be code. */
export const BARE_SECRET_ASSIGNMENT = new RegExp(String.raw`^(\s*(?:export\s+)?${SECRET_NAME}\s*[:=][ \t]*)([^\s"'$<{#][^\s#]{3,})`, 'gim');
