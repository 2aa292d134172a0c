// Keys never appear in anything shown or logged: known secret values and key-shaped strings are masked.

const KEY_PATTERNS: readonly RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{8,}/g, // OpenAI, CometAPI, many compatible servers
  /\bAIza[0-9A-Za-z_-]{20,}/g, // Google API keys
  /\bya29\.[0-9A-Za-z_.-]{10,}/g, // Google OAuth access tokens
];

export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let result = text;
  for (const secret of knownSecrets) {
    if (secret.length >= 6) result = result.split(secret).join('[redacted key]');
  }
  for (const pattern of KEY_PATTERNS) result = result.replace(pattern, '[redacted key]');
  return result;
}
