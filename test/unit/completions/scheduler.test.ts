import { strict as assert } from 'node:assert';
import { VirtualClock } from '../../../src/core/completions/clock';
import { type CompletionFetch, type CompletionOutcome, CompletionScheduler, type SchedulerOptions } from '../../../src/core/completions/scheduler';
import { type CompletionSettings, DEFAULT_COMPLETION_SETTINGS } from '../../../src/core/completions/settings';
import type { CompletionDocument } from '../../../src/core/completions/types';

const ON: CompletionSettings = { ...DEFAULT_COMPLETION_SETTINGS, enabled: true };

interface Call {
  readonly doc: CompletionDocument;
  readonly signal: AbortSignal;
  readonly startedAt: number;
  endedAt?: number;
}

/** A model on the virtual clock: answers `reply(doc)` after `latencyMs`, stops `abortMs` after an abort. */
class FakeModel {
  readonly calls: Call[] = [];
  active = 0;
  maxActive = 0;
  constructor(
    private readonly clock: VirtualClock,
    private readonly reply: (doc: CompletionDocument) => string | undefined = () => 'items.length;',
    private readonly latencyMs = 150,
    private readonly costUsd = 0.001,
    private readonly abortMs = 0,
  ) {}

  readonly fetch: CompletionFetch = (doc, signal) => {
    const call: Call = { doc, signal, startedAt: this.clock.now() };
    this.calls.push(call);
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    return new Promise((resolve) => {
      const end = (answered: boolean): void => {
        this.active--;
        call.endedAt = this.clock.now();
        const text = answered ? this.reply(doc) : undefined;
        resolve({ answer: text === undefined ? undefined : { text, replaceLength: 0 }, costUsd: this.costUsd });
      };
      const timer = this.clock.setTimer(() => end(true), this.latencyMs);
      signal.addEventListener('abort', () => {
        this.clock.clearTimer(timer);
        this.clock.setTimer(() => end(false), this.abortMs);
      });
    });
  };
}

function setup(options: Partial<SchedulerOptions> & { reply?: (doc: CompletionDocument) => string | undefined; abortMs?: number; costUsd?: number } = {}) {
  const clock = new VirtualClock(Date.UTC(2026, 0, 5, 9));
  const model = new FakeModel(clock, options.reply, 150, options.costUsd ?? 0.001, options.abortMs ?? 0);
  const scheduler = new CompletionScheduler({ clock, fetch: model.fetch, settings: ON, ...options });
  return { clock, model, scheduler };
}

/** The outcome, once the virtual clock has moved on enough for it to come. */
async function after(clock: VirtualClock, outcome: Promise<CompletionOutcome>, ms = 1_000): Promise<CompletionOutcome> {
  await clock.advance(ms);
  return outcome;
}

/** A TypeScript document whose text is `before` with the cursor at its end. */
function typed(before: string, after = '', path = 'src/app.ts', languageId = 'typescript'): CompletionDocument {
  return { text: before + after, offset: before.length, languageId, path };
}

describe('completion scheduler', () => {
  it('waits for the debounce before asking, and asks once for a burst of keystrokes', async () => {
    const { clock, model, scheduler } = setup();
    const outcomes: Promise<CompletionOutcome>[] = [];
    for (const text of ['const n = i', 'const n = it', 'const n = ite']) {
      outcomes.push(scheduler.complete(typed(text)));
      await clock.advance(60);
    }
    assert.equal(model.calls.length, 0);
    await clock.advance(89);
    assert.equal(model.calls.length, 0, 'not before 150 ms after the last keystroke');
    await clock.advance(1);
    assert.equal(model.calls.length, 1);
    assert.equal(model.calls[0].doc.text, 'const n = ite');
    await clock.advance(150);
    const results = await Promise.all(outcomes);
    assert.deepEqual(results.slice(0, 2), [{ kind: 'none', reason: 'superseded' }, { kind: 'none', reason: 'superseded' }]);
    assert.deepEqual(results[2], { kind: 'suggestion', answer: { text: 'items.length;', replaceLength: 0 }, fromCache: false });
  });

  it('waits longer while the user types in a steady rhythm slower than the debounce, unless told not to', async () => {
    for (const adaptiveDebounce of [true, false]) {
      const { clock, model, scheduler } = setup({ settings: { ...ON, adaptiveDebounce } });
      let text = 'const n = ';
      let last: Promise<CompletionOutcome> | undefined;
      for (let i = 0; i < 8; i++) {
        text += 'x';
        scheduler.noteEdit('src/app.ts', 'x');
        last = scheduler.complete(typed(text));
        if (i < 7) await clock.advance(200);
      }
      const before = model.calls.length;
      await clock.advance(150);
      assert.equal(model.calls.length - before, adaptiveDebounce ? 0 : 1, `adaptive ${adaptiveDebounce}, 150 ms after the last key`);
      await clock.advance(350);
      assert.equal(model.calls.length - before, 1, `adaptive ${adaptiveDebounce}, 500 ms after the last key`);
      await after(clock, last!);
    }
  });

  it('aborts the request in flight when a key is pressed, through its AbortSignal', async () => {
    const { clock, model, scheduler } = setup();
    const first = scheduler.complete(typed('const n = '));
    await clock.advance(150 + 50);
    assert.equal(model.calls.length, 1);
    const second = scheduler.complete(typed('const n = x'));
    assert.equal(model.calls[0].signal.aborted, true);
    assert.deepEqual(await after(clock, first, 0), { kind: 'none', reason: 'superseded' });
    assert.equal((await after(clock, second, 300)).kind, 'suggestion');
    assert.equal(scheduler.stats().aborted, 1);
    assert.equal(scheduler.stats().requests, 2);
  });

  it('never has two requests open, even when an aborted one takes a while to close', async () => {
    const { clock, model, scheduler } = setup({ abortMs: 400 });
    const pending: Promise<CompletionOutcome>[] = [];
    let text = 'const total = ';
    for (let i = 0; i < 12; i++) {
      text += 'x';
      pending.push(scheduler.complete(typed(text)));
      await clock.advance(200 + (i % 3) * 60);
    }
    await clock.advance(2_000);
    await Promise.all(pending);
    assert.ok(model.calls.length >= 4, `${model.calls.length} requests`);
    assert.equal(model.maxActive, 1);
    for (let i = 1; i < model.calls.length; i++) assert.ok(model.calls[i].startedAt >= model.calls[i - 1].endedAt!);
  });

  it('serves typing through a shown suggestion from the cache, shortened, with no request', async () => {
    const { clock, model, scheduler } = setup();
    const shown = scheduler.complete(typed('const n = ', ';\n'));
    await clock.advance(300);
    assert.equal((await shown).kind, 'suggestion');
    const outcomes: CompletionOutcome[] = [];
    for (const part of ['i', 'it', 'items', 'items.']) {
      outcomes.push(await scheduler.complete(typed(`const n = ${part}`, ';\n')));
      await clock.advance(400);
    }
    assert.deepEqual(
      outcomes.map((o) => (o.kind === 'suggestion' ? [o.answer.text, o.fromCache] : o.reason)),
      [['tems.length;', true], ['ems.length;', true], ['.length;', true], ['length;', true]],
    );
    assert.equal(model.calls.length, 1);
    assert.deepEqual({ shown: scheduler.stats().shown, cacheHits: scheduler.stats().cacheHits }, { shown: 1, cacheHits: 4 });
  });

  it('finds a suggestion again after backspacing to where it was shown, and asks anew after typing past it', async () => {
    const { clock, model, scheduler } = setup({ reply: () => 'ab' });
    const first = scheduler.complete(typed('x = '));
    await clock.advance(300);
    await first;
    const diverged = scheduler.complete(typed('x = q'));
    const back = await scheduler.complete(typed('x = '));
    assert.deepEqual(await diverged, { kind: 'none', reason: 'superseded' });
    assert.deepEqual(back, { kind: 'suggestion', answer: { text: 'ab', replaceLength: 0 }, fromCache: true });
    const past = scheduler.complete(typed('x = ab'));
    await clock.advance(300);
    assert.equal((await past).kind, 'suggestion');
    assert.equal(model.calls.length, 2);
  });

  it('keeps typing through when the editor auto-closes a bracket', async () => {
    const { clock, scheduler } = setup({ reply: () => 'log(value);' });
    const first = scheduler.complete(typed('console.'));
    await clock.advance(300);
    await first;
    const afterParen = await scheduler.complete(typed('console.log(', ')'));
    assert.deepEqual(afterParen, { kind: 'suggestion', answer: { text: 'value);', replaceLength: 1 }, fromCache: true });
  });

  it('asks the model again when a typed character leaves the suggestion', async () => {
    const { clock, model, scheduler } = setup();
    const first = scheduler.complete(typed('const n = '));
    await clock.advance(300);
    await first;
    const diverged = scheduler.complete(typed('const n = z'));
    await clock.advance(300);
    assert.equal((await diverged).kind, 'suggestion');
    assert.equal(model.calls.length, 2);
  });

  it('stops at the daily spend cap with a clear reason, and starts again the next day', async () => {
    let day = '2026-01-05';
    const { clock, model, scheduler } = setup({ costUsd: 0.2, dayOf: () => day });
    for (const text of ['a = ', 'b = ', 'c = ']) {
      const outcome = scheduler.complete(typed(text));
      await clock.advance(300);
      assert.equal((await outcome).kind, 'suggestion');
    }
    assert.ok(Math.abs(scheduler.status().todayCostUsd - 0.6) < 1e-9);
    assert.deepEqual(await scheduler.complete(typed('d = ')), { kind: 'none', reason: 'spendCap' });
    const status = scheduler.status();
    assert.equal(status.state, 'capped');
    assert.match(status.message!, /\$0\.60.*daily cap of \$0\.50.*tandem\.completions\.dailySpendCapUsd.*tomorrow/);
    assert.equal(model.calls.length, 3);
    day = '2026-01-06';
    assert.equal(scheduler.status().state, 'on');
    const next = scheduler.complete(typed('e = '));
    await clock.advance(300);
    assert.equal((await next).kind, 'suggestion');
  });

  it('counts what aborted requests cost, keeps the spend over a reload, and ignores another day’s', async () => {
    const { clock, scheduler } = setup({ costUsd: 0.01, spend: { day: '2026-01-05', spentUsd: 0.3 }, dayOf: () => '2026-01-05' });
    scheduler.complete(typed('a = '));
    await clock.advance(200);
    scheduler.complete(typed('a = 1'));
    await clock.advance(10);
    assert.ok(Math.abs(scheduler.spendState().spentUsd - 0.31) < 1e-9);
    const fresh = setup({ spend: { day: '2026-01-04', spentUsd: 0.45 }, dayOf: () => '2026-01-05' });
    assert.equal(fresh.scheduler.status().todayCostUsd, 0);
  });

  it('is off until turned on, off in Restricted Mode, per language, and never for secret or excluded files', async () => {
    const off = setup({ settings: DEFAULT_COMPLETION_SETTINGS });
    assert.deepEqual(await off.scheduler.complete(typed('a = ')), { kind: 'none', reason: 'off' });
    assert.equal(off.scheduler.status().state, 'off');
    const restricted = setup({ restricted: true });
    assert.deepEqual(await restricted.scheduler.complete(typed('a = ')), { kind: 'none', reason: 'restricted' });
    const { scheduler, model } = setup({
      settings: { ...ON, languages: { '*': false, typescript: true, markdown: false } },
      isExcluded: (path) => path.startsWith('dist/'),
    });
    assert.deepEqual(await scheduler.complete(typed('a = ', '', 'notes.md', 'markdown')), { kind: 'none', reason: 'language' });
    assert.deepEqual(await scheduler.complete(typed('a = ', '', 'main.py', 'python')), { kind: 'none', reason: 'language' });
    assert.deepEqual(await scheduler.complete(typed('KEY=', '', '.env', 'typescript')), { kind: 'none', reason: 'excluded' });
    assert.deepEqual(await scheduler.complete(typed('a = ', '', 'dist/app.ts')), { kind: 'none', reason: 'excluded' });
    assert.deepEqual(await scheduler.complete(typed('cons', 't x = 1;')), { kind: 'none', reason: 'position' });
    assert.equal(model.calls.length, 0);
    scheduler.update({ restricted: true });
    assert.equal(scheduler.status().state, 'restricted');
  });

  it('snoozes until the time runs out or it is resumed', async () => {
    const { clock, scheduler } = setup();
    const statuses: string[] = [];
    const watched = new CompletionScheduler({ clock, fetch: async () => ({ costUsd: 0 }), settings: ON, onStatus: (s) => statuses.push(s.state) });
    watched.snooze(60_000);
    assert.deepEqual(await watched.complete(typed('a = ')), { kind: 'none', reason: 'snoozed' });
    await clock.advance(60_000);
    assert.deepEqual(statuses, ['snoozed', 'on']);
    scheduler.snooze(1_000);
    scheduler.resume();
    assert.equal(scheduler.status().state, 'on');
  });

  it('pauses after a large paste until the next keystroke, but not after accepting a suggestion', async () => {
    const { clock, model, scheduler } = setup();
    const pasted = 'function double(value: number): number {\n  return value * 2;\n}\n';
    assert.ok(pasted.length >= ON.pasteChars);
    scheduler.noteEdit('src/app.ts', pasted);
    assert.deepEqual(await scheduler.complete(typed(pasted)), { kind: 'none', reason: 'paste' });
    scheduler.noteEdit('src/app.ts', 'c');
    const next = scheduler.complete(typed(`${pasted}c`));
    await clock.advance(300);
    assert.equal((await next).kind, 'suggestion');
    scheduler.noteEdit('src/app.ts', 'items.length;');
    assert.equal(scheduler.stats().accepted, 1);
    assert.equal((await after(clock, scheduler.complete(typed(`${pasted}citems.length;`)))).kind, 'suggestion');
    assert.equal(model.calls.length, 2);
  });

  it('counts accepting the next word or line as a partial accept', async () => {
    const { clock, scheduler } = setup({ reply: () => 'items.map((x) => x * 2);' });
    const shown = scheduler.complete(typed('const doubled = '));
    await clock.advance(300);
    await shown;
    scheduler.noteEdit('src/app.ts', 'items');
    assert.deepEqual({ partial: scheduler.stats().partiallyAccepted, accepted: scheduler.stats().accepted }, { partial: 1, accepted: 0 });
  });

  it('stops when the editor cancels, and reports a failed request without throwing', async () => {
    const { clock, model, scheduler } = setup();
    const controller = new AbortController();
    const waiting = scheduler.complete(typed('a = '), controller.signal);
    await clock.advance(200);
    controller.abort();
    assert.deepEqual(await after(clock, waiting, 0), { kind: 'none', reason: 'cancelled' });
    assert.equal(model.calls[0].signal.aborted, true);
    const early = new AbortController();
    const debouncing = scheduler.complete(typed('b = '), early.signal);
    early.abort();
    assert.deepEqual(await debouncing, { kind: 'none', reason: 'cancelled' });
    const failing = new CompletionScheduler({ clock, settings: ON, fetch: () => Promise.reject(new Error('boom')) });
    assert.deepEqual(await after(clock, failing.complete(typed('c = '))), { kind: 'none', reason: 'failed' });
    assert.equal(failing.stats().failed, 1);
  });
});
