// The few facts about a language that completion needs without a parser: how a line comment starts, what opens
// a block at the end of a line, whether blocks are made of indentation alone, and which keywords close one.
// Unknown languages get the brace-language defaults, which also suit JSON, CSS and most C-family files.

export interface LanguageHints {
  /** Starts a comment that runs to the end of the line; absent when the language has none. */
  readonly lineComment?: string;
  /** Tested on a line without its trailing comment: the line opens a block whose body follows. */
  readonly blockOpener: RegExp;
  /** Blocks end where the indentation drops (Python, YAML), not at a closing bracket. */
  readonly indentBlocks: boolean;
  /** A line closing a keyword block (`end`, `fi`, `done`): it ends the block the way `}` does. */
  readonly blockCloser?: RegExp;
  /** Quote characters that start strings, so brackets inside them are not counted. */
  readonly quotes: string;
}

const BRACES: LanguageHints = {
  lineComment: '//',
  blockOpener: /(?:[{([]|=>)\s*$/,
  indentBlocks: false,
  quotes: `'"\``,
};

const HASH_COMMENT_BRACES: LanguageHints = { ...BRACES, lineComment: '#', quotes: `'"` };

const PYTHON: LanguageHints = {
  lineComment: '#',
  blockOpener: /(?::|[{([])\s*$/,
  indentBlocks: true,
  quotes: `'"`,
};

const YAML: LanguageHints = {
  lineComment: '#',
  blockOpener: /(?::|:\s*[|>][-+]?|^\s*-)\s*$/,
  indentBlocks: true,
  quotes: `'"`,
};

const RUBY: LanguageHints = {
  lineComment: '#',
  blockOpener: /(?:\bdo(?:\s*\|[^|]*\|)?|[{([]|^\s*(?:def|class|module|if|unless|while|until|case|begin)\b.*)\s*$/,
  indentBlocks: false,
  blockCloser: /^\s*end\b/,
  quotes: `'"`,
};

const LUA: LanguageHints = {
  lineComment: '--',
  blockOpener: /(?:\bthen|\bdo|\bfunction\b.*\)|\brepeat|[{(])\s*$/,
  indentBlocks: false,
  blockCloser: /^\s*(?:end|until)\b/,
  quotes: `'"`,
};

const SHELL: LanguageHints = {
  lineComment: '#',
  blockOpener: /(?:\bthen|\bdo|\belse|\bin|[{(])\s*$/,
  indentBlocks: false,
  blockCloser: /^\s*(?:fi|done|esac)\b/,
  quotes: `'"`,
};

const PROSE: LanguageHints = { blockOpener: /$^/, indentBlocks: false, quotes: '' };

const BY_LANGUAGE: Readonly<Record<string, LanguageHints>> = {
  python: PYTHON,
  yaml: YAML,
  ruby: RUBY,
  lua: LUA,
  shellscript: SHELL,
  perl: HASH_COMMENT_BRACES,
  r: HASH_COMMENT_BRACES,
  powershell: HASH_COMMENT_BRACES,
  makefile: { ...HASH_COMMENT_BRACES, blockOpener: /:(?!=).*$/, indentBlocks: true },
  dockerfile: { ...HASH_COMMENT_BRACES, blockOpener: /$^/ },
  sql: { ...BRACES, lineComment: '--', quotes: `'"` },
  haskell: { ...BRACES, lineComment: '--', blockOpener: /(?:\bwhere|\bdo|\bof|=|[{([])\s*$/, indentBlocks: true, quotes: '"' },
  css: { ...BRACES, lineComment: undefined },
  html: { ...BRACES, lineComment: undefined, blockOpener: /<[a-zA-Z][^/>]*>\s*$/ },
  plaintext: PROSE,
  markdown: PROSE,
};

export function languageHints(languageId: string): LanguageHints {
  return BY_LANGUAGE[languageId] ?? BRACES;
}

/** The line without a trailing line comment (a comment marker inside a string is rare enough to ignore). */
export function withoutLineComment(line: string, hints: LanguageHints): string {
  if (!hints.lineComment) return line;
  const at = line.indexOf(hints.lineComment);
  if (at === -1) return line;
  // `http://` in a string would cut a line short: only a marker after whitespace, or at the start, counts.
  if (at > 0 && !/\s/.test(line[at - 1])) return line;
  return line.slice(0, at);
}

export function isLineComment(line: string, hints: LanguageHints): boolean {
  return hints.lineComment !== undefined && line.trimStart().startsWith(hints.lineComment);
}

export function opensBlock(line: string, hints: LanguageHints): boolean {
  const code = withoutLineComment(line, hints).trimEnd();
  return code.trim() !== '' && hints.blockOpener.test(code);
}
