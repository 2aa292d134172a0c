import { strict as assert } from 'node:assert';
import { rhythmDebounce } from '../../../src/core/completions/scheduler';
import { foresightModel, simulateTyping } from '../../../src/core/completions/simulation';
import { TYPESCRIPT_TRACE, TraceBuilder, finalText, replayEdits } from '../../../src/core/completions/typingTrace';

const target = finalText(TYPESCRIPT_TRACE);

describe('completion simulation', () => {
  it('replays a realistic trace: a few hundred characters, human gaps, pauses, typos and a paste', () => {
    const steps = TYPESCRIPT_TRACE.steps;
    const typed = steps.filter((s) => s.kind === 'type');
    const gaps = typed.map((s) => s.gapMs).sort((a, b) => a - b);
    assert.ok(typed.length >= 300 && typed.length <= 600, `${typed.length} typed characters`);
    const median = gaps[Math.floor(gaps.length / 2)];
    assert.ok(median >= 120 && median <= 250, `median gap ${median} ms`);
    const overDebounce = gaps.filter((g) => g > 150).length / gaps.length;
    assert.ok(overDebounce > 0.4, 'most gaps of an ordinary typist exceed a 150 ms debounce');
    assert.ok(gaps.filter((g) => g >= 1_000).length >= 3, 'thinking pauses');
    assert.ok(steps.filter((s) => s.kind === 'backspace').length >= 4);
    assert.equal(steps.filter((s) => s.kind === 'paste').length, 1);
    assert.ok(target.includes('export function summarize(orders: Order[]): string {\n  const paid = orders.filter((order) =>'));
    assert.ok(target.endsWith('function formatMoney(cents: number): string {\n  return `$${(cents / 100).toFixed(2)}`;\n}\n\nexport const VERSION = 2;\n'));
  });

  it('applies keystrokes, Backspace and pastes at the cursor', () => {
    const steps = new TraceBuilder().type('ab').typo('x').enter('  ').paste('c = 1;').build();
    const states = [...replayEdits({ name: 't', path: 'a.ts', languageId: 'typescript', initialText: '[]', cursor: 1, steps })];
    assert.deepEqual(states.map((s) => s.text), ['[a]', '[ab]', '[abx]', '[ab]', '[ab\n  ]', '[ab\n  c = 1;]']);
    assert.deepEqual(states.map((s) => s.inserted), ['a', 'b', 'x', '', '\n  ', 'c = 1;']);
  });

  it('reports at most 8 requests per 100 typed characters and no overlapping request, for the default settings', async function () {
    this.timeout(20_000);
    for (const accuracy of [1, 0.6, 0.3]) {
      const report = await simulateTyping({ trace: TYPESCRIPT_TRACE, model: foresightModel(target, accuracy, 150) });
      assert.equal(report.overlappingRequests, 0, `accuracy ${accuracy}`);
      assert.equal(report.maxOpenRequests, 1);
      assert.ok(report.requestsPer100Chars <= 8, `accuracy ${accuracy}: ${report.requestsPer100Chars.toFixed(1)} requests per 100 characters`);
      assert.ok(report.stats.shown > 0 && report.stats.cacheHits > 0);
      assert.ok(report.spentUsd > 0 && report.spentUsd < 0.05);
    }
  });

  it('stays near that rate with a model that is never right, and never overlaps', async function () {
    this.timeout(20_000);
    const report = await simulateTyping({ trace: TYPESCRIPT_TRACE, model: foresightModel(target, 0, 150) });
    assert.equal(report.overlappingRequests, 0);
    assert.ok(report.requestsPer100Chars <= 10, `${report.requestsPer100Chars.toFixed(1)} requests per 100 characters`);
  });

  it('shows why the debounce follows the typing rhythm: a fixed 150 ms sends several times more requests', async function () {
    this.timeout(20_000);
    const model = foresightModel(target, 0.3, 150);
    const adaptive = await simulateTyping({ trace: TYPESCRIPT_TRACE, model });
    const fixed = await simulateTyping({ trace: TYPESCRIPT_TRACE, model, settings: { adaptiveDebounce: false } });
    assert.equal(fixed.overlappingRequests, 0);
    assert.ok(fixed.requests >= 2 * adaptive.requests, `${fixed.requests} vs ${adaptive.requests}`);
    assert.ok(fixed.stats.aborted > fixed.requests / 2, 'most fixed-debounce requests are aborted by the next key');
    const fastest = Math.min(...fixed.modelSuggestionDelaysMs);
    assert.equal(fastest, 300, 'debounce + time to first token, on the virtual clock');
  });

  it('waits longer than the setting only while the typist’s usual gap calls for it, within a ceiling', () => {
    assert.equal(rhythmDebounce([], 150), 150);
    assert.equal(rhythmDebounce([100, 100, 100, 100, 100], 150), 150, 'too few gaps to tell');
    assert.equal(rhythmDebounce([40, 50, 60, 50, 40, 60], 150), 150, 'a fast typist gets the setting');
    assert.equal(rhythmDebounce([180, 200, 160, 220, 190, 210], 150), 500);
    assert.equal(rhythmDebounce([600, 700, 650, 800, 620, 640], 150), 700);
    assert.equal(rhythmDebounce([180, 200, 160, 220, 190, 210], 900), 900, 'never below the setting');
  });
});
