// Reads `git diff` output (what the Git extension's `repository.diff(true)` returns) into one record per file.
// File headers go through the `diff` library's parsePatch (it knows git's extended headers and C-quoted names);
// hunks are read here, leniently, because parsePatch throws on a hunk whose line counts do not match (a diff the
// host cut at a size cap ends that way) and drops the text after `@@ … @@`, which names the changed function.
import { parsePatch } from 'diff';

export type FileChange = 'added' | 'deleted' | 'modified' | 'renamed' | 'copied';

export interface DiffHunk {
  /** `@@ -10,7 +10,8 @@ function total(items)` as git wrote it. */
  readonly header: string;
  /** Body lines with their ' ', '+', '-' or '\' prefix, without line ends. */
  readonly lines: readonly string[];
}

export interface FileDiff {
  /** Repository-relative, forward slashes; the old path for a deleted file. */
  readonly path: string;
  /** Set for renames and copies. */
  readonly oldPath?: string;
  readonly change: FileChange;
  readonly binary: boolean;
  readonly oldMode?: string;
  readonly newMode?: string;
  /** `similarity index 95%` of a rename or copy. */
  readonly similarity?: number;
  readonly added: number;
  readonly removed: number;
  readonly hunks: readonly DiffHunk[];
}

const FILE_START = /^diff --(?:git|cc|combined) /;
const HUNK_HEADER = /^@@@* -(\d+)(?:,(\d+))? (?:-\d+(?:,\d+)? )*\+(\d+)(?:,(\d+))? @@/;
const NULL_PATH = '/dev/null';

/** Every file of a git diff, in diff order. Text that is not a diff gives an empty list. */
export function parseGitDiff(text: string): FileDiff[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const files: FileDiff[] = [];
  let i = 0;
  while (i < lines.length) {
    const start = i;
    const hasGitHeader = FILE_START.test(lines[i]);
    if (!hasGitHeader && !isPlainFileHeader(lines, i)) {
      i++;
      continue;
    }
    // Extended headers (mode, rename, index, Binary files …) and the ---/+++ pair run up to the first hunk.
    i++;
    while (i < lines.length && !lines[i].startsWith('@@') && !FILE_START.test(lines[i]) && !(hasGitHeader ? false : isPlainFileHeader(lines, i))) {
      if (lines[i].startsWith('+++ ')) {
        i++;
        break;
      }
      i++;
    }
    const headerLines = lines.slice(start, i);
    const hunks: DiffHunk[] = [];
    let binary = headerLines.some(isBinaryMarker);
    while (i < lines.length && !FILE_START.test(lines[i]) && !isPlainFileHeader(lines, i)) {
      if (HUNK_HEADER.test(lines[i])) {
        const [hunk, next] = readHunk(lines, i);
        hunks.push(hunk);
        i = next;
      } else {
        // GIT binary patch data or text between files: not part of any hunk.
        if (isBinaryMarker(lines[i])) binary = true;
        i++;
      }
    }
    files.push(fileFrom(headerLines, hunks, binary));
  }
  return files;
}

function isBinaryMarker(line: string): boolean {
  return line.startsWith('Binary files ') || line === 'GIT binary patch';
}

/** A `--- x` / `+++ y` pair outside a hunk starts a file in a diff without `diff --git` lines. */
function isPlainFileHeader(lines: readonly string[], i: number): boolean {
  return lines[i].startsWith('--- ') && i + 1 < lines.length && lines[i + 1].startsWith('+++ ');
}

/** Reads one hunk from its header; returns it and the index after it. Stops early at anything not a body line. */
function readHunk(lines: readonly string[], start: number): [DiffHunk, number] {
  const match = HUNK_HEADER.exec(lines[start])!;
  let oldLeft = match[2] === undefined ? 1 : Number(match[2]);
  let newLeft = match[4] === undefined ? 1 : Number(match[4]);
  const body: string[] = [];
  let i = start + 1;
  while (i < lines.length && (oldLeft > 0 || newLeft > 0 || lines[i].startsWith('\\'))) {
    const line = lines[i];
    const op = line === '' ? ' ' : line[0];
    if (op === '+') newLeft--;
    else if (op === '-') oldLeft--;
    else if (op === ' ') {
      oldLeft--;
      newLeft--;
    } else if (op !== '\\') break;
    // An empty line inside the counts is a context line whose space an editor trimmed.
    body.push(line === '' ? ' ' : line);
    i++;
  }
  return [{ header: lines[start], lines: body }, i];
}

interface Header {
  oldName?: string;
  newName?: string;
  isCreate?: boolean;
  isDelete?: boolean;
  isRename?: boolean;
  isCopy?: boolean;
  oldMode?: string;
  newMode?: string;
}

function readHeader(headerLines: readonly string[]): Header {
  const first = headerLines[0];
  if (/^diff --(?:cc|combined) /.test(first)) {
    const name = first.replace(/^diff --(?:cc|combined) /, '');
    return { oldName: name, newName: name };
  }
  try {
    const [patch] = parsePatch(headerLines.join('\n'));
    return {
      oldName: patch?.oldFileName,
      newName: patch?.newFileName,
      isCreate: patch?.isCreate,
      isDelete: patch?.isDelete,
      isRename: patch?.isRename,
      isCopy: patch?.isCopy,
      oldMode: patch?.oldMode,
      newMode: patch?.newMode,
    };
  } catch {
    // A header cut short (--- without +++): the diff --git line still names the file.
    const names = /^diff --git (\S+) (\S+)$/.exec(first);
    return { oldName: names?.[1], newName: names?.[2] };
  }
}

function fileFrom(headerLines: readonly string[], hunks: readonly DiffHunk[], binary: boolean): FileDiff {
  const header = readHeader(headerLines);
  const [oldName, newName] = withoutPrefixes(header.oldName, header.newName);
  const isCreate = header.isCreate === true || (oldName === NULL_PATH && newName !== NULL_PATH);
  const isDelete = header.isDelete === true || (newName === NULL_PATH && oldName !== NULL_PATH);
  const change: FileChange = isCreate ? 'added' : isDelete ? 'deleted' : header.isRename ? 'renamed' : header.isCopy ? 'copied' : 'modified';
  const path = (isDelete ? oldName : newName) ?? oldName ?? '';
  const similarity = headerLines.map((l) => /^similarity index (\d+)%/.exec(l)).find((m) => m !== null);
  let added = 0;
  let removed = 0;
  for (const hunk of hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith('+')) added++;
      else if (line.startsWith('-')) removed++;
    }
  }
  const renamed = change === 'renamed' || change === 'copied';
  return {
    path,
    ...(renamed && oldName !== undefined ? { oldPath: oldName } : {}),
    change,
    binary,
    ...(header.oldMode !== undefined ? { oldMode: header.oldMode } : {}),
    ...(header.newMode !== undefined ? { newMode: header.newMode } : {}),
    ...(similarity ? { similarity: Number(similarity[1]) } : {}),
    added,
    removed,
    hunks,
  };
}

/**
 * Strips git's side prefixes: a/ b/ by default, i/ w/ c/ o/ with diff.mnemonicPrefix. Only when both sides carry
 * one (or one side is /dev/null), so a path that merely starts with "a/" under diff.noprefix is kept whole.
 */
function withoutPrefixes(oldName: string | undefined, newName: string | undefined): [string | undefined, string | undefined] {
  const prefixed = (name: string | undefined): boolean => name === undefined || name === NULL_PATH || /^[abciwo]\//.test(name);
  if (!prefixed(oldName) || !prefixed(newName)) return [oldName, newName];
  const strip = (name: string | undefined): string | undefined => (name === undefined || name === NULL_PATH ? name : name.slice(2));
  return [strip(oldName), strip(newName)];
}
