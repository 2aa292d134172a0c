// Context text is masked before it is counted or shown, so the plan's token counts are those of what is sent.
// Every replacement keeps the line count: ranges like "src/a.ts:10-24" must still point at the right lines.
import { BARE_SECRET_ASSIGNMENT, QUOTED_SECRET_ASSIGNMENT, maskSecrets } from '../redactPatterns';

const SECRET_MASK = '[redacted]';

const CONFIG_LANGUAGES = new Set(['dotenv', 'properties', 'ini', 'yaml', 'toml', 'shellscript', 'dockerfile', 'plaintext', 'makefile']);
const CONFIG_EXTENSIONS = /\.(?:env|ini|cfg|conf|config|properties|ya?ml|toml|sh|bash|zsh)$/i;

function isConfigLike(languageId: string, path: string): boolean {
  return CONFIG_LANGUAGES.has(languageId) || CONFIG_EXTENSIONS.test(path) || /(?:^|\/)\.env[^/]*$/.test(path);
}

export function redactContextText(text: string, languageId = '', path = ''): string {
  let result = maskSecrets(text);
  result = result.replace(QUOTED_SECRET_ASSIGNMENT, (_all, head: string, quote: string) => `${head}${quote}${SECRET_MASK}${quote}`);
  if (isConfigLike(languageId, path)) result = result.replace(BARE_SECRET_ASSIGNMENT, (_all, head: string) => `${head}${SECRET_MASK}`);
  return result;
}
