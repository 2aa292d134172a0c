// Keys never appear in anything shown or logged: known secret values and key-shaped strings are masked.
import { KEY_MASK, KEY_PATTERNS } from '../redactPatterns';

export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let result = text;
  for (const secret of knownSecrets) {
    if (secret.length >= 6) result = result.split(secret).join(KEY_MASK);
  }
  for (const pattern of KEY_PATTERNS) result = result.replace(pattern, KEY_MASK);
  return result;
}
