// Runs every case in test/fixtures/edits through the function the product uses for its path, and reports per
// class how many gave the exact bytes, were refused as expected, were refused though bytes were expected, or
// corrupted the file. Any corruption fails; so does a wrong refusal beyond the recorded budget.
import { strict as assert } from 'node:assert';
import { type CaseResult, type Verdict, classOf, loadCorpus, runCase } from '../../support/editCorpus';

/** Cases expecting bytes that the engine refuses today (each is listed in the report); lower it, never raise it. */
const WRONG_REFUSAL_BUDGET = 0;
const MIN_CASES = 150;

const corpus = loadCorpus();
const results = new Map<string, CaseResult>();

describe('edit corpus', () => {
  it(`has at least ${MIN_CASES} cases, each with a class`, () => {
    assert.ok(corpus.length >= MIN_CASES, `only ${corpus.length} cases`);
  });

  for (const c of corpus) {
    it(`${classOf(c.name, c.spec)}: ${c.name}`, () => {
      const result = runCase(c);
      results.set(c.name, result);
      if (result.verdict === 'corrupted') assert.fail(`corrupted: ${result.detail}`);
      if (c.spec.expect === 'refused' && c.spec.reasonMatches && !new RegExp(c.spec.reasonMatches).test(result.detail)) {
        assert.fail(`refused for another reason than /${c.spec.reasonMatches}/: ${result.detail}`);
      }
    });
  }

  it('reports exact / refused-correctly / refused-wrongly / corrupted per class, with no corruption', () => {
    const table = new Map<string, Record<Verdict, number>>();
    const wrong: string[] = [];
    for (const c of corpus) {
      const result = results.get(c.name) ?? runCase(c);
      const cls = classOf(c.name, c.spec);
      const row = table.get(cls) ?? { exact: 0, refusedCorrectly: 0, refusedWrongly: 0, corrupted: 0 };
      row[result.verdict]++;
      table.set(cls, row);
      if (result.verdict === 'refusedWrongly') wrong.push(`${c.name}: ${result.detail}`);
    }
    const total = { exact: 0, refusedCorrectly: 0, refusedWrongly: 0, corrupted: 0 };
    const lines = ['class                          exact  refused-ok  refused-wrongly  corrupted'];
    for (const [cls, row] of [...table].sort(([a], [b]) => a.localeCompare(b))) {
      for (const k of Object.keys(total) as Verdict[]) total[k] += row[k];
      lines.push(`${cls.padEnd(30)} ${String(row.exact).padStart(5)} ${String(row.refusedCorrectly).padStart(11)} ${String(row.refusedWrongly).padStart(16)} ${String(row.corrupted).padStart(10)}`);
    }
    lines.push(`${'all'.padEnd(30)} ${String(total.exact).padStart(5)} ${String(total.refusedCorrectly).padStart(11)} ${String(total.refusedWrongly).padStart(16)} ${String(total.corrupted).padStart(10)}`);
    if (wrong.length > 0) lines.push('', 'refused though bytes were expected:', ...wrong.map((w) => `  ${w.split('\n')[0]}`));
    console.log(`\n${lines.join('\n')}\n`);
    assert.equal(total.corrupted, 0, 'corrupted cases');
    assert.ok(total.refusedWrongly <= WRONG_REFUSAL_BUDGET, `${total.refusedWrongly} wrong refusals, over the budget of ${WRONG_REFUSAL_BUDGET}`);
  });
});
