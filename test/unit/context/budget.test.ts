import { strict as assert } from 'node:assert';
import { contextBudget, describeDrop, describeTrim, planContext, REDUCTION_ORDER, type ContextPlan } from '../../../src/core/context/budget';
import { createProblemsItem } from '../../../src/core/context/items';
import { renderContext, renderItem } from '../../../src/core/context/render';
import { countTokens } from '../../../src/core/context/tokens';
import type { ContextItem, TokenFamily } from '../../../src/core/context/types';
import { gpt, item, linesOf, seededRandom, sourceFile } from './helpers';

const ACTIVE_TEXT = sourceFile(600, 'active');
const FOCUS = { start: 300, end: 309 };

function scene() {
  const selection = item({ kind: 'selection', path: 'src/active.ts', languageId: 'typescript', text: linesOf(ACTIVE_TEXT, 300, 309), range: FOCUS });
  const active = item({ kind: 'activeFile', path: 'src/active.ts', languageId: 'typescript', text: ACTIVE_TEXT, focus: FOCUS });
  const editors = [1, 2, 3].map((order) =>
    item({ kind: 'openEditor', path: `src/editor${order}.ts`, languageId: 'typescript', text: sourceFile(200, `e${order}`), order }),
  );
  const pinned = item({ kind: 'file', path: 'src/pinned.ts', languageId: 'typescript', text: sourceFile(300, 'pinned'), order: 1 });
  return { selection, active, editors, pinned, all: [selection, active, ...editors, pinned] };
}

/** What the plan costs for `items` untouched, i.e. the smallest budget that fits them all. */
function fullCost(items: readonly ContextItem[]): number {
  return planContext(items, Number.MAX_SAFE_INTEGER, { family: 'gpt' }).totalTokens;
}

function ids(items: readonly { readonly id: string }[]): string[] {
  return items.map((i) => i.id);
}

function assertWithinBudget(plan: ContextPlan, family: TokenFamily = 'gpt'): void {
  assert.ok(plan.totalTokens <= plan.budget, `total ${plan.totalTokens} > budget ${plan.budget}`);
  const real = countTokens(renderContext(plan.included), family);
  assert.ok(real <= plan.totalTokens, `rendered ${real} > planned ${plan.totalTokens}`);
}

describe('context budget', () => {
  it('is the window minus reserved output, the conversation and the system prompt, never negative', () => {
    assert.equal(contextBudget({ contextWindow: 128000, reservedOutput: 16384, conversationTokens: 5000, systemPromptTokens: 600 }), 106016);
    assert.equal(contextBudget({ contextWindow: 1000, reservedOutput: 900, conversationTokens: 500, systemPromptTokens: 0 }), 0);
  });

  it('includes everything untouched when it fits, counting headers and fences', () => {
    const { all } = scene();
    const plan = planContext(all, 1_000_000, { family: 'gpt' });
    assert.deepEqual(ids(plan.included), ids(all));
    assert.equal(plan.dropped.length + plan.trimmed.length, 0);
    assertWithinBudget(plan);
    assert.ok(plan.totalTokens >= all.reduce((sum, i) => sum + countTokens(renderItem(i), 'gpt'), 0));
  });

  it('drops open editors first, farthest first, and only as many as needed', () => {
    const { all, editors } = scene();
    const budget = fullCost(all) - fullCost([editors[1]]) - 1;
    const plan = planContext(all, budget, { family: 'gpt' });
    assert.deepEqual(plan.dropped.map((d) => [d.item.id, d.reason]), [
      ['openEditor:src/editor3.ts', 'farOpenEditor'],
      ['openEditor:src/editor2.ts', 'farOpenEditor'],
    ]);
    assert.equal(plan.trimmed.length, 0);
    assert.ok(ids(plan.included).includes('openEditor:src/editor1.ts'));
    assertWithinBudget(plan);
  });

  it('then trims the active file to a window around the selection that keeps the selection', () => {
    const { all, selection, active, pinned } = scene();
    const budget = fullCost([selection, pinned]) + Math.floor(active.tokens / 3);
    const plan = planContext(all, budget, { family: 'gpt' });
    assert.equal(plan.dropped.filter((d) => d.reason === 'farOpenEditor').length, 3);
    assert.equal(plan.trimmed.length, 1);
    const [trim] = plan.trimmed;
    assert.equal(trim.reason, 'aroundSelection');
    assert.deepEqual(trim.from, { start: 1, end: 600 });
    assert.ok(trim.to.start <= FOCUS.start && trim.to.end >= FOCUS.end, JSON.stringify(trim.to));
    assert.ok(trim.to.end - trim.to.start > 50, 'the window grows as far as the budget allows');
    assert.equal(trim.item.text, linesOf(ACTIVE_TEXT, trim.to.start, trim.to.end));
    // Centered on the selection while neither end of the file is reached.
    assert.ok(Math.abs(FOCUS.start - trim.to.start - (trim.to.end - FOCUS.end)) <= 1);
    assert.ok(ids(plan.included).includes(pinned.id), 'user-added files are untouched while the active file can shrink');
    assert.match(describeTrim(trim), /around the selection/);
    assertWithinBudget(plan);
  });

  it('then trims user-added files, keeping their first lines, once the active file is down to the selection', () => {
    const { all, selection, active, pinned } = scene();
    const budget = fullCost([selection]) + 2 * countTokens(renderItem({ ...active, text: linesOf(ACTIVE_TEXT, 300, 309) }), 'gpt') + Math.floor(pinned.tokens / 2);
    const plan = planContext(all, budget, { family: 'gpt' });
    const byId = new Map(plan.trimmed.map((t) => [t.original.id, t]));
    assert.deepEqual(byId.get(active.id)?.to, FOCUS);
    const pinnedTrim = byId.get(pinned.id)!;
    assert.equal(pinnedTrim.reason, 'fileTrimmed');
    assert.equal(pinnedTrim.to.start, 1);
    assert.ok(pinnedTrim.to.end > 20 && pinnedTrim.to.end < 300);
    assert.deepEqual(plan.included.find((i) => i.kind === 'selection'), selection);
    assertWithinBudget(plan);
  });

  it('keeps the selection untouched while it alone fits, dropping everything else with reasons', () => {
    const { all, selection } = scene();
    const plan = planContext(all, fullCost([selection]), { family: 'gpt' });
    assert.deepEqual(plan.included, [selection]);
    assert.deepEqual(plan.dropped.map((d) => d.reason), ['farOpenEditor', 'farOpenEditor', 'farOpenEditor', 'noRoomForFile', 'noRoomForActiveFile']);
    for (const d of plan.dropped) assert.ok(describeDrop(d).includes(d.item.label));
    assertWithinBudget(plan);
  });

  it('trims a selection that alone exceeds the budget, keeping its first lines, with a clear reason', () => {
    const text = sourceFile(400, 'huge');
    const selection = item({ kind: 'selection', path: 'src/huge.ts', languageId: 'typescript', text, range: { start: 101, end: 500 } });
    const plan = planContext([selection], Math.floor(fullCost([selection]) / 4), { family: 'gpt' });
    assert.equal(plan.trimmed.length, 1);
    const [trim] = plan.trimmed;
    assert.equal(trim.reason, 'selectionTooLarge');
    assert.equal(trim.to.start, 101);
    assert.ok(trim.to.end > 150 && trim.to.end < 500);
    assert.equal(trim.item.text, linesOf(text, 1, trim.to.end - 100));
    assert.match(describeTrim(trim), /selection alone is larger/);
    assertWithinBudget(plan);
    const none = planContext([selection], 5, { family: 'gpt' });
    assert.deepEqual(none.dropped.map((d) => d.reason), ['noRoomForSelection']);
    assert.equal(none.totalTokens, 0);
  });

  it('trims problems to the most severe before touching the selection', () => {
    const problems = createProblemsItem(
      Array.from({ length: 40 }, (_, i) => ({ path: `src/f${i}.ts`, line: i + 1, severity: i % 4 === 0 ? 'error' : 'warning', message: `Problem number ${i} is here` }) as const),
      gpt,
    )!;
    const selection = item({ kind: 'selection', path: 'src/a.ts', languageId: 'typescript', text: 'const a = 1;', range: { start: 3, end: 3 } });
    const plan = planContext([selection, problems], fullCost([selection]) + Math.floor(problems.tokens / 2), { family: 'gpt' });
    const [trim] = plan.trimmed;
    assert.equal(trim.reason, 'mostSevereProblems');
    assert.ok(trim.item.text.split('\n').slice(0, 10).every((line) => line.includes(' error: ')));
    assert.match(describeTrim(trim), /most severe of 40 problems/);
    assert.deepEqual(plan.included[0], selection);
    assertWithinBudget(plan);
  });

  it('words every reduction step', () => {
    const { selection } = scene();
    for (const reason of REDUCTION_ORDER) {
      const text =
        reason === 'aroundSelection' || reason === 'fileTrimmed' || reason === 'mostSevereProblems' || reason === 'selectionTooLarge'
          ? describeTrim({ item: selection, original: selection, from: { start: 1, end: 9 }, to: { start: 2, end: 4 }, reason })
          : describeDrop({ item: selection, reason });
      assert.ok(text.length > 20, reason);
    }
  });

  for (const family of ['gpt', 'gemini'] as const) {
    it(`never plans more than the budget (seeded random property test, ${family})`, function () {
      this.timeout(60000);
      const random = seededRandom(family === 'gpt' ? 20240611 : 7);
      const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
      const count = (text: string) => countTokens(text, family);
      for (let round = 0; round < 300; round++) {
        const lines = int(1, 300);
        const activeText = sourceFile(lines, `a${round}`);
        const start = int(1, lines);
        const focus = { start, end: Math.min(lines, start + int(0, 20)) };
        const items: ContextItem[] = [
          item({ kind: 'selection', path: 'src/a.ts', languageId: 'typescript', text: linesOf(activeText, focus.start, focus.end), range: focus }, family),
          item({ kind: 'activeFile', path: 'src/a.ts', languageId: 'typescript', text: activeText, focus }, family),
        ];
        for (let e = int(0, 5); e > 0; e--) {
          items.push(item({ kind: 'openEditor', path: `src/e${e}.ts`, languageId: 'typescript', text: sourceFile(int(1, 200), `e${e}`), order: int(1, 20) }, family));
        }
        for (let f = int(0, 3); f > 0; f--) {
          const text = `${'`'.repeat(int(0, 6))}\n${sourceFile(int(1, 150), `p${f}`)}`;
          items.push(item({ kind: 'file', path: `docs/p${f}.md`, languageId: 'markdown', text, order: int(0, 5) }, family));
        }
        if (random() < 0.5) {
          items.push(createProblemsItem([{ path: 'src/a.ts', line: 3, severity: 'error', message: 'Type error' }, { path: 'src/b.ts', line: 9, severity: 'hint', message: 'Unused' }], count)!);
        }
        const full = planContext(items, Number.MAX_SAFE_INTEGER, { family }).totalTokens;
        const budget = int(0, full + 200);
        const plan = planContext(items, budget, { family });
        assertWithinBudget(plan, family);
        assert.equal(plan.included.length + plan.dropped.length, items.length, 'every item is included or dropped');
        const selectionCost = planContext([items[0]], Number.MAX_SAFE_INTEGER, { family }).totalTokens;
        if (selectionCost <= budget) assert.deepEqual(plan.included.find((i) => i.kind === 'selection'), items[0], `round ${round}`);
        const activeTrim = plan.trimmed.find((t) => t.reason === 'aroundSelection');
        if (activeTrim) assert.ok(activeTrim.to.start <= focus.start && activeTrim.to.end >= focus.end, `round ${round}`);
        if (plan.trimmed.length > 0 || plan.dropped.some((d) => d.reason !== 'farOpenEditor')) {
          assert.ok(!plan.included.some((i) => i.kind === 'openEditor'), `round ${round}: open editors go before anything is trimmed`);
        }
      }
    });
  }
});
