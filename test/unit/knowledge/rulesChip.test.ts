import { strict as assert } from 'node:assert';
import { countTokens } from '../../../src/core/context/tokens';
import { discoverInstructions } from '../../../src/core/knowledge/instructions';
import { buildRulesChip, rulesChipText } from '../../../src/core/knowledge/rulesChip';

const count = (text: string): number => countTokens(text, 'gpt');

async function select(files: Record<string, string>, options: { activeFile?: string; maxTokens?: number; trusted?: boolean } = {}) {
  return discoverInstructions({
    paths: Object.keys(files),
    read: async (p) => files[p],
    activeFile: options.activeFile ?? 'src/a.ts',
    count,
    maxTokens: options.maxTokens ?? 10_000,
    trusted: options.trusted,
  });
}

const FILES = {
  'AGENTS.md': 'Root rules.',
  'src/AGENTS.md': 'Source rules.',
  '.tandem/rules/ts.md': '---\napplyTo: "**/*.ts"\n---\nNo any.',
};

describe('rules chip', () => {
  it('names the first file in prompt order and counts the rest: "Rules: AGENTS.md, 2 more · N tokens"', async () => {
    const selection = await select(FILES);
    const chip = buildRulesChip(selection)!;
    assert.equal(chip.state, 'on');
    assert.equal(chip.title, 'Rules: AGENTS.md, 2 more');
    assert.equal(chip.tokens, selection.totalTokens);
    assert.equal(rulesChipText(chip), `Rules: AGENTS.md, 2 more · ${selection.totalTokens} tokens`);
    assert.equal(rulesChipText(chip, (n) => `${(n / 1000).toFixed(1)}K`), `Rules: AGENTS.md, 2 more · ${(selection.totalTokens / 1000).toFixed(1)}K tokens`);
    assert.deepEqual(chip.files.map((f) => [f.path, f.label, f.state]), [
      ['AGENTS.md', 'AGENTS.md', 'applied'],
      ['src/AGENTS.md', 'src/AGENTS.md', 'applied'],
      ['.tandem/rules/ts.md', 'ts.md', 'applied'],
    ]);
    assert.equal(chip.files.reduce((sum, f) => sum + f.tokens, 0) <= chip.tokens, true);
    assert.deepEqual(chip.notes, []);
  });

  it('one file is named alone; none at all means no chip', async () => {
    const one = buildRulesChip(await select({ 'AGENTS.md': 'Root.' }))!;
    assert.equal(one.title, 'Rules: AGENTS.md');
    assert.equal(buildRulesChip(await select({ 'src/a.ts': 'code' })), undefined);
    assert.equal(buildRulesChip(await select({ '.tandem/rules/py.md': '---\napplyTo: "**/*.py"\n---\nPy.' })), undefined, 'nothing applies: no chip');
  });

  it('lists files left out for the budget, with a note', async () => {
    const selection = await select({ 'AGENTS.md': 'Root.', '.tandem/rules/huge.md': 'Huge rule. '.repeat(500) }, { maxTokens: 100 });
    const chip = buildRulesChip(selection)!;
    assert.equal(chip.title, 'Rules: AGENTS.md');
    assert.deepEqual(chip.files.map((f) => [f.label, f.state, f.tokens]), [
      ['AGENTS.md', 'applied', chip.files[0].tokens],
      ['huge.md', 'dropped', 0],
    ]);
    assert.match(chip.notes[0], /huge\.md left out/);
    const nothingFits = buildRulesChip(await select({ 'AGENTS.md': 'Root. '.repeat(500) }, { maxTokens: 50 }))!;
    assert.equal(nothingFits.title, 'Rules: none fit');
    assert.equal(nothingFits.tokens, 0);
  });

  it('turned off for the chat: says what would apply, costs nothing', async () => {
    const chip = buildRulesChip(await select(FILES), { enabled: false })!;
    assert.equal(chip.state, 'off');
    assert.equal(chip.title, 'Rules (off): AGENTS.md, 2 more');
    assert.equal(chip.tokens, 0);
    assert.equal(rulesChipText(chip), 'Rules (off): AGENTS.md, 2 more');
  });

  it('in Restricted Mode: says the files were not read', async () => {
    const chip = buildRulesChip(await select(FILES, { trusted: false }))!;
    assert.equal(chip.state, 'restricted');
    assert.equal(chip.title, 'Rules: not read (Restricted Mode)');
    assert.equal(chip.tokens, 0);
    assert.match(chip.notes[0], /untrusted workspace/);
  });
});
