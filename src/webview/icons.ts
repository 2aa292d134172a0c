// The codicons the panel shows. The build ships only these glyphs: esbuild.js subsets the codicon font and
// stylesheet to this list (the whole font is 60 KB of a 1 MB VSIX), so every icon goes through `codiconClass`
// and the type keeps an icon outside the list from compiling.

export const CODICONS = [
  'add',
  'check',
  'chevron-down',
  'circle-slash',
  'close',
  'comment',
  'comment-discussion',
  'copy',
  'debug-stop',
  'diff',
  'edit',
  'error',
  'export',
  'file',
  'file-media',
  'globe',
  'history',
  'hubot',
  'info',
  'insert',
  'key',
  'lightbulb',
  'mention',
  'new-file',
  'plug',
  'refresh',
  'send',
  'settings-gear',
  'sparkle',
  'terminal',
  'trash',
  'warning',
] as const;

export type Codicon = (typeof CODICONS)[number];

/** The classes that show icon `name`. */
export function codiconClass(name: Codicon): string {
  return `codicon codicon-${name}`;
}
