// The file an answer's code block names, in the ways models name it: in the fence's info string
// (```ts src/cart.ts, ```python:app/main.py, ```ts title="src/cart.ts"), on a line of its own above the block
// (**src/cart.ts**, `src/cart.ts`, ### src/cart.ts, File: src/cart.ts), or as a comment that is the block's
// first line (// src/cart.ts). Only a token shaped like a path counts: a directory separator or an extension.

const PATH_TOKEN = /^(?:\.{0,2}\/)?\.?[\w@+~-][\w.@+~/\\-]*$/;

/** Whether a token is shaped like a workspace-relative file path (not a URL, a number or a bare word). */
export function isPathLike(token: string): boolean {
  if (token.length < 3 || token.length > 200 || !PATH_TOKEN.test(token)) return false;
  if (/^\d+(\.\d+)*$/.test(token) || /^\.+$/.test(token)) return false;
  if (!/[A-Za-z]/.test(token)) return false;
  if (token.includes('/') || token.includes('\\')) return !token.endsWith('/') && !token.includes('//');
  // A name with an extension (cart.ts), or a dotfile (.env, .gitignore).
  return /^[^.].*\.(?=[\w+-]*[A-Za-z])[\w+-]{1,12}$/.test(token) || /^\.[A-Za-z][\w-]{2,}$/.test(token);
}

function normalize(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** The language and the path an info string gives (the path only when it names one). */
export function readFenceInfo(info: string): { language?: string; path?: string } {
  const text = info.trim();
  if (text === '') return {};
  const titled = /(?:title|file|filename|path)\s*=\s*"([^"]+)"|(?:title|file|filename|path)\s*=\s*(\S+)/i.exec(text);
  const [first, ...rest] = text.split(/\s+/);
  const colon = /^([\w#+.-]+):(.+)$/.exec(first);
  let language: string | undefined = first;
  let path: string | undefined;
  if (titled) path = titled[1] ?? titled[2];
  else if (colon && isPathLike(colon[2])) {
    language = colon[1];
    path = colon[2];
  } else if (rest.length > 0 && isPathLike(rest[0])) path = rest[0];
  else if (isPathLike(first) && /[/\\]|\.[A-Za-z0-9]+$/.test(first) && first.includes('.')) {
    path = first;
    language = undefined;
  }
  return { language: language?.toLowerCase(), path: path && isPathLike(path) ? normalize(path) : undefined };
}

const COMMENT_AROUND = /^(?:\/\/+|#+|--+|;+|\/\*+|<!--|%+)\s*(.*?)\s*(?:\*+\/|-->)?$/;
const LABEL = /^(?:file(?:name)?|path)\s*:\s*/i;

/**
 * The path a line names when it names nothing else: the line is only the path, maybe decorated (bold, code,
 * heading, a comment, a "File:" label, a trailing colon). Prose that merely mentions a file is not a name.
 */
export function pathOnLine(line: string): string | undefined {
  let text = line.trim();
  if (text === '' || text.length > 240) return undefined;
  const comment = COMMENT_AROUND.exec(text);
  if (comment && /^(?:\/\/|#|--|;|\/\*|<!--|%)/.test(text)) text = comment[1];
  text = text.replace(/^#{1,6}\s+/, '').replace(/^[-*]\s+/, '');
  for (let k = 0; k < 3; k++) {
    const before = text;
    text = text.replace(/^\*\*(.*)\*\*:?$/, '$1').replace(/^__(.*)__:?$/, '$1').replace(/^\*(.*)\*:?$/, '$1');
    text = text.replace(LABEL, '').replace(/:$/, '').trim();
    text = text.replace(/^`([^`]+)`$/, '$1').trim();
    if (text === before) break;
  }
  return isPathLike(text) ? normalize(text) : undefined;
}
