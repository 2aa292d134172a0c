// Runs every case in test/fixtures/edits: the model's answer as it arrived, the document before, and either the
// exact bytes after or a refusal whose reason matches.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseEditAnswer } from '../../../src/core/edits/answer';
import { type EditProposal, type LineSelection, computeEdit } from '../../../src/core/edits/engine';
import { applyHunks } from '../../../src/core/edits/hunks';

const CORPUS = path.join(__dirname, '..', '..', 'fixtures', 'edits');

interface CaseSpec {
  mode: 'selection' | 'file' | 'snippet' | 'searchReplace';
  selection?: LineSelection;
  expect: 'after' | 'refused';
  reasonMatches?: string;
}

export function loadCase(dir: string): { spec: CaseSpec; before: string; proposal: string; after?: string } {
  const files = fs.readdirSync(dir);
  const read = (prefix: string): string | undefined => {
    const name = files.find((f) => f.startsWith(`${prefix}.`));
    return name === undefined ? undefined : fs.readFileSync(path.join(dir, name), 'utf8');
  };
  const spec = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')) as CaseSpec;
  return { spec, before: read('before') ?? '', proposal: fs.readFileSync(path.join(dir, 'proposal.md'), 'utf8'), after: read('after') };
}

/** The proposal as the extension would build it from the answer. */
export function proposalFor(spec: CaseSpec, answer: string): EditProposal {
  const parsed = parseEditAnswer(answer);
  if (spec.mode === 'searchReplace') {
    assert.equal(parsed.kind, 'searchReplace', 'answer should hold SEARCH/REPLACE blocks');
    return { mode: 'searchReplace', blocks: parsed.kind === 'searchReplace' ? parsed.blocks : [] };
  }
  const text = parsed.kind === 'replacement' ? parsed.text : answer;
  if (spec.mode === 'selection') return { mode: 'selection', text, selection: spec.selection! };
  return { mode: spec.mode, text };
}

const caseDirs = fs
  .readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('edit corpus', () => {
  it('has at least 40 cases', () => {
    assert.ok(caseDirs.length >= 40, `only ${caseDirs.length} cases`);
  });

  for (const name of caseDirs) {
    it(name, () => {
      const { spec, before, proposal, after } = loadCase(path.join(CORPUS, name));
      const result = computeEdit(before, proposalFor(spec, proposal));
      if (spec.expect === 'refused') {
        assert.equal(result.ok, false, `expected a refusal, got:\n${result.ok ? result.newText : ''}`);
        if (!result.ok && spec.reasonMatches) assert.match(result.reason, new RegExp(spec.reasonMatches));
        return;
      }
      if (!result.ok) assert.fail(`refused: ${result.reason}`);
      assert.equal(JSON.stringify(result.newText), JSON.stringify(after));
      assert.equal(applyHunks(before, result.hunks, result.hunks.map((_, i) => i)), result.newText);
      assert.equal(applyHunks(before, result.hunks, []), before);
    });
  }
});
