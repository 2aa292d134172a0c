// Finds where a block of proposed lines belongs in a file, tolerating drifted indentation, whitespace changes and
// lines the model modified. A placement is a local alignment of the block with a stretch of the file: matched
// lines score by how alike and how meaningful they are, file lines skipped inside the stretch cost a little.
import { type IndentContext, fileColumns, proposalColumns } from './reindent';
import { declaredName, isHeader } from './scope';
import { lineKey } from './text';

export interface Placement {
  /** File lines [start, end) the block replaces; start === end for a block that only adds lines. */
  start: number;
  end: number;
  score: number;
  /** Aligned pairs [block line, file line], ascending. */
  pairs: Array<[number, number]>;
  /** How many meaningful block lines (not blank, not bare punctuation) found an identical file line. */
  exact: number;
  /**
   * Every merely similar pair keeps all the file line's words (numbers aside): the block extends those lines
   * ("return x;" → "return x + 1;") rather than renaming them ("pop()" → "peek()").
   */
  extendsOnly: boolean;
}

export interface MatchOptions {
  /** Known shift (file minus block columns) from the rest of the edit: a line at another depth matches less. */
  drift?: number;
  /**
   * Only identical lines anchor the block, and bare punctuation only when it closes a block opened before it
   * ("}" less indented than the block's first line): for new code that merely resembles existing code.
   */
  exactOnly?: boolean;
  /** Elided code comes right before / after the block: its edges there must hold on to identical lines. */
  elidedBefore?: boolean;
  elidedAfter?: boolean;
  /** Block lines that may not match at all (the body of a declaration the file does not have). */
  masked?: ReadonlySet<number>;
}

const TERMINAL = /^(?:return|raise|throw)\b/;
/** A merely similar line is worth less than half an identical one, so identical lines decide placements. */
const FUZZY_WORTH = 0.45;
/** Below this, two lines are unrelated. */
const MIN_SIMILARITY = 0.6;
/** A line that keeps all the words of a file line and adds some. */
const EXTENDED_LIKENESS = 0.8;
/** A line skipped inside a placement: enough to keep placements tight, less than a matched line is worth. */
const SKIP_COST = 0.25;
const BLANK_SKIP_COST = 0.02;
/** A block line standing in for a different file line, between two matches: a replaced line. */
const SUBSTITUTE_COST = 0.1;
/** An identical line at another indentation than the rest of the edit suggests. */
const INDENT_MISMATCH = 0.8;

interface IndexedLines {
  keys: string[];
  tokens: Array<Set<string>>;
  weights: number[];
  /** What a setting line sets (`timeout:` in `timeout: 30,`), undefined for other lines. */
  settings: Array<string | undefined>;
  /** The name each header line declares; null for a header that declares none, undefined for other lines. */
  declares: Array<string | null | undefined>;
  /** Lines that end their block (return, raise, throw). */
  terminal: boolean[];
  /** Lines allowed to match at all (all of them unless matching exactOnly). */
  usable?: boolean[];
}

/** How much a line tells where it is: nothing for blank lines, little for bare punctuation ("}", "end"). */
function lineWeight(key: string): number {
  if (key === '') return 0.01;
  const words = key.replace(/[^\p{L}\p{N}_]/gu, '');
  return words.length <= 3 ? 0.2 : 1;
}

/**
 * Words decide how alike two lines are; punctuation counts only when a line has fewer than two words, and is
 * marked so that lines sharing nothing but punctuation ("halt();" and "start();") stay unrelated.
 */
function tokensOf(key: string): Set<string> {
  const words = key.match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (words.length >= 2) return new Set(words);
  return new Set([...words, ...(key.match(/[^\s\p{L}\p{N}_]/gu) ?? []).map((p) => `\0${p}`)]);
}

function index(lines: readonly string[]): IndexedLines {
  const keys = lines.map(lineKey);
  return {
    keys,
    tokens: keys.map(tokensOf),
    weights: keys.map(lineWeight),
    settings: keys.map(settingOf),
    declares: lines.map((line) => (isHeader(line) ? (declaredName(line) ?? null) : undefined)),
    terminal: keys.map((key) => TERMINAL.test(key)),
  };
}

/**
 * The name a short setting line gives a value to, with its operator: `b =` in `b = 2`, `timeout:` in
 * `timeout: 30,`, `#define LIMIT` in `#define LIMIT 64`. Two lines setting the same name are one line whose value
 * changed, however few words they share.
 */
function settingOf(key: string): string | undefined {
  const define = /^(#\s*define\s+\w+)\s+\S/.exec(key);
  if (define) return define[1];
  const match = /^((?:(?:export|const|let|var|val|final|static|public|private|readonly|pub|set|local)\s+)*["'`]?[\p{L}_$][\p{L}\p{N}_$.-]*["'`]?(?:\s*:\s*[\p{L}_$][\p{L}\p{N}_$<>[\]]*)?)\s*(=|:|:=)(?!=)\s*\S/u.exec(key);
  return match ? `${match[1].replace(/\s+/g, ' ')} ${match[2]}` : undefined;
}

/**
 * How alike a proposed line is to a file line: shared words over all words (Dice), or, when the proposed line
 * keeps every word of a file line with at least two, a fixed high likeness (it extends that line).
 */
function likeness(proposed: Set<string>, existing: Set<string>): number {
  if (proposed.size === 0 || existing.size === 0) return 0;
  let common = 0;
  let commonWords = 0;
  let existingWords = 0;
  for (const token of existing) {
    const word = token[0] !== '\0';
    if (word) existingWords++;
    if (proposed.has(token)) {
      common++;
      if (word) commonWords++;
    }
  }
  if (existingWords > 0 && commonWords === 0) return 0;
  const dice = (2 * common) / (proposed.size + existing.size);
  return existingWords >= 2 && commonWords === existingWords ? Math.max(dice, EXTENDED_LIKENESS) : dice;
}

export class FileMatcher {
  private readonly file: IndexedLines;
  private readonly byKey = new Map<string, number[]>();

  constructor(
    private readonly fileLines: readonly string[],
    private readonly ctx: IndentContext,
  ) {
    this.file = index(fileLines);
    this.file.keys.forEach((key, i) => {
      if (key === '') return;
      const list = this.byKey.get(key);
      if (list) list.push(i);
      else this.byKey.set(key, [i]);
    });
  }

  /** How many file lines have this line's key. */
  occurrences(line: string): number {
    return this.byKey.get(lineKey(line))?.length ?? 0;
  }

  /** The best placement of `block` within file lines [lo, hi): highest score, the earliest among equals. */
  best(block: readonly string[], lo: number, hi: number, options: MatchOptions = {}): Placement | undefined {
    const indexed = index(block);
    if (options.exactOnly) indexed.usable = outerOrMeaningful(block, indexed);
    if (options.masked?.size) indexed.usable = (indexed.usable ?? block.map(() => true)).map((usable, j) => usable && !options.masked!.has(j));
    let found: Placement | undefined;
    for (const [from, to] of this.windows(indexed, block.length, lo, hi, !!options.exactOnly)) {
      const placement = this.align(block, indexed, from, to, options);
      if (placement && (!found || placement.score > found.score + 1e-9 || (Math.abs(placement.score - found.score) <= 1e-9 && placement.start < found.start))) {
        found = placement;
      }
    }
    return found;
  }

  /** Stretches of the file worth aligning: around lines identical to a block line (or, failing that, alike). */
  private windows(block: IndexedLines, size: number, lo: number, hi: number, exactOnly: boolean): Array<[number, number]> {
    const slack = Math.max(6, Math.ceil(size / 2));
    const anchors: Array<[number, number]> = [];
    const lines = block.keys.map((key, j) => (key !== '' && (block.usable?.[j] ?? true) ? j : -1)).filter((j) => j >= 0);
    const meaningful = lines.filter((j) => block.weights[j] >= 1);
    for (const j of meaningful) {
      for (const i of this.byKey.get(block.keys[j]) ?? []) if (i >= lo && i < hi) anchors.push([j, i]);
    }
    // A short setting line (`b = 2`) says little by its words, but its name can still find the line it changes.
    const candidates = anchors.length > 0 || exactOnly ? lines : lines.filter((j) => block.weights[j] >= 1 || block.settings[j] !== undefined);
    if (anchors.length === 0) {
      for (const j of lines.filter((l) => block.weights[l] < 1)) {
        for (const i of this.byKey.get(block.keys[j]) ?? []) if (i >= lo && i < hi) anchors.push([j, i]);
      }
    }
    if (anchors.length === 0 && !exactOnly) {
      for (const j of candidates) {
        for (let i = lo; i < hi; i++) {
          if (this.file.keys[i] !== '' && this.alike(block, j, i) >= MIN_SIMILARITY) anchors.push([j, i]);
        }
      }
    }
    const spans = anchors
      .map(([j, i]): [number, number] => [Math.max(lo, i - j - slack), Math.min(hi, i + (size - j) + slack)])
      .sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const span of spans) {
      const last = merged[merged.length - 1];
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else merged.push([...span]);
    }
    return merged;
  }

  private similarity(block: readonly string[], indexed: IndexedLines, j: number, i: number, { drift, exactOnly }: MatchOptions): number {
    const key = indexed.keys[j];
    const fileKey = this.file.keys[i];
    if (indexed.usable && !indexed.usable[j]) return 0;
    if (key === fileKey) {
      if (drift === undefined || key === '') return 1;
      const shift = fileColumns(this.fileLines[i], this.ctx) - proposalColumns(block[j], this.ctx);
      return shift === drift ? 1 : INDENT_MISMATCH;
    }
    if (key === '' || fileKey === '' || exactOnly) return 0;
    let sim = this.alike(indexed, j, i);
    const name = indexed.declares[j];
    const fileName = this.file.declares[i];
    // Headers are the same declaration when they declare the same name, whatever else changed; a header that
    // declares another name is a new declaration written like its neighbour, never a rewrite of it.
    if (name && fileName) sim = name === fileName ? Math.max(sim, EXTENDED_LIKENESS) : 0;
    return sim >= MIN_SIMILARITY ? sim * FUZZY_WORTH : 0;
  }

  /** How alike a block line and a file line are, by their words, or as one setting or one block end. */
  private alike(block: IndexedLines, j: number, i: number): number {
    const sim = likeness(block.tokens[j], this.file.tokens[i]);
    const setting = block.settings[j];
    if (setting !== undefined && setting === this.file.settings[i]) return Math.max(sim, EXTENDED_LIKENESS);
    // A line that starts with all of a file line and goes on (a comment or an argument added) extends it.
    const fileKey = this.file.keys[i];
    if (/[\p{L}\p{N}_]{3}/u.test(fileKey) && block.keys[j].length > fileKey.length && block.keys[j].startsWith(fileKey.replace(/[;,]$/, ''))) return Math.max(sim, EXTENDED_LIKENESS);
    // Two statements that end their block are alternatives: one after the other would be dead code.
    if (block.terminal[j] && this.file.terminal[i]) return Math.max(sim, MIN_SIMILARITY);
    return sim;
  }

  /**
   * Next to elided code, a merely similar line at the edge of a placement, reached only by skipping file lines,
   * is more likely new code than a rewrite of what it resembles: drop it, so the skipped lines stay with the
   * elided code. (A modified signature right above its unchanged body stays: nothing is skipped.)
   */
  private trimLooseEdges(pairs: Array<[number, number]>, indexed: IndexedLines, options: MatchOptions): void {
    const same = (k: number): boolean => indexed.keys[pairs[k][0]] === this.file.keys[pairs[k][1]];
    // File lines between two pairs beyond those the block lines between them can stand for.
    const skips = (a: number, b: number): boolean => pairs[b][1] - pairs[a][1] > pairs[b][0] - pairs[a][0];
    if (!pairs.some((_, k) => same(k) && indexed.weights[pairs[k][0]] >= 1)) return;
    if (options.elidedBefore) while (pairs.length > 1 && !same(0) && skips(0, 1)) pairs.shift();
    if (options.elidedAfter) while (pairs.length > 1 && !same(pairs.length - 1) && skips(pairs.length - 2, pairs.length - 1)) pairs.pop();
  }

  /** Local alignment (Smith–Waterman) of the block with file lines [from, to). */
  private align(block: readonly string[], indexed: IndexedLines, from: number, to: number, options: MatchOptions): Placement | undefined {
    const rows = block.length;
    const cols = to - from;
    const width = cols + 1;
    const score = new Float64Array((rows + 1) * width);
    // 0 = start, 1 = block line unmatched, 2 = file line skipped, 3 = matched, 4 = substituted
    const move = new Uint8Array((rows + 1) * width);
    let bestScore = 0;
    let bestCell = -1;
    for (let j = 1; j <= rows; j++) {
      const weight = indexed.weights[j - 1];
      for (let c = 1; c <= cols; c++) {
        const cell = j * width + c;
        const i = from + c - 1;
        let value = 0;
        let how = 0;
        const up = score[cell - width];
        if (up > value) {
          value = up;
          how = 1;
        }
        const left = score[cell - 1] - (this.file.keys[i] === '' ? BLANK_SKIP_COST : SKIP_COST);
        if (left > value) {
          value = left;
          how = 2;
        }
        const substitute = score[cell - width - 1] - SUBSTITUTE_COST;
        if (substitute > value) {
          value = substitute;
          how = 4;
        }
        const sim = this.similarity(block, indexed, j - 1, i, options);
        if (sim > 0) {
          const diag = score[cell - width - 1] + sim * Math.min(weight, this.file.weights[i]);
          if (diag > value) {
            value = diag;
            how = 3;
          }
        }
        score[cell] = value;
        move[cell] = how;
        if (j === rows && value > bestScore + 1e-9) {
          bestScore = value;
          bestCell = cell;
        }
      }
    }
    if (bestCell < 0) return undefined;
    const pairs: Array<[number, number]> = [];
    let cell = bestCell;
    while (cell > 0 && score[cell] > 0) {
      const how = move[cell];
      const j = Math.floor(cell / width);
      const c = cell % width;
      if (how === 3) {
        pairs.push([j - 1, from + c - 1]);
        cell -= width + 1;
      } else if (how === 4) cell -= width + 1;
      else if (how === 1) cell -= width;
      else if (how === 2) cell -= 1;
      else break;
    }
    pairs.reverse();
    trimBlankEdges(pairs, indexed);
    this.trimLooseEdges(pairs, indexed, options);
    if (!pairs.some(([j]) => indexed.keys[j] !== '')) return undefined;
    const meaningful = pairs.filter(([j]) => indexed.weights[j] >= 1 || indexed.settings[j] !== undefined);
    const exact = meaningful.filter(([j, i]) => indexed.keys[j] === this.file.keys[i]).length;
    // A changed setting keeps its name: it extends the line too, whatever its new value.
    const keeps = (j: number, i: number) => (indexed.settings[j] !== undefined && indexed.settings[j] === this.file.settings[i]) || [...this.file.tokens[i]].every((t) => t[0] === '\0' || /^\d+$/.test(t) || indexed.tokens[j].has(t));
    const extendsOnly = meaningful.length > exact && meaningful.every(([j, i]) => indexed.keys[j] === this.file.keys[i] || keeps(j, i));
    return { start: pairs[0][1], end: pairs[pairs.length - 1][1] + 1, score: bestScore, pairs, exact, extendsOnly };
  }
}

/**
 * A blank line matched at the edge of a placement, with new lines of the block beyond it, belongs to the
 * elided code next to it rather than to the block: leave it out so it is kept, not replaced.
 */
function trimBlankEdges(pairs: Array<[number, number]>, block: IndexedLines): void {
  const newLineBefore = (j: number): boolean => block.keys.slice(0, j).some((key) => key !== '');
  const newLineAfter = (j: number): boolean => block.keys.slice(j + 1).some((key) => key !== '');
  while (pairs.length > 1 && block.keys[pairs[0][0]] === '' && newLineBefore(pairs[0][0])) pairs.shift();
  while (pairs.length > 1 && block.keys[pairs[pairs.length - 1][0]] === '' && newLineAfter(pairs[pairs.length - 1][0])) pairs.pop();
}

/** Lines usable when matching exactOnly: meaningful ones, and punctuation that closes an enclosing block. */
function outerOrMeaningful(block: readonly string[], indexed: IndexedLines): boolean[] {
  const firstIndex = indexed.weights.findIndex((weight) => weight >= 1);
  // A block of bare punctuation (");" ending a statement the elision began) has nothing better to go by.
  if (firstIndex < 0) return block.map(() => true);
  const firstIndent = block[firstIndex].length - block[firstIndex].trimStart().length;
  return block.map((line, j) => {
    if (indexed.keys[j] === '' || indexed.weights[j] >= 1) return true;
    return line.length - line.trimStart().length < firstIndent;
  });
}
