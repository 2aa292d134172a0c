// The patch format OpenAI's models write for their apply_patch tool, which GPT models also answer in:
//   *** Begin Patch / *** Update File: path / @@ optional line it follows / ' ' '-' '+' lines / *** End Patch,
// with *** Add File: (all lines added) and *** Delete File:. Each hunk becomes a search/replace block placed by
// the same rules as any other; the text after @@ names a line the hunk comes after, which only tells equal
// candidates apart. A patch that never reaches *** End Patch was cut off: its last hunk is left out.
import type { SearchReplaceBlock } from './searchReplace';
import type { DiffFile } from './unifiedDiff';

const BEGIN = /^\*\*\* Begin Patch\s*$/;
const END = /^\*\*\* End Patch\s*$/;
const FILE = /^\*\*\* (Update|Add|Delete) File: (.+?)\s*$/;
const MOVE = /^\*\*\* Move to: (.+?)\s*$/;
const END_OF_FILE = /^\*\*\* End of File\s*$/;

/** Whether lines hold an apply_patch patch. */
export function looksLikePatch(lines: readonly string[]): boolean {
  return lines.some((l) => BEGIN.test(l)) && lines.some((l) => FILE.test(l));
}

interface OpenHunk {
  search: string[];
  replace: string[];
  after?: string;
}

/** Parses a patch; `cutOff`: the input may have ended early, so a patch without *** End Patch lost its tail. */
export function parsePatch(lines: readonly string[], cutOff: boolean): DiffFile[] {
  const files: DiffFile[] = [];
  let file: DiffFile | undefined;
  let kind: 'Update' | 'Add' | 'Delete' | undefined;
  let hunk: OpenHunk | undefined;
  let ended = false;
  /** Files the patch stopped being trustworthy for (deleted, moved, malformed): none of their hunks apply. */
  const untrusted = new Set<DiffFile>();
  const close = (): void => {
    if (file && hunk && (hunk.search.length > 0 || hunk.replace.length > 0)) {
      const block: SearchReplaceBlock = { search: hunk.search, replace: hunk.replace };
      if (hunk.after !== undefined) block.after = hunk.after;
      file.blocks.push(block);
    }
    hunk = undefined;
  };
  for (const line of lines) {
    if (END.test(line)) {
      close();
      ended = true;
      break;
    }
    const header = FILE.exec(line);
    if (header) {
      close();
      kind = header[1] as 'Update' | 'Add' | 'Delete';
      file = { path: header[2], creates: kind === 'Add', blocks: [], leftOut: [] };
      files.push(file);
      if (kind === 'Delete') {
        untrusted.add(file);
        file.leftOut.push(`the patch deletes ${header[2]}, which Tandem does not do`);
      } else hunk = { search: [], replace: [] };
      continue;
    }
    if (!file || kind === 'Delete' || BEGIN.test(line) || END_OF_FILE.test(line)) continue;
    const moved = MOVE.exec(line);
    if (moved) {
      file.leftOut.push(`the patch moves ${file.path} to ${moved[1]}, which Tandem does not do`);
      untrusted.add(file);
      kind = 'Delete';
      continue;
    }
    if (line.startsWith('@@')) {
      close();
      const after = line.slice(2).trim();
      hunk = after === '' ? { search: [], replace: [] } : { search: [], replace: [], after };
      continue;
    }
    hunk ??= { search: [], replace: [] };
    const mark = line === '' ? ' ' : line[0];
    const text = line.slice(1);
    if (kind === 'Add') {
      if (mark === '+') hunk.replace.push(text);
      else {
        file.leftOut.push(`a line of the added ${file.path} is not marked + (“${line.trim().slice(0, 40)}”)`);
        untrusted.add(file);
      }
    } else if (mark === ' ') {
      hunk.search.push(text);
      hunk.replace.push(text);
    } else if (mark === '-') hunk.search.push(text);
    else if (mark === '+') hunk.replace.push(text);
    else {
      file.leftOut.push(`a hunk of ${file.path} has a line that is not patch syntax (“${line.trim().slice(0, 40)}”)`);
      untrusted.add(file);
      kind = 'Delete';
      hunk = undefined;
    }
  }
  if (!ended && cutOff && file && hunk) {
    file.leftOut.push(`the patch for ${file.path} was cut off before *** End Patch`);
    hunk = undefined;
  }
  close();
  for (const f of untrusted) f.blocks = [];
  return files.filter((f) => f.blocks.length > 0 || f.leftOut.length > 0);
}
