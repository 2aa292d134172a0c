// `@folder <path>` and `@workspace` in a chat message, and the context block a packed folder becomes. The packing
// itself (every ignore rule, relevance order, the budget) is core/context/folderPack.ts.
import type { FolderPack } from '../context/folderPack';
import { describeLeftOut } from '../context/folderPack';
import { workspacePath } from '../context/paths';
import { ITEM_SEPARATOR, renderItem } from '../context/render';

export interface FolderMention {
  /** Workspace path of the folder; '' for `@workspace`. */
  readonly folder: string;
  /** As typed, for messages: "@folder src", "@workspace". */
  readonly label: string;
}

const FOLDER = /(?:^|\s)@folder\s+("[^"\n]+"|\S+)/i;
const WORKSPACE = /(?:^|\s)@workspace\b/i;

/** The first `@folder` (a quoted path may hold spaces) or `@workspace` mention; undefined without one. */
export function parseFolderMention(message: string): FolderMention | undefined {
  const folder = FOLDER.exec(message);
  if (folder) {
    const raw = folder[1].replace(/^"|"$/g, '');
    const path = workspacePath(raw).replace(/\/+$/, '');
    return { folder: path === '.' ? '' : path, label: `@folder ${raw}` };
  }
  return WORKSPACE.test(message) ? { folder: '', label: '@workspace' } : undefined;
}

export interface PackedText {
  readonly path: string;
  readonly languageId: string;
  /** Redacted, as counted by the packer. */
  readonly text: string;
}

/** The included files, in the pack's order, each fenced as every other context file is. */
export function renderFolderPack(mention: FolderMention, pack: FolderPack, texts: ReadonlyMap<string, PackedText>): string {
  const files = pack.included.map((file, order) => {
    const { path, languageId, text } = texts.get(file.path)!;
    return renderItem({ id: path, kind: 'file', label: path, path, languageId, text, lineCount: text.split('\n').length, tokens: file.tokens, order, pinned: true });
  });
  const leftOut = describeLeftOut(pack);
  const header = `${mention.label}: ${pack.included.length} file${pack.included.length === 1 ? '' : 's'}${leftOut ? `; ${leftOut}` : ''}.`;
  return [header, ...files].join(ITEM_SEPARATOR);
}

/** "120K tokens (~$0.03)": what the cost prompt and the notice say. */
export function describePackCost(pack: FolderPack, formatTokens: (n: number) => string, formatUsd: (n: number) => string): string {
  return `${formatTokens(pack.totalTokens)} tokens${pack.costUsd !== undefined ? ` (~${formatUsd(pack.costUsd)})` : ''}`;
}
