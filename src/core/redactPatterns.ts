// Secret shapes shared by log/error redaction (providers/redact.ts) and context redaction (context/redact.ts): ONE
// table, one rule per kind of secret, each with its own test case (test/unit/context/redact.test.ts). The shapes
// follow the providers' documented formats, as secretlint's recommended preset and gitleaks describe them.

export const KEY_MASK = '[redacted key]';
const PRIVATE_KEY_MASK = '[redacted private key]';

export interface SecretRule {
  readonly id: string;
  /** What the rule finds, for people reading the table. */
  readonly what: string;
  /** Global; the whole match is the secret (lookbehind/lookahead keep a prefix such as `AccountKey=` readable). */
  readonly pattern: RegExp;
  readonly mask: string;
  /** Text every match sits next to: the rule runs only on text that has it (a whole-text scan costs ~50 ms/MB). */
  readonly hint?: string;
}

/** A PEM armour label: "RSA PRIVATE KEY", "OPENSSH PRIVATE KEY", "PGP PRIVATE KEY BLOCK", "ENCRYPTED PRIVATE KEY". */
const PEM_LABEL = String.raw`(?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?`;
/** A value that is a placeholder, not a secret: `${DB_PASSWORD}`, `<password>`, `{{pass}}`, `%PASS%`. */
const NOT_A_PLACEHOLDER = String.raw`(?![$<{%])`;

export const SECRET_RULES: readonly SecretRule[] = [
  // Private keys first: their bodies would otherwise be cut into pieces by the key rules below.
  {
    id: 'private-key-block',
    what: 'PEM private key body between its BEGIN and END lines (also inside JSON strings, YAML or a pasted log)',
    pattern: new RegExp(String.raw`(?<=-----BEGIN ${PEM_LABEL}-----)[\s\S]+?(?=(?:\\n|\s)*-----END ${PEM_LABEL}-----)`, 'g'),
    mask: PRIVATE_KEY_MASK,
    hint: 'PRIVATE KEY-----',
  },
  {
    id: 'private-key-unterminated',
    what: 'PEM private key pasted without its END line: the base64 lines after BEGIN (a short line only if it ends in =)',
    pattern: new RegExp(String.raw`(?<=-----BEGIN ${PEM_LABEL}-----)(?:\\n|\s)*[A-Za-z0-9+/=]{16,}(?:(?:\\n|\r?\n)[ \t]*(?:[A-Za-z0-9+/]{16,}={0,2}|[A-Za-z0-9+/]+=+)(?=[ \t]*(?:\\n|\r?\n|$)))*`, 'g'),
    mask: PRIVATE_KEY_MASK,
    hint: 'PRIVATE KEY-----',
  },
  { id: 'openai', what: 'OpenAI, Anthropic, CometAPI and most compatible servers (sk-…)', pattern: /\bsk-[A-Za-z0-9_-]{8,}/g, mask: KEY_MASK },
  { id: 'google-api-key', what: 'Google API key (AIza…)', pattern: /\bAIza[0-9A-Za-z_-]{20,}/g, mask: KEY_MASK },
  { id: 'google-oauth-token', what: 'Google OAuth access token (ya29.…)', pattern: /\bya29\.[0-9A-Za-z_.-]{10,}/g, mask: KEY_MASK },
  { id: 'google-oauth-client-secret', what: 'Google OAuth client secret (GOCSPX-…)', pattern: /\bGOCSPX-[A-Za-z0-9_-]{24,}/g, mask: KEY_MASK },
  { id: 'github', what: 'GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_)', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}/g, mask: KEY_MASK },
  { id: 'github-fine-grained', what: 'GitHub fine-grained token (github_pat_…)', pattern: /\bgithub_pat_[A-Za-z0-9_]{20,}/g, mask: KEY_MASK },
  { id: 'gitlab', what: 'GitLab personal, deploy, runner and trigger tokens (glpat-, gldt-, glrt-, glptt-)', pattern: /\bgl(?:pat|dt|rt|ptt|soat|cbt)-[0-9A-Za-z_.-]{20,}/g, mask: KEY_MASK },
  { id: 'hugging-face', what: 'Hugging Face access token (hf_…) and organisation token (api_org_…)', pattern: /\b(?:hf|api_org)_[A-Za-z0-9]{30,}/g, mask: KEY_MASK },
  { id: 'slack-token', what: 'Slack bot, user, app and refresh tokens (xoxb-, xoxp-, xoxa-, xoxr-, xapp-)', pattern: /\b(?:xox[abposre]|xapp)-[A-Za-z0-9-]{10,}/g, mask: KEY_MASK },
  { id: 'slack-webhook', what: 'Slack incoming webhook URL', pattern: /\bhttps:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]+/g, mask: KEY_MASK },
  { id: 'stripe', what: 'Stripe secret and restricted keys (sk_live_, rk_live_, and _test_) and webhook secrets (whsec_)', pattern: /\b(?:[rs]k_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{24,})/g, mask: KEY_MASK },
  { id: 'sendgrid', what: 'SendGrid API key (SG.<id>.<secret>)', pattern: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g, mask: KEY_MASK },
  { id: 'aws-access-key-id', what: 'AWS access key id (AKIA…, ASIA…)', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, mask: KEY_MASK },
  { id: 'azure-storage-key', what: 'Azure storage and Service Bus keys in connection strings (AccountKey=, SharedAccessKey=)', pattern: /(?<=\b(?:AccountKey|SharedAccessKey)=)[A-Za-z0-9+/]{20,}={0,2}/g, mask: KEY_MASK },
  { id: 'npm', what: 'npm access token (npm_…)', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g, mask: KEY_MASK },
  { id: 'jwt', what: 'JSON Web Token (header.payload.signature, both JSON parts base64url of "{")', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, mask: KEY_MASK },
  {
    id: 'url-credentials',
    what: 'the password in a URL: postgres://user:pass@host, https://user:token@host, redis://:pass@host',
    pattern: new RegExp(String.raw`(?<=\b[A-Za-z][A-Za-z0-9+.-]*://[^\s:@/'"]*:)${NOT_A_PLACEHOLDER}[^\s@/'"]+(?=@)`, 'g'),
    mask: KEY_MASK,
  },
];

/** Every rule applied in table order; a masked secret keeps its line breaks, so line numbers stay right. */
export function maskSecrets(text: string): string {
  let result = text;
  for (const rule of SECRET_RULES) {
    if (rule.hint && !result.includes(rule.hint)) continue;
    result = result.replace(rule.pattern, (secret) => {
      const lead = /^(?:\r?\n)/.exec(secret)?.[0] ?? '';
      const newlines = secret.slice(lead.length).split('\n').length - 1;
      return `${lead}${rule.mask}${'\n'.repeat(newlines)}`;
    });
  }
  return result;
}

const SECRET_NAME = String.raw`[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|api[_-]?key|apikey|access[_-]?key|auth[_-]?token|access[_-]?token|token|private[_-]?key|client[_-]?secret)`;

/** `password = "hunter2"`, `"apiKey": "…"`: a quoted literal assigned to a secret-sounding name, in any file. */
export const QUOTED_SECRET_ASSIGNMENT = new RegExp(
  String.raw`(\b${SECRET_NAME}["']?\s*[:=]\s*)(["'])([^"'\r\n$<{][^"'\r\n]{3,})\2`,
  'gi',
);

/** `password=hunter2`, `token: abc123` (unquoted): only in config-like files, where it cannot be code. */
export const BARE_SECRET_ASSIGNMENT = new RegExp(String.raw`^(\s*(?:export\s+)?${SECRET_NAME}\s*[:=][ \t]*)([^\s"'$<{#][^\s#]{3,})`, 'gim');
