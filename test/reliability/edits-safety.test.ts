// Reliability battery, edits: what makes an applied suggestion safe, at the pure level.
// - A stale document: hunks made from one text are refused by a changed text (applyHunks throws), and a suggestion
//   whose document changed re-anchors what still applies and withdraws what the change touched (Suggestion.rebase),
//   never writing over the user's edit.
// - Byte-exact undo: applying hunks (all, or any subset, one replace per hunk as the editor does) and undoing them
//   gives back the original bytes, for CRLF, BOM, no final newline, mixed line ends and lone CR texts.
// - Targets: sensitive paths (.git, .vscode settings/tasks, CI workflows, hooks) need confirmation and ordinary
//   paths do not; targets outside the workspace, and any target in Restricted Mode, are refused without a yes.
import { strict as assert } from 'node:assert';
import Module from 'node:module';
import * as path from 'node:path';
import { sensitivePathReason } from '../../src/core/edits/sensitive';
import { computeEdit, type EditProposal } from '../../src/core/edits/engine';
import { applyHunks, computeHunks, lineTokens, type Hunk } from '../../src/core/edits/hunks';
import { Suggestion, lineOffset } from '../../src/core/edits/suggestion';
import { seededRandom as rng } from '../support/random';

const BOM = '\uFEFF';
const all = (hunks: readonly Hunk[]) => hunks.map((_, i) => i);
const bytes = (text: string) => Buffer.from(text, 'utf8');
const assertBytes = (actual: string, expected: string, what: string) => assert.ok(bytes(actual).equals(bytes(expected)), `${what}: ${JSON.stringify(actual)} !== ${JSON.stringify(expected)}`);


/** The inverse of a set of hunks: turns the edited text back into the original. */
function invert(hunks: readonly Hunk[]): Hunk[] {
  return hunks.map((h) => ({ oldStart: h.newStart, oldLines: h.newLines, newStart: h.oldStart, newLines: h.oldLines, removed: h.added, added: h.removed }));
}

interface Replace {
  readonly offset: number;
  readonly removed: string;
  readonly inserted: string;
}

/**
 * Accepts a suggestion's hunks one at a time in `order`, each as one replace of whole lines at document offsets
 * (what the inline diff controller hands VS Code), recording each replace as an undo step. `text` is the document
 * as it is now. Returns the final text and the steps.
 */
function acceptInto(suggestion: Suggestion, text: string, order: readonly number[]): { text: string; undo: Replace[] } {
  const undo: Replace[] = [];
  let result = text;
  for (const index of order) {
    const range = suggestion.pending().find((r) => r.index === index);
    assert.ok(range, `hunk ${index} is pending`);
    const start = lineOffset(result, range.startLine);
    const end = lineOffset(result, range.endLine);
    const removed = result.slice(start, end);
    assert.equal(removed, suggestion.hunks[index].removed.join(''), 'the range holds exactly the lines the hunk replaces');
    const inserted = suggestion.hunks[index].added.join('');
    result = result.slice(0, start) + inserted + result.slice(end);
    undo.push({ offset: start, removed, inserted });
    suggestion.accepted.add(index);
    assertBytes(result, suggestion.expectedText(), 'document and suggestion agree');
  }
  return { text: result, undo };
}

function acceptOneByOne(original: string, hunks: readonly Hunk[], order: readonly number[]): { text: string; undo: Replace[] } {
  return acceptInto(new Suggestion('s', 'file:///doc', 'Edit', original, [...hunks]), original, order);
}

function undoAll(text: string, steps: readonly Replace[]): string {
  let result = text;
  for (const step of [...steps].reverse()) {
    assert.equal(result.slice(step.offset, step.offset + step.inserted.length), step.inserted);
    result = result.slice(0, step.offset) + step.removed + result.slice(step.offset + step.inserted.length);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Documents whose bytes must survive: every line-ending shape an editor can hold.

const LINES = ['import { a } from "./a";', '', 'function main() {', '\tconst naïve = "🚀 中文";  ', '\treturn a(naïve);', '}', '', 'main();'];

const DOCUMENTS: readonly (readonly [string, string])[] = [
  ['LF', LINES.join('\n') + '\n'],
  ['CRLF', LINES.join('\r\n') + '\r\n'],
  ['BOM + LF', BOM + LINES.join('\n') + '\n'],
  ['BOM + CRLF', BOM + LINES.join('\r\n') + '\r\n'],
  ['LF, no final newline', LINES.join('\n')],
  ['CRLF, no final newline', LINES.join('\r\n')],
  ['BOM + CRLF, no final newline', BOM + LINES.join('\r\n')],
  ['mixed CRLF and LF', LINES.map((l, i) => l + (i % 2 ? '\r\n' : '\n')).join('')],
  ['lone CR inside lines (old Mac line ends stay in the line)', 'a\rb\nc\r\rd\ne\r\n'],
  ['one line, no newline', 'main();'],
  ['only newlines', '\n\n\n'],
  ['empty', ''],
];

/** Edits as a model proposes them (whole lines, LF), on a document's own lines. */
const EDITS: readonly (readonly [string, (lines: string[]) => string[]])[] = [
  ['change the first line', (l) => ['// header', ...l.slice(1)]],
  ['change the last line', (l) => [...l.slice(0, -1), 'main().catch(console.error);']],
  ['insert at the top', (l) => ['"use strict";', ...l]],
  ['append at the end', (l) => [...l, '// end']],
  ['delete the last line', (l) => l.slice(0, -1)],
  ['delete everything', () => []],
  ['three separate changes', (l) => l.flatMap((line, i) => (i === 0 ? ['// top', line] : i === 3 ? ['\tconst other = 1;'] : i === l.length - 1 ? [line, '// bottom'] : [line]))],
  ['replace every line', (l) => l.map((line) => `${line} // x`)],
];

/** The document's lines (no BOM, no terminators), as the edit engine sees them. */
function docLines(text: string): string[] {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  if (body === '') return [];
  const lines = body.split(/\r\n|\n/);
  if (/\n$/.test(body)) lines.pop();
  return lines;
}

function subsets(count: number): number[][] {
  const out: number[][] = [];
  for (let mask = 0; mask < 1 << count; mask++) out.push(all(Array.from({ length: count }) as Hunk[]).filter((i) => mask & (1 << i)));
  return out;
}

describe('reliability: edits are exact and undo is byte-exact', () => {
  for (const [docName, original] of DOCUMENTS) {
    describe(`document: ${docName}`, () => {
      for (const [editName, edit] of EDITS) {
        it(`${editName}: applied through the engine keeps the document's shape, and undo restores its bytes`, () => {
          const lines = edit(docLines(original));
          const proposal: EditProposal = { mode: 'file', text: lines.join('\n') + '\n' };
          const result = computeEdit(original, proposal);
          if (lines.every((line) => line.trim() === '')) {
            // A proposal with nothing in it would wipe the file: the engine refuses it instead.
            assert.ok(!result.ok && /empty/.test(result.reason), JSON.stringify(result));
            return;
          }
          assert.ok(result.ok, result.ok ? '' : result.reason);
          const { newText, hunks } = result;

          // The edit keeps the BOM and the dominant line ending; kept lines keep their own bytes.
          assert.equal(newText.startsWith(BOM), original.startsWith(BOM), 'BOM kept (or absent)');
          if (/\r\n/.test(original) && !/(^|[^\r])\n/.test(original.replace(/\r\n/g, ''))) assert.ok(!/(^|[^\r])\n/.test(newText), 'a CRLF document gets no bare LF');
          if (!/\r\n/.test(original) && original.includes('\n')) assert.ok(!newText.includes('\r\n'), 'an LF document gets no CRLF');

          // Hunks rebuild the edited text exactly, and the original with none accepted.
          assertBytes(applyHunks(original, hunks, all(hunks)), newText, 'all hunks');
          assertBytes(applyHunks(original, hunks, []), original, 'no hunks');

          // Undo: the inverse hunks, and a fresh diff back, both give the original bytes.
          assertBytes(applyHunks(newText, invert(hunks), all(hunks)), original, 'inverse hunks');
          const back = computeHunks(newText, original);
          assertBytes(applyHunks(newText, back, all(back)), original, 'diff back');

          // Every subset of hunks, accepted one by one as separate replaces (both orders), undoes to the original.
          for (const subset of subsets(Math.min(hunks.length, 5))) {
            for (const order of [subset, [...subset].reverse()]) {
              const { text, undo } = acceptOneByOne(original, hunks, order);
              assertBytes(text, applyHunks(original, hunks, subset), `accepting ${order.join(',')}`);
              assertBytes(undoAll(text, undo), original, `undoing ${order.join(',')}`);
            }
          }
        });
      }

      it('hunks between arbitrary byte shapes (line ends converted, BOM added or removed, final newline toggled) undo exactly', () => {
        const variants = [
          original.replace(/\r\n/g, '\n'),
          original.replace(/\r?\n/g, '\r\n'),
          original.startsWith(BOM) ? original.slice(1) : BOM + original,
          /\n$/.test(original) ? original.replace(/\r?\n$/, '') : `${original}\n`,
        ];
        for (const variant of variants) {
          const hunks = computeHunks(original, variant);
          assertBytes(applyHunks(original, hunks, all(hunks)), variant, 'forward');
          assertBytes(applyHunks(variant, invert(hunks), all(hunks)), original, 'inverse');
          const { text, undo } = acceptOneByOne(original, hunks, all(hunks));
          assertBytes(text, variant, 'one by one');
          assertBytes(undoAll(text, undo), original, 'undo one by one');
        }
      });
    });
  }

  it('random documents and edits: accept any subset one by one, then undo, gives the original bytes (300 cases)', () => {
    const random = rng(0x7a9de);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const words = ['a', 'b', 'c', '', '  x', '\ty', '}', 'é🚀', 'a\r', 'same', 'same'];
    for (let n = 0; n < 300; n++) {
      const eols = pick([['\n'], ['\r\n'], ['\n', '\r\n']]);
      const make = (count: number) => Array.from({ length: count }, () => pick(words) + pick(eols)).join('');
      let original = (random() < 0.3 ? BOM : '') + make(Math.floor(random() * 12));
      if (random() < 0.3) original = original.replace(/\r?\n$/, '');
      const tokens = lineTokens(original);
      const editedTokens: string[] = [];
      for (const token of tokens) {
        const roll = random();
        if (roll < 0.15) continue; // delete
        if (roll < 0.3) editedTokens.push(pick(words) + pick(eols)); // replace
        else editedTokens.push(token);
        if (random() < 0.15) editedTokens.push(pick(words) + pick(eols)); // insert
      }
      const edited = editedTokens.join('');
      const hunks = computeHunks(original, edited);
      const subset = all(hunks).filter(() => random() < 0.6);
      const order = random() < 0.5 ? subset : [...subset].reverse();
      const label = `case ${n}: ${JSON.stringify(original)} → ${JSON.stringify(edited)}, accepting ${order.join(',')}`;
      const { text, undo } = acceptOneByOne(original, hunks, order);
      assertBytes(text, applyHunks(original, hunks, subset), label);
      assertBytes(undoAll(text, undo), original, label);
      assertBytes(applyHunks(edited, invert(hunks), all(hunks)), original, label);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------

const ORIGINAL = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
/** Three hunks: line 2 changed (index 0), a line inserted after five (index 1), line nine removed (index 2). */
const PROPOSED = ['one', 'TWO', 'three', 'four', 'five', 'five and a half', 'six', 'seven', 'eight', 'ten'];

interface StaleCase {
  readonly name: string;
  /** The user's change to the document's lines while the suggestion is shown. */
  readonly change: (lines: string[]) => string[];
  /** Hunks accepted before the change. */
  readonly acceptedBefore?: readonly number[];
  readonly dropped: readonly number[];
}

const STALE: readonly StaleCase[] = [
  { name: 'nothing changed', change: (l) => l, dropped: [] },
  { name: 'a line typed above every hunk', change: (l) => ['// new first line', ...l], dropped: [] },
  { name: 'a line deleted between two hunks', change: (l) => l.filter((x) => x !== 'four'), dropped: [] },
  { name: 'the line a hunk replaces was edited', change: (l) => l.map((x) => (x === 'two' ? 'two (edited by the user)' : x)), dropped: [0] },
  { name: 'the line a hunk removes was edited', change: (l) => l.map((x) => (x === 'nine' ? 'NINE' : x)), dropped: [2] },
  { name: 'the line a hunk removes was deleted', change: (l) => l.filter((x) => x !== 'nine'), dropped: [2] },
  { name: 'a line typed where a hunk inserts', change: (l) => l.flatMap((x) => (x === 'five' ? [x, 'user line'] : [x])), dropped: [1] },
  { name: 'the line before an insertion was edited', change: (l) => l.map((x) => (x === 'five' ? 'FIVE' : x)), dropped: [1] },
  { name: 'the user typed the suggested change themselves', change: (l) => l.map((x) => (x === 'two' ? 'TWO' : x)), dropped: [0] },
  { name: 'the whole file was replaced', change: () => ['something', 'else', 'entirely'], dropped: [0, 1, 2] },
  { name: 'the file was emptied', change: () => [], dropped: [0, 1, 2] },
  { name: 'a change after a hunk was accepted', acceptedBefore: [0], change: (l) => l.map((x) => (x === 'nine' ? 'NINE' : x)), dropped: [2] },
  { name: 'a line typed at the top after a hunk was accepted', acceptedBefore: [1], change: (l) => ['top', ...l], dropped: [] },
];

describe('reliability: a stale document never gets a suggestion written over it', () => {
  for (const [eolName, eol, bom] of [['LF', '\n', ''], ['CRLF', '\r\n', ''], ['BOM + CRLF', '\r\n', BOM]] as const) {
    const join = (lines: readonly string[]) => bom + lines.map((l) => l + eol).join('');
    const original = join(ORIGINAL);
    const proposed = join(PROPOSED);

    describe(eolName, () => {
      it('hunks made from the original are refused by a text whose hunk lines changed', () => {
        const hunks = computeHunks(original, proposed);
        assert.equal(hunks.length, 3);
        for (const changed of [
          join(ORIGINAL.map((x) => (x === 'two' ? 'two!' : x))),
          join(ORIGINAL.filter((x) => x !== 'nine')),
          join(['zero', ...ORIGINAL]),
          original.replace(/\r\n/g, '\n') === original ? original.replace(/\n/g, '\r\n') : original.replace(/\r\n/g, '\n'),
        ]) {
          assert.throws(() => applyHunks(changed, hunks, all(hunks)), /does not apply/);
        }
      });

      for (const stale of STALE) {
        it(`${stale.name}: withdraws ${stale.dropped.length ? `hunk ${stale.dropped.join(', ')}` : 'nothing'}, and what is kept applies without touching the user's text`, () => {
          const hunks = computeHunks(original, proposed);
          const suggestion = new Suggestion('s', 'file:///doc', 'Edit', original, hunks);
          for (const index of stale.acceptedBefore ?? []) suggestion.accepted.add(index);
          const before = suggestion.expectedText();
          // The user's edit, applied to the document as it is now (hunks accepted before included).
          const current = join(stale.change(docLines(before)));
          const keptBefore = suggestion.pending().map((r) => r.index);
          const dropped = suggestion.rebase(current);
          assert.deepEqual(dropped, stale.dropped);
          assert.equal(suggestion.pending().length, keptBefore.length - dropped.length);
          assertBytes(suggestion.expectedText(), current, 'the suggestion now starts from the current text');

          // Each kept hunk finds exactly its lines in the current text.
          const tokens = lineTokens(current);
          for (const range of suggestion.pending()) {
            assert.deepEqual(tokens.slice(range.startLine, range.endLine), suggestion.hunks[range.index].removed);
          }

          // Accepting everything kept changes only the hunks' lines: undoing them gives the user's text back.
          const proposedNow = suggestion.proposedText();
          const { text, undo } = acceptInto(suggestion, current, suggestion.pending().map((r) => r.index));
          assertBytes(text, proposedNow, 'accept all');
          assertBytes(undoAll(text, undo), current, 'undo gives the user\'s text back');
          const userLines = docLines(current);
          const resultLines = docLines(text);
          for (const line of userLines.filter((l) => !PROPOSED.includes(l) && !ORIGINAL.includes(l))) {
            assert.ok(resultLines.includes(line), `the user's line "${line}" survives`);
          }
        });
      }
    });
  }

  it('random user edits while a suggestion is shown: kept hunks always find their exact lines (500 cases)', () => {
    const random = rng(0xbadc0de);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const vocabulary = ['a', 'b', 'c', 'd', '}', '', 'x', 'same'];
    const mutate = (lines: readonly string[]) => {
      const out: string[] = [];
      for (const line of lines) {
        const roll = random();
        if (roll < 0.08) continue;
        out.push(roll < 0.16 ? pick(vocabulary) : line);
        if (random() < 0.08) out.push(pick(vocabulary));
      }
      return out;
    };
    for (let n = 0; n < 500; n++) {
      const eol = pick(['\n', '\r\n']);
      const join = (lines: readonly string[]) => lines.map((l) => l + eol).join('');
      const originalLines = Array.from({ length: 3 + Math.floor(random() * 12) }, () => pick(vocabulary));
      const original = join(originalLines);
      const suggestion = new Suggestion('s', 'file:///doc', 'Edit', original, computeHunks(original, join(mutate(originalLines))));
      for (const range of suggestion.pending()) if (random() < 0.3) suggestion.accepted.add(range.index);
      const current = join(mutate(docLines(suggestion.expectedText())));
      const label = `case ${n}: ${JSON.stringify(original)} / ${JSON.stringify(current)}`;
      suggestion.rebase(current);
      assertBytes(suggestion.expectedText(), current, label);
      const tokens = lineTokens(current);
      for (const range of suggestion.pending()) assert.deepEqual(tokens.slice(range.startLine, range.endLine), suggestion.hunks[range.index].removed, label);
      const proposedNow = suggestion.proposedText();
      const { text, undo } = acceptInto(suggestion, current, suggestion.pending().map((r) => r.index));
      assertBytes(text, proposedNow, label);
      assertBytes(undoAll(text, undo), current, label);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('reliability: edit targets', () => {
  describe('sensitive paths need confirmation', () => {
    for (const [file, reason] of [
      ['.git/config', /inside \.git/],
      ['.git/hooks/pre-commit', /inside \.git/],
      ['.git', /inside \.git/],
      ['vendor/lib/.git/HEAD', /inside \.git/],
      ['.vscode/settings.json', /settings or tasks/],
      ['.vscode/tasks.json', /settings or tasks/],
      ['.vscode/launch.json', /settings or tasks/],
      ['.vscode/extensions.json', /settings or tasks/],
      ['packages/app/.vscode/settings.json', /settings or tasks/],
      ['.vscode\\tasks.json', /settings or tasks/],
      ['.github/workflows/ci.yml', /CI workflow/],
      ['.github/workflows/release.yaml', /CI workflow/],
      ['.github\\workflows\\deploy.yml', /CI workflow/],
      ['.gitlab-ci.yml', /CI pipeline/],
      ['.circleci/config.yml', /CI pipeline/],
      ['azure-pipelines.yml', /CI pipeline/],
      ['ci/Jenkinsfile', /CI pipeline/],
      ['.husky/pre-commit', /git hook/],
    ] as const) {
      it(`${file} ${reason.source.replace(/\\/g, '')}`, () => {
        assert.match(sensitivePathReason(file) ?? 'not flagged', reason);
      });
    }
  });

  describe('ordinary paths do not', () => {
    for (const file of [
      'src/app.ts',
      'README.md',
      '.gitignore',
      '.gitattributes',
      '.github/CODEOWNERS',
      '.github/ISSUE_TEMPLATE/bug.md',
      'docs/.vscode-notes.md',
      '.vscode/cspell.json',
      'src/git/index.ts',
      'my.git/notes.txt',
      'workflows/ci.yml',
      'Jenkinsfile.md',
      'src/settings.json',
    ]) {
      it(file, () => assert.equal(sensitivePathReason(file), undefined));
    }
  });

  describe('the edit guard (VS Code stubbed): outside the workspace and Restricted Mode are refused without a yes', () => {
    const GUARD = '../../src/host/edits/inlineDiff/editGuard';
    const ROOT = path.resolve('/work/project');
    const prompts: { message: string; modal: boolean }[] = [];
    let trusted = true;
    let answer: string | undefined;
    const uri = (fsPath: string, scheme = 'file') => ({ scheme, fsPath, toString: () => `${scheme}://${fsPath}` });
    const vscodeStub = {
      workspace: {
        get isTrusted() {
          return trusted;
        },
        getWorkspaceFolder: (u: { fsPath: string }) => (u.fsPath.startsWith(ROOT + path.sep) ? { uri: uri(ROOT), name: 'project', index: 0 } : undefined),
        asRelativePath: (u: { fsPath: string }) => path.relative(ROOT, u.fsPath).split(path.sep).join('/'),
      },
      window: {
        showWarningMessage: async (message: string, ...rest: unknown[]) => {
          const options = rest[0] as { modal?: boolean } | undefined;
          prompts.push({ message, modal: typeof options === 'object' && options?.modal === true });
          return typeof options === 'object' && options?.modal ? answer : undefined;
        },
      },
    };
    type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
    const moduleWithLoad = Module as unknown as { _load: Loader };
    const realLoad = moduleWithLoad._load;
    let mayEdit: (target: unknown) => Promise<boolean>;

    before(() => {
      moduleWithLoad._load = function (request, parent, isMain) {
        return request === 'vscode' ? vscodeStub : realLoad.call(this, request, parent, isMain);
      };
      // Loaded through the stubbed loader (tsx compiles it to CommonJS, so its `require('vscode')` gets the stub).
      const load = Module.createRequire(__filename);
      delete load.cache[load.resolve(GUARD)];
      ({ mayEdit } = load(GUARD) as { mayEdit: typeof mayEdit });
    });
    after(() => {
      moduleWithLoad._load = realLoad;
      // Nobody else gets the copy bound to this stub.
      const load = Module.createRequire(__filename);
      delete load.cache[load.resolve(GUARD)];
    });
    beforeEach(() => {
      prompts.length = 0;
      trusted = true;
      answer = undefined;
    });

    const inside = (relative: string) => uri(path.join(ROOT, ...relative.split('/')));

    for (const [name, target] of [
      ['a file outside the workspace', uri(path.resolve('/etc/hosts'))],
      ['a sensitive file inside it (.vscode/tasks.json)', inside('.vscode/tasks.json')],
      ['a CI workflow', inside('.github/workflows/ci.yml')],
      ['a file inside .git', inside('.git/config')],
    ] as const) {
      it(`${name}: refused when the modal is dismissed, allowed only after "Propose Edit"`, async () => {
        assert.equal(await mayEdit(target), false);
        assert.equal(prompts.length, 1);
        assert.ok(prompts[0].modal, 'asked in a modal');
        assert.match(prompts[0].message, /outside the workspace|inside \.git|settings or tasks|CI workflow/);
        answer = 'Propose Edit';
        assert.equal(await mayEdit(target), true);
      });
    }

    it('an ordinary workspace file and an untitled document are allowed without asking', async () => {
      assert.equal(await mayEdit(inside('src/app.ts')), true);
      assert.equal(await mayEdit(uri('Untitled-1', 'untitled')), true);
      assert.equal(prompts.length, 0);
    });

    it('in Restricted Mode every target is refused, with no way to say yes', async () => {
      trusted = false;
      answer = 'Propose Edit';
      for (const target of [inside('src/app.ts'), uri(path.resolve('/etc/hosts')), inside('.vscode/settings.json')]) assert.equal(await mayEdit(target), false);
      assert.equal(prompts.length, 3);
      assert.ok(prompts.every((p) => !p.modal && /Restricted Mode/.test(p.message)));
    });
  });
});
