// Unified diffs as models write them (`--- a/x` / `+++ b/x` / `@@ -l,c +l,c @@`, or `@@ ... @@` without numbers).
// Each hunk becomes a search/replace block: its context and removed lines are what it searches for, its context
// and added lines what it puts there, so it is placed by the same rules and refused on the same mismatches. The
// header's line number only tells equal candidates apart. A hunk whose lines stop short (the answer was cut) is
// left out, never applied in part: a prefix of a hunk can delete lines without their replacement.
import type { SearchReplaceBlock } from './searchReplace';

export interface DiffFile {
  /** The file the diff names (`+++` side, without `a/`/`b/`), undefined for a bare `@@` hunk list. */
  path?: string;
  /** `--- /dev/null`: the file is new. */
  creates: boolean;
  blocks: SearchReplaceBlock[];
  /** Why hunks of this file were left out (cut off, deleting a file). */
  leftOut: string[];
  /** `+++ /dev/null`: the diff deletes the file, which is never applied. */
  deletes?: boolean;
}

const OLD_HEADER = /^--- (.+?)(?:\t.*)?\s*$/;
const NEW_HEADER = /^\+\+\+ (.+?)(?:\t.*)?\s*$/;
const HUNK = /^@@(?:\s+-(\d+)(?:,(\d+))?\s+\+(\d+)(?:,(\d+))?\s+@@.*|.*@@.*|\s*)$/;
const GIT_NOISE = /^(?:diff --git |index [0-9a-f]|new file mode |deleted file mode |similarity index |rename (?:from|to) )/;

/** Whether lines read as a unified diff: file headers followed by a hunk, or hunks alone in a diff block. */
export function looksLikeDiff(lines: readonly string[], language?: string): boolean {
  const hunkAt = lines.findIndex((l) => /^@@/.test(l) && HUNK.test(l));
  if (hunkAt < 0) return false;
  if (language === 'diff' || language === 'patch' || language === 'udiff') return true;
  return lines.some((l, i) => OLD_HEADER.test(l) && NEW_HEADER.test(lines[i + 1] ?? '') && i < hunkAt);
}

function cleanPath(raw: string): string | undefined {
  const path = raw.trim().replace(/^"(.*)"$/, '$1');
  if (path === '/dev/null') return undefined;
  return path.replace(/^[ab]\//, '');
}

interface OpenHunk {
  search: string[];
  replace: string[];
  line?: number;
  oldCount?: number;
  newCount?: number;
  oldSeen: number;
  newSeen: number;
}

/**
 * Parses the diff in `lines`. `cutOff`: 'yes' when the input ended inside an unclosed fence (a last hunk that falls
 * short of its header's counts, or has none to check, is left out), 'maybe' when it may have (only a short one is).
 */
export function parseUnifiedDiff(lines: readonly string[], cutOff: 'no' | 'maybe' | 'yes'): DiffFile[] {
  const files: DiffFile[] = [];
  let file: DiffFile | undefined;
  let hunk: OpenHunk | undefined;
  const startFile = (path: string | undefined, creates: boolean): DiffFile => {
    const next: DiffFile = { path, creates, blocks: [], leftOut: [] };
    files.push(next);
    return next;
  };
  const close = (last: boolean): void => {
    if (!hunk || !file) return;
    if (file.deletes) {
      hunk = undefined;
      return;
    }
    const counted = hunk.oldCount !== undefined && hunk.newCount !== undefined;
    const short = counted && (hunk.oldSeen < hunk.oldCount! || hunk.newSeen < hunk.newCount!);
    // Models miscount, so short counts alone prove nothing; at the very end of a cut answer they do.
    if (last && ((cutOff === 'yes' && (short || !counted)) || (cutOff === 'maybe' && short))) file.leftOut.push(`a hunk of ${file.path ?? 'the diff'} was cut off before its end`);
    else if (hunk.search.length > 0 || hunk.replace.length > 0) file.blocks.push({ search: hunk.search, replace: hunk.replace, line: hunk.line });
    hunk = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (OLD_HEADER.test(line) && NEW_HEADER.test(lines[i + 1] ?? '')) {
      close(false);
      const oldPath = cleanPath(OLD_HEADER.exec(line)![1]);
      const newPath = cleanPath(NEW_HEADER.exec(lines[i + 1])![1]);
      file = startFile(newPath ?? oldPath, oldPath === undefined);
      if (newPath === undefined) {
        file.deletes = true;
        file.leftOut.push(`the diff deletes ${oldPath ?? 'a file'}, which Tandem does not do`);
      }
      i++;
      continue;
    }
    if (GIT_NOISE.test(line)) continue;
    const header = /^@@/.test(line) ? HUNK.exec(line) : null;
    if (header) {
      close(false);
      file ??= startFile(undefined, false);
      const [, oldStart, oldCount, , newCount] = header;
      hunk = {
        search: [],
        replace: [],
        line: oldStart === undefined ? undefined : Math.max(0, Number(oldStart) - 1),
        oldCount: oldStart === undefined ? undefined : oldCount === undefined ? 1 : Number(oldCount),
        newCount: oldStart === undefined ? undefined : newCount === undefined ? 1 : Number(newCount),
        oldSeen: 0,
        newSeen: 0,
      };
      continue;
    }
    if (!hunk) continue;
    if (line.startsWith('\\')) continue;
    const mark = line === '' ? ' ' : line[0];
    const text = line.slice(1);
    if (mark === ' ') {
      hunk.search.push(text);
      hunk.replace.push(text);
      hunk.oldSeen++;
      hunk.newSeen++;
    } else if (mark === '-') {
      hunk.search.push(text);
      hunk.oldSeen++;
    } else if (mark === '+') {
      hunk.replace.push(text);
      hunk.newSeen++;
    } else {
      // Not diff syntax: the diff is malformed here, so this hunk cannot be trusted.
      file!.leftOut.push(`a hunk of ${file!.path ?? 'the diff'} has a line that is not diff syntax (“${line.trim().slice(0, 40)}”)`);
      hunk = undefined;
    }
  }
  close(true);
  return files.filter((f) => f.blocks.length > 0 || f.leftOut.length > 0);
}
