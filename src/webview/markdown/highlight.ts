// Syntax highlighting with highlight.js core and a curated set of languages (the full set would triple the bundle).
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import scss from 'highlight.js/lib/languages/scss';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import swift from 'highlight.js/lib/languages/swift';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import ini from 'highlight.js/lib/languages/ini';
import { MAX_COLOURED_CODE_CHARS } from './codeText';

const LANGUAGES = { bash, c, cpp, csharp, css, diff, go, java, javascript, json, kotlin, markdown, php, python, ruby, rust, scss, shell, sql, swift, typescript, xml, yaml, dockerfile, ini };
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);
hljs.registerAliases(['ts', 'tsx', 'mts', 'cts'], { languageName: 'typescript' });
hljs.registerAliases(['js', 'jsx', 'mjs', 'cjs', 'node'], { languageName: 'javascript' });
hljs.registerAliases(['sh', 'zsh', 'console'], { languageName: 'bash' });
hljs.registerAliases(['html', 'htm', 'svg', 'vue'], { languageName: 'xml' });
hljs.registerAliases(['py'], { languageName: 'python' });
hljs.registerAliases(['rs'], { languageName: 'rust' });
hljs.registerAliases(['yml'], { languageName: 'yaml' });
hljs.registerAliases(['cs'], { languageName: 'csharp' });
hljs.registerAliases(['toml'], { languageName: 'ini' });

/** The colours code is painted in; each is a CSS highlight named `tandem-<colour>` (styles.css). */
export type CodeColour = 'keyword' | 'literal' | 'string' | 'number' | 'comment' | 'function' | 'type' | 'variable' | 'addition' | 'deletion';

/** A highlight.js scope, as its HTML classes name it (`title.function_`) → its colour. A scope not here takes the
 * colour of the scope around it. */
export const COLOUR_OF_SCOPE: Readonly<Record<string, CodeColour>> = {
  keyword: 'keyword', built_in: 'keyword', meta: 'keyword', tag: 'keyword', name: 'keyword', 'selector-tag': 'keyword',
  literal: 'literal',
  string: 'string', regexp: 'string', symbol: 'string',
  number: 'number',
  comment: 'comment', quote: 'comment',
  title: 'function', 'title.function_': 'function', section: 'function',
  'title.class_': 'type', type: 'type',
  attr: 'variable', variable: 'variable', params: 'variable', property: 'variable', attribute: 'variable',
  addition: 'addition', deletion: 'deletion',
};

/** Code from `start` to `end` (UTF-16 offsets into the code) in one colour. */
export interface ColouredRun {
  start: number;
  end: number;
  colour: CodeColour;
}

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#39;': "'" };

/** The coloured runs of highlight.js's HTML, in order and never overlapping; undefined if its text is not `code`. */
export function runsOfHighlightedHtml(html: string, code: string): ColouredRun[] | undefined {
  const runs: ColouredRun[] = [];
  const open: (CodeColour | undefined)[] = [];
  let at = 0;
  for (const [token, classes] of html.matchAll(/<span class="([^"]*)">|<\/span>|&[#\w]+;|[^<&]+/g)) {
    if (classes !== undefined) {
      const [first = '', ...rest] = classes.split(' ');
      const scope = first.replace(/^hljs-/, '');
      open.push(COLOUR_OF_SCOPE[[scope, ...rest].join('.')] ?? COLOUR_OF_SCOPE[scope] ?? open[open.length - 1]);
      continue;
    }
    if (token === '</span>') {
      open.pop();
      continue;
    }
    const text = token.startsWith('&') ? ENTITIES[token] : token;
    if (text === undefined || code.startsWith(text, at) === false) return undefined;
    const colour = open[open.length - 1];
    const last = runs[runs.length - 1];
    if (colour && last?.colour === colour && last.end === at) last.end += text.length;
    else if (colour) runs.push({ start: at, end: at + text.length, colour });
    at += text.length;
  }
  return at === code.length ? runs : undefined;
}

/** The coloured runs of `code` in a known language, else undefined. Large blocks stay plain. */
export function colouredRuns(code: string, language: string): ColouredRun[] | undefined {
  if (!language || code.length > MAX_COLOURED_CODE_CHARS || !hljs.getLanguage(language)) return undefined;
  try {
    return runsOfHighlightedHtml(hljs.highlight(code, { language, ignoreIllegals: true }).value, code);
  } catch {
    return undefined;
  }
}
