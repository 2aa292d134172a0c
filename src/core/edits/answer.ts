// The one reader of a model's answer, for every path that applies one (the chat's code block, a whole chat
// answer, the editor commands and the QuickFix). It finds fenced code blocks, SEARCH/REPLACE blocks (inside a
// fence or not; their markers win over fences, since a replacement may itself hold ``` lines) and unified diffs,
// and the file each names. What cannot be applied safely is never returned as an edit: a block cut before its
// closing marker, or one with marker-like lines we cannot read, is listed in `leftOut` with the reason.
import { pathOnLine, readFenceInfo } from './filePaths';
import { isMarkerLike, markerKind, readLineHint } from './markers';
import type { SearchReplaceBlock } from './searchReplace';
import { looksLikePatch, parsePatch } from './applyPatch';
import { type DiffFile, looksLikeDiff, parseUnifiedDiff } from './unifiedDiff';

export type EditBody =
  /** A fenced block's code: a replacement, a whole file or a snippet, with or without elisions. */
  | { kind: 'code'; text: string; language?: string }
  /** Blocks to locate in the file: SEARCH/REPLACE markers, or the hunks of a unified diff. */
  | { kind: 'blocks'; format: 'searchReplace' | 'diff'; blocks: SearchReplaceBlock[]; createsFile?: boolean };

export interface AnswerEdit {
  /** The file the answer names for this edit (workspace-relative, as written); undefined: the file applied to. */
  path?: string;
  body: EditBody;
  /** False when the answer stopped inside this code block (no closing fence): the code may be cut short. */
  complete: boolean;
  /** A first line that only named the file (`// src/cart.ts`), taken out of the code; put back if the file has it. */
  pathLine?: string;
}

export interface ParsedAnswer {
  edits: AnswerEdit[];
  /** Parts that look like edits but are not applied, each with its reason (cut off, malformed). */
  leftOut: string[];
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const DIFF_SYNTAX = /^(?:[ +\-\\]|@@|diff --git |index [0-9a-f])/;

function closesFence(line: string, fence: string): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
  return !!match && match[1][0] === fence[0] && match[1].length >= fence.length;
}

interface OpenFence {
  marker: string;
  language?: string;
  path?: string;
  lines: string[];
  hasBlocks: boolean;
  malformed: boolean;
  /** The path of the fence's previous SEARCH/REPLACE block, which later blocks in the fence inherit. */
  blockPath?: string;
}

interface OpenBlock {
  section: 'search' | 'replace';
  search: string[];
  replace: string[];
  path?: string;
  /** A second ======= line: the block cannot be split into SEARCH and REPLACE without guessing. */
  ambiguous: boolean;
  /** The fence the block is in, if any. */
  fence?: OpenFence;
}

function describeBlock(count: number, path: string | undefined): string {
  return `SEARCH/REPLACE block ${count}${path ? ` for ${path}` : ''}`;
}

/** A fenced block as read: what the chat view shows as one code block, and the file named for it. */
export interface ReadFence {
  code: string;
  path?: string;
}

class AnswerReader {
  readonly edits: AnswerEdit[] = [];
  readonly leftOut: string[] = [];
  readonly fences: ReadFence[] = [];
  private fence: OpenFence | undefined;
  private block: OpenBlock | undefined;
  private blockCount = 0;
  /** A line naming a file, seen just before what comes next (a fence or a SEARCH marker). */
  private namedPath: string | undefined;
  private proseBlockPath: string | undefined;
  private prose: string[] = [];
  private proseStart = 0;

  constructor(private readonly lines: readonly string[]) {}

  read(): void {
    this.lines.forEach((line, i) => this.step(line, i));
    this.finish();
  }

  /** Reads lines as the inside of one fence whose info string is `info` (the chat's code block). */
  readAsFence(info: string): void {
    const { language, path } = readFenceInfo(info);
    // No marker: nothing inside the block's code closes it.
    this.fence = { marker: '', language, path, lines: [], hasBlocks: false, malformed: false };
    this.lines.forEach((line, i) => this.step(line, i));
    if (this.block) this.cutBlock();
    if (this.fence) this.closeFence(true, 'maybe');
  }

  private step(line: string, i: number): void {
    if (this.block) return this.stepInBlock(line);
    const kind = markerKind(line);
    if (kind === 'search') return this.openBlock();
    if (kind === 'replace' || isMarkerLike(line)) {
      this.leftOut.push(`a malformed SEARCH/REPLACE marker (“${line.trim().slice(0, 40)}”) was not applied`);
      if (this.fence) this.fence.malformed = true;
      return;
    }
    if (this.fence) {
      if (closesFence(line, this.fence.marker)) return this.closeFence(true, 'no');
      this.fence.lines.push(line);
      const named = pathOnLine(line);
      if (named) this.namedPath = named;
      else if (line.trim() !== '') this.namedPath = undefined;
      return;
    }
    const open = FENCE_OPEN.exec(line);
    if (open && !(open[1][0] === '`' && open[2].includes('`'))) {
      this.flushProse();
      const { language, path } = readFenceInfo(open[2]);
      this.fence = { marker: open[1], language, path: path ?? this.namedPath, lines: [], hasBlocks: false, malformed: false };
      this.namedPath = undefined;
      return;
    }
    if (this.prose.length === 0) this.proseStart = i;
    if (line.trim() !== '') this.group = undefined;
    this.prose.push(line);
    const named = pathOnLine(line);
    if (named) this.namedPath = named;
    else if (line.trim() !== '') this.namedPath = undefined;
  }

  private openBlock(): void {
    let path: string | undefined;
    if (this.fence) {
      this.fence.hasBlocks = true;
      path = this.namedPath ?? this.fence.blockPath ?? this.fence.path;
      this.fence.blockPath = path;
    } else {
      this.flushProse();
      path = this.namedPath ?? this.proseBlockPath;
      this.proseBlockPath = path;
    }
    this.namedPath = undefined;
    this.block = { section: 'search', search: [], replace: [], path, ambiguous: false, fence: this.fence };
  }

  private stepInBlock(line: string): void {
    const block = this.block!;
    const kind = markerKind(line);
    if (block.section === 'search') {
      if (kind === 'divider') block.section = 'replace';
      else if (kind === 'search' || kind === 'replace') {
        this.blockCount++;
        this.leftOut.push(`${describeBlock(this.blockCount, block.path)} has no ======= line between SEARCH and REPLACE`);
        this.block = undefined;
        if (kind === 'search') this.openBlock();
      } else block.search.push(line);
      return;
    }
    if (kind === 'replace') {
      this.blockCount++;
      this.block = undefined;
      if (block.ambiguous) {
        this.leftOut.push(`${describeBlock(this.blockCount, block.path)} has two ======= lines, so where its replacement starts is a guess`);
        return;
      }
      this.addBlock(block);
    } else if (kind === 'divider') block.ambiguous = true;
    else if (kind === 'search') {
      this.blockCount++;
      this.leftOut.push(`${describeBlock(this.blockCount, block.path)} has no REPLACE line`);
      this.block = undefined;
      this.openBlock();
    } else block.replace.push(line);
  }

  /** Blocks read from the same fence (or the same stretch of prose) for the same file make one edit. */
  private group: { from: OpenFence | 'prose'; edit: AnswerEdit } | undefined;

  private addBlock(open: OpenBlock): void {
    const { lines: search, line } = readLineHint(open.search);
    const block: SearchReplaceBlock = line === undefined ? { search, replace: open.replace } : { search, replace: open.replace, line };
    const from = open.fence ?? 'prose';
    const group = this.group;
    if (group && group.from === from && group.edit.path === open.path && group.edit.body.kind === 'blocks') {
      group.edit.body.blocks.push(block);
      return;
    }
    const edit: AnswerEdit = { path: open.path, body: { kind: 'blocks', format: 'searchReplace', blocks: [block] }, complete: true };
    this.edits.push(edit);
    this.group = { from, edit };
  }

  private cutBlock(): void {
    const block = this.block!;
    this.blockCount++;
    const where = block.section === 'search' ? 'before its ======= line' : 'before its REPLACE line';
    this.leftOut.push(`${describeBlock(this.blockCount, block.path)} was cut off ${where}`);
    this.block = undefined;
  }

  private closeFence(closed: boolean, cutOff: 'no' | 'maybe' | 'yes'): void {
    const fence = this.fence!;
    this.fence = undefined;
    this.namedPath = undefined;
    this.fences.push({ code: fence.lines.join('\n'), path: fence.path ?? fence.blockPath });
    if (fence.hasBlocks || fence.malformed) return;
    const nonBlank = fence.lines.filter((l) => l.trim() !== '');
    // A fence holding only a file name names the file of the next block (a shape DeepSeek models emit).
    if (nonBlank.length === 1 && pathOnLine(nonBlank[0]) && closed) {
      this.namedPath = pathOnLine(nonBlank[0]);
      return;
    }
    if (looksLikePatch(fence.lines)) return this.addFiles(parsePatch(fence.lines, !closed || cutOff !== 'no'), fence.path);
    if (looksLikeDiff(fence.lines, fence.language)) return this.addDiff(fence.lines, closed ? cutOff : 'yes', fence.path);
    let lines = fence.lines;
    let path = fence.path;
    let pathLine: string | undefined;
    const first = lines.findIndex((l) => l.trim() !== '');
    const named = first >= 0 && lines.length > first + 1 ? pathOnLine(lines[first]) : undefined;
    if (named && (path === undefined || path === named) && /^\s*(?:\/\/|#|--|;|\/\*|<!--|%)/.test(lines[first])) {
      path = named;
      pathLine = lines[first];
      lines = lines.slice(first + 1);
    }
    const text = lines.length > 0 ? `${lines.join('\n')}\n` : '';
    const edit: AnswerEdit = { path, body: { kind: 'code', text, language: fence.language }, complete: closed };
    if (pathLine !== undefined) edit.pathLine = pathLine;
    this.edits.push(edit);
  }

  private addDiff(lines: readonly string[], cutOff: 'no' | 'maybe' | 'yes', fencePath: string | undefined): void {
    this.addFiles(parseUnifiedDiff(lines, cutOff), fencePath);
  }

  private addFiles(files: readonly DiffFile[], fencePath: string | undefined): void {
    for (const file of files) {
      this.leftOut.push(...file.leftOut);
      if (file.blocks.length === 0) continue;
      this.edits.push({ path: file.path ?? fencePath, body: { kind: 'blocks', format: 'diff', blocks: file.blocks, createsFile: file.creates }, complete: true });
    }
  }

  /** Prose may hold unfenced unified diffs (each from its `---` header to the last line of diff syntax) or patches. */
  private flushProse(): void {
    const prose = this.prose;
    this.prose = [];
    if (prose.length > 0 && looksLikePatch(prose)) {
      this.group = undefined;
      return this.addFiles(parsePatch(prose.slice(prose.findIndex((l) => /^\*\*\* Begin Patch/.test(l))), true), undefined);
    }
    if (prose.length === 0 || !looksLikeDiff(prose)) return;
    for (let i = 0; i < prose.length; i++) {
      if (!/^--- /.test(prose[i]) || !/^\+\+\+ /.test(prose[i + 1] ?? '')) continue;
      let end = i + 2;
      while (end < prose.length && (DIFF_SYNTAX.test(prose[end]) || prose[end] === '')) end++;
      while (end > i && prose[end - 1] === '') end--;
      const reachesEnd = this.proseStart + end === this.lines.length;
      this.group = undefined;
      this.addDiff(prose.slice(i, end), reachesEnd ? 'maybe' : 'no', undefined);
      i = end - 1;
    }
  }

  private finish(): void {
    if (this.block) this.cutBlock();
    if (this.fence) this.closeFence(false, 'yes');
    this.flushProse();
  }
}

function answerLines(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Every edit in a model's answer, with the file each names, and what was left out and why. */
export function parseAnswer(answer: string): ParsedAnswer {
  const reader = new AnswerReader(answerLines(answer));
  reader.read();
  return { edits: reader.edits, leftOut: reader.leftOut };
}

/**
 * The file an answer names for one of its code blocks (in the fence's info string or on the line above it),
 * found by the block's code as the chat view shows it.
 */
export function fileNamedFor(answer: string, code: string): string | undefined {
  const reader = new AnswerReader(answerLines(answer));
  reader.read();
  const wanted = code.replace(/\s+$/, '');
  return reader.fences.find((f) => f.code.replace(/\s+$/, '') === wanted)?.path;
}

/**
 * The edits in one code block's code, read exactly as the inside of a fence in a whole answer. `info` is the
 * fence's info string (its language, perhaps a path). A block still streaming may be cut anywhere: a last diff
 * hunk that falls short of its header's counts is left out.
 */
export function parseCodeBlock(code: string, info = ''): ParsedAnswer {
  const reader = new AnswerReader(answerLines(code));
  reader.readAsFence(info);
  return { edits: reader.edits, leftOut: reader.leftOut };
}
