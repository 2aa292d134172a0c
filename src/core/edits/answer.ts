// Reads an edit out of a model's answer. The model is told to answer either with the replacement in a single
// fenced code block or with SEARCH/REPLACE blocks; prose around them is ignored, and an answer cut at the end
// of the stream (no closing fence, no final REPLACE marker) still yields what it holds.
import type { SearchReplaceBlock } from './searchReplace';

export type ParsedAnswer =
  | { kind: 'replacement'; text: string; language?: string; complete: boolean }
  | { kind: 'searchReplace'; blocks: SearchReplaceBlock[]; complete: boolean }
  | { kind: 'none'; reason: string };

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const SEARCH = /^\s*<{5,9}\s*SEARCH\b/;
const DIVIDER = /^\s*={5,9}\s*$/;
const REPLACE = /^\s*>{5,9}\s*REPLACE\b/;

function closes(line: string, fence: string): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
  return !!match && match[1][0] === fence[0] && match[1].length >= fence.length;
}

export function parseEditAnswer(answer: string): ParsedAnswer {
  const lines = answer.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.some((l) => SEARCH.test(l))) return parseBlocks(lines);
  return parseFenced(lines);
}

function parseFenced(lines: readonly string[]): ParsedAnswer {
  const blocks: Array<{ lines: string[]; language?: string; complete: boolean }> = [];
  let open: { fence: string; lines: string[]; language?: string } | undefined;
  for (const line of lines) {
    if (open) {
      if (closes(line, open.fence)) {
        blocks.push({ lines: open.lines, language: open.language, complete: true });
        open = undefined;
      } else open.lines.push(line);
      continue;
    }
    const match = FENCE_OPEN.exec(line);
    if (match && !(match[1][0] === '`' && match[2].includes('`'))) {
      open = { fence: match[1], lines: [], language: match[2].trim().split(/\s+/)[0] || undefined };
    }
  }
  if (open) blocks.push({ lines: open.lines, language: open.language, complete: false });
  if (blocks.length === 0) return { kind: 'none', reason: 'The answer has no code block.' };
  if (blocks.length > 1) return { kind: 'none', reason: `The answer has ${blocks.length} code blocks; expected a single one with the replacement.` };
  const [block] = blocks;
  const text = block.lines.length > 0 ? `${block.lines.join('\n')}\n` : '';
  return { kind: 'replacement', text, language: block.language, complete: block.complete };
}

function parseBlocks(lines: readonly string[]): ParsedAnswer {
  const blocks: SearchReplaceBlock[] = [];
  let state: 'outside' | 'search' | 'replace' = 'outside';
  let search: string[] = [];
  let replace: string[] = [];
  for (const line of lines) {
    if (state === 'outside') {
      if (SEARCH.test(line)) {
        state = 'search';
        search = [];
      }
    } else if (state === 'search') {
      if (DIVIDER.test(line)) {
        state = 'replace';
        replace = [];
      } else search.push(line);
    } else if (REPLACE.test(line)) {
      blocks.push({ search, replace });
      state = 'outside';
    } else replace.push(line);
  }
  let complete = state === 'outside';
  if (state === 'replace') {
    // Cut at the end of the stream: keep the replacement, minus a closing fence that may follow it.
    while (replace.length > 0 && (replace[replace.length - 1].trim() === '' || /^ {0,3}(`{3,}|~{3,})\s*$/.test(replace[replace.length - 1]))) replace.pop();
    blocks.push({ search, replace });
    complete = false;
  }
  if (blocks.length === 0) return { kind: 'none', reason: 'The answer starts a SEARCH block but never reaches its ======= line.' };
  return { kind: 'searchReplace', blocks, complete };
}
