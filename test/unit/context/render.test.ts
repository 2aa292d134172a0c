import { strict as assert } from 'node:assert';
import { planContext } from '../../../src/core/context/budget';
import { buildContextChips } from '../../../src/core/context/chips';
import { createProblemsItem } from '../../../src/core/context/items';
import { fenceFor, locationOf, renderContext, renderItem } from '../../../src/core/context/render';
import { gpt, item, linesOf, sourceFile } from './helpers';

describe('context rendering', () => {
  it('fences code with a fence longer than any backtick run inside', () => {
    assert.equal(fenceFor('plain'), '```');
    assert.equal(fenceFor('inline `x` and ``y``'), '```');
    assert.equal(fenceFor('```ts\nconst a = 1;\n```'), '````');
    assert.equal(fenceFor('a ````` b'), '``````');
    const md = item({ kind: 'file', path: 'docs/guide.md', languageId: 'markdown', text: 'Intro\n````js\nx()\n````\n' });
    const out = renderItem(md);
    assert.ok(out.startsWith('File: docs/guide.md\n`````markdown\nIntro\n'));
    assert.ok(out.endsWith('\n`````'));
  });

  it('names path, language and line range: src/cart.ts:10-24', () => {
    const text = linesOf(sourceFile(30), 10, 24);
    const selection = item({ kind: 'selection', path: 'src/cart.ts', languageId: 'typescript', text, range: { start: 10, end: 24 } });
    assert.equal(locationOf(selection), 'src/cart.ts:10-24');
    assert.equal(renderItem(selection), `Selected code: src/cart.ts:10-24\n\`\`\`typescript\n${text}\n\`\`\``);
    const one = item({ kind: 'selection', path: 'src/cart.ts', languageId: 'plaintext', text: 'x', range: { start: 7, end: 7 } });
    assert.equal(renderItem(one), 'Selected code: src/cart.ts:7\n```\nx\n```');
  });

  it('says when a file is only part of itself', () => {
    const text = sourceFile(300);
    const active = item({ kind: 'activeFile', path: 'src/big.ts', languageId: 'typescript', text, focus: { start: 150, end: 150 } });
    const plan = planContext([active], Math.floor(active.tokens / 3), { family: 'gpt' });
    const [sent] = plan.included;
    assert.match(renderItem(sent), /^Active file: src\/big\.ts:\d+-\d+ \(part of 300 lines\)\n```typescript\n/);
  });

  it('renders problems as a list, most severe first', () => {
    const problems = createProblemsItem(
      [
        { path: 'src/b.ts', line: 4, severity: 'warning', message: 'Unused variable  x' },
        { path: 'src/a.ts', line: 12, severity: 'error', message: "Type 'string' is not assignable\nto type 'number'." },
      ],
      gpt,
    )!;
    assert.equal(
      renderItem(problems),
      "Problems:\n- src/a.ts:12 error: Type 'string' is not assignable to type 'number'.\n- src/b.ts:4 warning: Unused variable x",
    );
    assert.equal(createProblemsItem([], gpt), undefined);
  });

  it('joins items with a blank line, in the order given', () => {
    const a = item({ kind: 'file', path: 'a.ts', languageId: 'typescript', text: 'a\n' });
    const b = item({ kind: 'openEditor', path: 'b.py', languageId: 'python', text: 'b' });
    assert.equal(renderContext([a, b]), 'File: a.ts\n```typescript\na\n```\n\nOpen file: b.py\n```python\nb\n```');
    assert.equal(renderContext([]), '');
  });

  it('redacts what it sends: items are masked when built', () => {
    const env = item({ kind: 'file', path: 'config/app.yml', languageId: 'yaml', text: 'db:\n  password: hunter2\n  key: sk-abcdefghijklmnop\n' });
    const out = renderContext([env]);
    assert.ok(!out.includes('hunter2') && !out.includes('sk-abcdefghijklmnop'));
  });
});

describe('context chips', () => {
  it('shows every item with its state, detail, tokens and why it was trimmed or dropped', () => {
    const text = sourceFile(300, 'x');
    const selection = item({ kind: 'selection', path: 'src/x.ts', languageId: 'typescript', text: linesOf(text, 10, 24), range: { start: 10, end: 24 } });
    const active = item({ kind: 'activeFile', path: 'src/x.ts', languageId: 'typescript', text, focus: { start: 10, end: 24 } });
    const far = item({ kind: 'openEditor', path: 'src/far.ts', languageId: 'typescript', text: sourceFile(100, 'far'), order: 5 });
    const problems = createProblemsItem([{ path: 'src/x.ts', line: 3, severity: 'error', message: 'Oops' }], gpt)!;
    const items = [selection, active, far, problems];
    const plan = planContext(items, selection.tokens + problems.tokens + Math.floor(active.tokens / 2), { family: 'gpt' });
    const chips = buildContextChips(items, plan);
    assert.deepEqual(
      chips.map((c) => [c.id, c.state, c.kind, c.removable]),
      [
        ['selection:src/x.ts:10-24', 'included', 'selection', true],
        ['activeFile:src/x.ts', 'trimmed', 'activeFile', true],
        ['openEditor:src/far.ts', 'dropped', 'openEditor', true],
        ['problems', 'included', 'problems', true],
      ],
    );
    assert.equal(chips[0].label, 'x.ts:10-24');
    assert.equal(chips[0].detail, 'lines 10–24');
    assert.equal(chips[0].tokens, selection.tokens);
    assert.equal(chips[0].note, undefined);
    assert.match(chips[1].detail, /^lines 1–\d+ of 300$/);
    assert.ok(chips[1].tokens < active.tokens);
    assert.match(chips[1].note!, /around the selection/);
    assert.equal(chips[2].detail, '100 lines');
    assert.match(chips[2].note!, /far\.ts left out: open editors farthest/);
    assert.equal(chips[3].label, '1 problem');
    assert.equal(chips[3].detail, '1 problem');
  });
});
