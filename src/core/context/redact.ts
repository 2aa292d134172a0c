// Context text is masked before it is counted or shown, so the plan's token counts are those of what is sent.
// Every replacement keeps the line count: ranges like "src/a.ts:10-24" must still point at the right lines.
import {
  BARE_SECRET_ASSIGNMENT,
  KEY_MASK,
  KEY_PATTERNS,
  PRIVATE_KEY_BLOCK,
  QUOTED_SECRET_ASSIGNMENT,
} from '../redactPatterns';

const SECRET_MASK = '[redacted]';

const CONFIG_LANGUAGES = new Set(['dotenv', 'properties', 'ini', 'yaml', 'toml', 'shellscript', 'dockerfile', 'plaintext', 'makefile']);
const CONFIG_EXTENSIONS = /\.(?:env|ini|cfg|conf|config|properties|ya?ml|toml|sh|bash|zsh)$/i;

function isConfigLike(languageId: string, path: string): boolean {
  return CONFIG_LANGUAGES.has(languageId) || CONFIG_EXTENSIONS.test(path) || /(?:^|\/)\.env[^/]*$/.test(path);
}

export function redactContextText(text: string, languageId = '', path = ''): string {
  let result = text.replace(PRIVATE_KEY_BLOCK, (_all, label: string, body: string) => {
    const newlines = body.split('\n').length - 1;
    const inner = newlines > 0 ? `\n[redacted private key]${'\n'.repeat(newlines - 1)}` : '[redacted private key]';
    return `-----BEGIN ${label}-----${inner}-----END ${label}-----`;
  });
  for (const pattern of KEY_PATTERNS) result = result.replace(pattern, KEY_MASK);
  result = result.replace(QUOTED_SECRET_ASSIGNMENT, (_all, head: string, quote: string) => `${head}${quote}${SECRET_MASK}${quote}`);
  if (isConfigLike(languageId, path)) result = result.replace(BARE_SECRET_ASSIGNMENT, (_all, head: string) => `${head}${SECRET_MASK}`);
  return result;
}
