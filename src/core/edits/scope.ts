// The blocks code is made of, found without parsing any one language: a line that leaves brackets open opens a
// block that ends where they close (`{ … }`, `( … )`, `[ … ]`); a line followed by deeper-indented lines opens a
// block over them (Python, YAML), which takes in a closing line at its own depth (`end`, `fi`, `</div>`). The
// engine uses them to keep a rewritten body from leaving the old one behind, and to place a closing line.
import { isBlank, lineKey } from './text';

/** Bracket balance of one line, ignoring brackets in string literals and after a line comment. */
export function bracketDelta(line: string): number {
  const code = line
    .replace(/\\./g, '')
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '""')
    .replace(/(^|\s)(?:\/\/|#(?![{[(])|--\s).*$/, '$1');
  let delta = 0;
  for (const ch of code) {
    if (ch === '{' || ch === '(' || ch === '[') delta++;
    else if (ch === '}' || ch === ')' || ch === ']') delta--;
  }
  return delta;
}

/** A line that closes an indentation block at the block's own depth. */
const CLOSER = /^(?:(?:end|fi|done|esac|endif|endfor|endwhile|endfunction|endmodule)\b[\s;]*|until\b.*|<\/[\w.-]+>\s*|[}\])]+[;,)]*\s*)$/;

export function isCloserLine(line: string): boolean {
  return CLOSER.test(line.trim());
}

/**
 * For each line, the last line (inclusive) of the block it opens, or undefined when it opens none or its block
 * does not close within `lines`. `columns` measures a line's indentation; `after` is the indentation of what
 * follows the lines (an elision's, or -1 at the end of a file or snippet): an indentation block still running at
 * the end closes there only if what follows is not deeper than its first line.
 */
export function blockEnds(lines: readonly string[], columns: (line: string) => number, after = -1): Array<number | undefined> {
  return blockSpans(lines, columns, after).map((span) => span?.end);
}

export interface BlockSpan {
  /** The block's last line. */
  end: number;
  /**
   * The lines themselves show where it ends (a closing bracket, a line back at the header's depth); false when
   * only the end of the lines and what follows them do.
   */
  explicit: boolean;
}

/** Like blockEnds, saying also how each end is known. */
export function blockSpans(lines: readonly string[], columns: (line: string) => number, after = -1): Array<BlockSpan | undefined> {
  const ends: Array<BlockSpan | undefined> = new Array(lines.length).fill(undefined);
  const deltas = lines.map(bracketDelta);
  const depthBefore: number[] = [];
  let depth = 0;
  for (const delta of deltas) {
    depthBefore.push(depth);
    depth += delta;
  }
  for (let i = 0; i < lines.length; i++) {
    if (isBlank(lines[i])) continue;
    if (deltas[i] > 0) {
      let running = depthBefore[i] + deltas[i];
      for (let k = i + 1; k < lines.length; k++) {
        running += deltas[k];
        if (running <= depthBefore[i]) {
          ends[i] = { end: k, explicit: true };
          break;
        }
      }
      continue;
    }
    if (deltas[i] < 0) continue;
    const own = columns(lines[i]);
    let next = i + 1;
    while (next < lines.length && isBlank(lines[next])) next++;
    if (next >= lines.length || columns(lines[next]) <= own) continue;
    let last = next;
    let k = next + 1;
    for (; k < lines.length; k++) {
      if (isBlank(lines[k])) continue;
      if (columns(lines[k]) <= own) break;
      last = k;
    }
    if (k < lines.length) {
      if (columns(lines[k]) === own && isCloserLine(lines[k]) && deltas[k] <= 0) last = k;
      ends[i] = { end: last, explicit: true };
    } else if (after <= own) ends[i] = { end: last, explicit: false };
  }
  return ends;
}

/** A line that opens a declaration or statement block (`save(user) {`, `def total(self):`, `class Cart`). */
export function isHeader(line: string): boolean {
  const key = lineKey(line);
  return /(?:\{|:|=>|\bdo|\bthen)$/.test(key) || /^(?:export\s+)?(?:async\s+)?(?:def|class|function|fn|func|sub|module|interface|struct|impl|trait)\b/.test(key);
}

/** The name a header declares (`save` in `async save(user) {`, `Cart` in `class Cart:`), if it reads as one. */
export function declaredName(line: string): string | undefined {
  const key = lineKey(line);
  const keyword = /\b(?:class|def|function|fn|func|interface|struct|enum|trait|impl|module|type|sub|procedure)\s+(?:\([^)]*\)\s*)?([\p{L}_$][\p{L}\p{N}_$]*)/u.exec(key);
  if (keyword) return keyword[1];
  const call = /([\p{L}_$][\p{L}\p{N}_$]*)\s*(?:<[^>]*>)?\s*\(\s*(?:(["'`])((?:(?!\2).)*)\2)?/u.exec(key);
  if (!call || /^(?:if|for|while|switch|catch|return|await|new|elif|unless|until)$/.test(call[1])) return undefined;
  // A call named by its first string (`it('adds', …)`, `app.get("/users", …)`) declares that string.
  return call[3] === undefined ? call[1] : `${call[1]}(${call[3]})`;
}

/** Languages (ids or extensions) in which a name declared twice in one scope is a redefinition, not an overload. */
const SINGLE_DECLARATION = new Set([
  'typescript', 'ts', 'tsx', 'typescriptreact', 'mts', 'cts', 'javascript', 'js', 'jsx', 'javascriptreact', 'mjs', 'cjs',
  'python', 'py', 'ruby', 'rb', 'go', 'rust', 'rs', 'php', 'lua', 'shellscript', 'sh', 'bash', 'zsh', 'perl', 'pl',
  'r', 'elixir', 'ex', 'exs', 'erlang', 'erl', 'haskell', 'hs', 'ocaml', 'ml', 'clojure', 'clj', 'lisp', 'vue', 'svelte',
  'html', 'css', 'scss', 'less', 'yaml', 'yml', 'toml', 'json', 'jsonc', 'sql', 'markdown', 'md', 'dockerfile', 'makefile',
]);

/** Whether code in this language (a language id, a fence tag or a file extension) may declare one name twice. */
export function mayOverload(language: string | undefined): boolean {
  if (language === undefined || language === '') return true;
  return !SINGLE_DECLARATION.has(language.toLowerCase());
}
