// Keys never appear in anything shown or logged: known secret values and secret-shaped strings are masked.
import { KEY_MASK, maskSecrets } from '../redactPatterns';

export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let result = text;
  for (const secret of knownSecrets) {
    if (secret.length >= 6) result = result.split(secret).join(KEY_MASK);
  }
  return maskSecrets(result);
}
