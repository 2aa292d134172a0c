// Loads and runs the edit corpus (test/fixtures/edits): each case is a model's answer as it arrived, the file(s)
// before, and the exact bytes after or an expected refusal. A case runs through the function the product uses for
// its path: the chat's code block (its code as the webview reads it with marked), an editor command's answer, or
// a whole chat answer. Outcomes: exact, refused as expected, refused though bytes were expected, or corrupted (any
// applied result that is not the expected bytes: the one outcome that must never happen).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Marked, type Tokens } from 'marked';
import { type EditOutcome, editFromCodeBlock, editFromCommandAnswer, editsFromAnswer } from '../../src/core/edits/answerEdits';
import type { LineSelection } from '../../src/core/edits/engine';
import { applyHunks } from '../../src/core/edits/hunks';

export const CORPUS = path.join(__dirname, '..', 'fixtures', 'edits');

export type Route = 'chatBlock' | 'command' | 'chatAnswer';
export type Verdict = 'exact' | 'refusedCorrectly' | 'refusedWrongly' | 'corrupted';

interface CaseFile {
  path: string;
  /** File name in the case folder; absent: the file does not exist yet. */
  before?: string;
  /** File name of the expected bytes; absent: this file's edit must be refused. */
  after?: string;
}

export interface CaseSpec {
  /** The class of edit the case exercises (one of the classes, or a peer suite's shape). */
  class?: string;
  route?: Route;
  /** Older cases name the engine mode instead of the route. */
  mode?: 'selection' | 'file' | 'snippet' | 'searchReplace';
  selection?: LineSelection;
  /** The document's workspace-relative path. */
  path?: string;
  /** chatBlock: which code block of the answer the user applies (0-based). */
  block?: number;
  expect: 'after' | 'refused';
  reasonMatches?: string;
  /** A pattern the left-out report must match (an applied answer that left a block out). */
  leftOutMatches?: string;
  /** chatAnswer: the active editor's file, and every file the answer touches. */
  activePath?: string;
  files?: CaseFile[];
}

export interface CorpusCase {
  name: string;
  dir: string;
  spec: CaseSpec;
  answer: string;
}

export interface CaseResult {
  verdict: Verdict;
  detail: string;
}

export function routeOf(spec: CaseSpec): Route {
  if (spec.route) return spec.route;
  return spec.mode === 'snippet' ? 'chatBlock' : 'command';
}

export function classOf(name: string, spec: CaseSpec): string {
  if (spec.class) return spec.class;
  return `legacy-${name.split('-')[0]}`;
}

export function loadCorpus(): CorpusCase[] {
  return fs
    .readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(CORPUS, d.name, 'case.json')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = path.join(CORPUS, name);
      const spec = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')) as CaseSpec;
      return { name, dir, spec, answer: fs.readFileSync(path.join(dir, 'proposal.md'), 'utf8') };
    });
}

function readPrefixed(dir: string, prefix: string): string | undefined {
  const name = fs.readdirSync(dir).find((f) => f.startsWith(`${prefix}.`));
  return name === undefined ? undefined : fs.readFileSync(path.join(dir, name), 'utf8');
}

const marked = new Marked({ gfm: true, breaks: false, async: false });

/** The code and language of an answer's code blocks as the chat view reads them (marked, as render.ts does). */
export function chatCodeBlocks(answer: string): Array<{ code: string; language: string }> {
  const blocks: Array<{ code: string; language: string }> = [];
  marked.walkTokens(marked.lexer(answer), (token) => {
    if (token.type !== 'code') return;
    const code = token as Tokens.Code;
    blocks.push({ code: code.text.replace(/\n$/, ''), language: (code.lang ?? '').match(/^\S*/)![0].toLowerCase() });
  });
  return blocks;
}

function judge(outcome: EditOutcome, before: string, after: string | undefined, spec: CaseSpec): CaseResult {
  if (!outcome.ok) {
    if (after !== undefined) return { verdict: 'refusedWrongly', detail: outcome.reason };
    if (spec.reasonMatches && !new RegExp(spec.reasonMatches).test(outcome.reason)) {
      return { verdict: 'refusedCorrectly', detail: `refused, but the reason does not match /${spec.reasonMatches}/: ${outcome.reason}` };
    }
    return { verdict: 'refusedCorrectly', detail: outcome.reason };
  }
  if (after === undefined || outcome.newText !== after) {
    return { verdict: 'corrupted', detail: `${after === undefined ? 'expected a refusal' : 'wrong bytes'}; got:\n${JSON.stringify(outcome.newText)}\nexpected:\n${JSON.stringify(after)}` };
  }
  if (applyHunks(before, outcome.hunks, outcome.hunks.map((_, i) => i)) !== outcome.newText || applyHunks(before, outcome.hunks, []) !== before) {
    return { verdict: 'corrupted', detail: 'the hunks do not rebuild the edited text' };
  }
  if (spec.leftOutMatches && !new RegExp(spec.leftOutMatches).test(outcome.leftOut.join('; '))) {
    return { verdict: 'corrupted', detail: `applied without saying what it left out (expected /${spec.leftOutMatches}/, got: ${outcome.leftOut.join('; ') || 'nothing'})` };
  }
  return { verdict: 'exact', detail: '' };
}

function runAnswer(c: CorpusCase): CaseResult {
  const files = c.spec.files ?? [];
  const texts = new Map(files.map((f) => [f.path, f.before === undefined ? undefined : fs.readFileSync(path.join(c.dir, f.before), 'utf8')]));
  const { files: edits } = editsFromAnswer(c.answer, { activePath: c.spec.activePath, read: (p) => texts.get(p) });
  const results: CaseResult[] = [];
  for (const file of files) {
    const after = file.after === undefined ? undefined : fs.readFileSync(path.join(c.dir, file.after), 'utf8');
    const edit = edits.find((e) => e.path === file.path);
    if (!edit) {
      results.push(after === undefined ? { verdict: 'refusedCorrectly', detail: `${file.path}: no edit` } : { verdict: 'refusedWrongly', detail: `${file.path}: no edit found` });
      continue;
    }
    const result = judge(edit.result, texts.get(file.path) ?? '', after, c.spec);
    results.push({ ...result, detail: `${file.path}: ${result.detail}` });
  }
  const stray = edits.filter((e) => !files.some((f) => f.path === e.path) && e.result.ok);
  if (stray.length > 0) results.push({ verdict: 'corrupted', detail: `edits files the case does not expect: ${stray.map((e) => e.path).join(', ')}` });
  // The case is as bad as its worst file; a case of correct refusals and exact files is exact.
  const verdict = (['corrupted', 'refusedWrongly', 'exact', 'refusedCorrectly'] as const).find((v) => results.some((r) => r.verdict === v)) ?? 'refusedCorrectly';
  return { verdict, detail: results.filter((r) => r.verdict === verdict).map((r) => r.detail).join('\n') };
}

export function runCase(c: CorpusCase): CaseResult {
  const { spec } = c;
  const route = routeOf(spec);
  if (route === 'chatAnswer') return runAnswer(c);
  const before = readPrefixed(c.dir, 'before') ?? '';
  const after = spec.expect === 'after' ? readPrefixed(c.dir, 'after') : undefined;
  // The host passes the editor's language id; the fixture's extension stands for it.
  const languageId = /^before\.([\w+-]+)/.exec(fs.readdirSync(c.dir).find((f) => f.startsWith('before.')) ?? '')?.[1];
  const doc = { text: before, path: spec.path, selection: spec.selection, languageId };
  let outcome: EditOutcome;
  if (route === 'command') outcome = editFromCommandAnswer(c.answer, doc);
  else {
    const blocks = chatCodeBlocks(c.answer);
    const block = blocks[spec.block ?? 0] ?? { code: c.answer.replace(/\n$/, ''), language: '' };
    outcome = editFromCodeBlock(block.code, block.language, doc);
  }
  return judge(outcome, before, after, spec);
}
