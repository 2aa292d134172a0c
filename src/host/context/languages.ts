// A language id for files read from disk (tabs not yet loaded, files added from the explorer): VS Code only knows
// a file's language once it is opened as a document, and opening one starts language servers.
const BY_EXTENSION: Readonly<Record<string, string>> = {
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescriptreact',
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascriptreact',
  json: 'json', jsonc: 'jsonc', md: 'markdown', py: 'python', rb: 'ruby', go: 'go', rs: 'rust',
  java: 'java', kt: 'kotlin', kts: 'kotlin', swift: 'swift', c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', cxx: 'cpp',
  hpp: 'cpp', cs: 'csharp', php: 'php', scala: 'scala', sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript',
  ps1: 'powershell', sql: 'sql', html: 'html', htm: 'html', css: 'css', scss: 'scss', less: 'less',
  vue: 'vue', svelte: 'svelte', yaml: 'yaml', yml: 'yaml', toml: 'toml', ini: 'ini', xml: 'xml',
  dart: 'dart', lua: 'lua', r: 'r', pl: 'perl', ex: 'elixir', exs: 'elixir', hs: 'haskell', clj: 'clojure',
  fs: 'fsharp', vb: 'vb', graphql: 'graphql', proto: 'proto3', tf: 'terraform', txt: 'plaintext',
};

const BY_NAME: Readonly<Record<string, string>> = { dockerfile: 'dockerfile', makefile: 'makefile' };

export function languageOfPath(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const byName = BY_NAME[name];
  if (byName) return byName;
  const dot = name.lastIndexOf('.');
  return (dot > 0 && BY_EXTENSION[name.slice(dot + 1)]) || 'plaintext';
}
