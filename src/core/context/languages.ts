// One table of languages: VS Code's language id and the file extensions it owns (the first is the one a new file
// gets). Files read from disk get their id from it (VS Code knows a file's language only once it is opened as a
// document, and opening one starts language servers); "Save as new file" gets a name from a code block's tag.
const EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  typescript: ['ts', 'mts', 'cts'], typescriptreact: ['tsx'], javascript: ['js', 'mjs', 'cjs'], javascriptreact: ['jsx'],
  json: ['json'], jsonc: ['jsonc'], markdown: ['md'], python: ['py'], ruby: ['rb'], go: ['go'], rust: ['rs'],
  java: ['java'], kotlin: ['kt', 'kts'], swift: ['swift'], c: ['c', 'h'], cpp: ['cpp', 'cc', 'cxx', 'hpp'], csharp: ['cs'],
  php: ['php'], scala: ['scala'], shellscript: ['sh', 'bash', 'zsh'], powershell: ['ps1'], sql: ['sql'],
  html: ['html', 'htm'], css: ['css'], scss: ['scss'], less: ['less'], vue: ['vue'], svelte: ['svelte'],
  yaml: ['yaml', 'yml'], toml: ['toml'], ini: ['ini'], xml: ['xml'], dart: ['dart'], lua: ['lua'], r: ['r'],
  perl: ['pl'], elixir: ['ex', 'exs'], haskell: ['hs'], clojure: ['clj'], fsharp: ['fs'], vb: ['vb'],
  graphql: ['graphql'], proto3: ['proto'], terraform: ['tf'], diff: ['diff'], plaintext: ['txt'],
};

/** Files known by their whole name, not an extension. */
const BY_NAME: Readonly<Record<string, string>> = { dockerfile: 'dockerfile', makefile: 'makefile' };

/** Code-block tags that are neither a language id nor an extension. */
const TAG_ALIASES: Readonly<Record<string, string>> = { shell: 'shellscript', console: 'shellscript', 'c++': 'cpp', 'c#': 'csharp', golang: 'go' };

const LANGUAGE_OF_EXTENSION: ReadonlyMap<string, string> = new Map(
  Object.entries(EXTENSIONS).flatMap(([language, extensions]) => extensions.map((extension): [string, string] => [extension, language])),
);

export function languageOfPath(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const byName = BY_NAME[name];
  if (byName) return byName;
  const dot = name.lastIndexOf('.');
  return (dot > 0 && LANGUAGE_OF_EXTENSION.get(name.slice(dot + 1))) || 'plaintext';
}

/** A new file's name for a code block tagged `tag` ("ts", "typescript", "bash" …): untitled.<ext>, or Dockerfile. */
export function suggestedFileName(tag: string): string {
  const lower = tag.trim().toLowerCase();
  if (lower === 'dockerfile') return 'Dockerfile';
  const language = TAG_ALIASES[lower] ?? (EXTENSIONS[lower] ? lower : LANGUAGE_OF_EXTENSION.get(lower));
  return `untitled.${language ? EXTENSIONS[language][0] : 'txt'}`;
}
