import { strict as assert } from 'node:assert';
import { DeltaBatcher, deltaInterval, type BatchTimer, type DeltaKind } from '../../../src/core/chat/deltaBatcher';

/** A clock the test advances by hand. */
class ManualTimer implements BatchTimer {
  now = 0;
  readonly requested: number[] = [];
  private timers: { at: number; callback: () => void }[] = [];
  set(callback: () => void, ms: number): unknown {
    const timer = { at: this.now + ms, callback };
    this.requested.push(ms);
    this.timers.push(timer);
    return timer;
  }
  clear(handle: unknown): void {
    this.timers = this.timers.filter((t) => t !== handle);
  }
  advance(ms: number): void {
    this.now += ms;
    for (const due of this.timers.filter((t) => t.at <= this.now)) {
      this.clear(due);
      due.callback();
    }
  }
  get pending(): number {
    return this.timers.length;
  }
}

function batcher(): { posts: [DeltaKind, string][]; clock: ManualTimer; deltas: DeltaBatcher } {
  const posts: [DeltaKind, string][] = [];
  const clock = new ManualTimer();
  return { posts, clock, deltas: new DeltaBatcher((kind, text) => posts.push([kind, text]), clock) };
}

describe('delta batching', () => {
  it('updates every frame for the first screens, then less often as the answer grows, up to a cap', () => {
    assert.equal(deltaInterval(0), 16);
    assert.equal(deltaInterval(4_000), 16);
    let previous = 0;
    for (let chars = 0; chars <= 300_000; chars += 1_000) {
      const interval = deltaInterval(chars);
      assert.ok(interval >= previous, `interval shrank at ${chars} chars`);
      previous = interval;
    }
    assert.ok(deltaInterval(20_000) > 16 && deltaInterval(20_000) < 300);
    assert.equal(deltaInterval(300_000), 300);
    assert.equal(deltaInterval(10_000_000), 300);
  });

  it('joins deltas that arrive within the interval into one post, in order', () => {
    const { posts, clock, deltas } = batcher();
    deltas.push('text', 'Hel');
    deltas.push('text', 'lo');
    clock.advance(15);
    assert.deepEqual(posts, []);
    clock.advance(1);
    assert.deepEqual(posts, [['text', 'Hello']]);
    deltas.push('text', ' world');
    clock.advance(16);
    assert.deepEqual(posts, [['text', 'Hello'], ['text', ' world']]);
    assert.equal(clock.pending, 0);
  });

  it('posts at once when the kind changes, so thoughts and text never interleave out of order', () => {
    const { posts, clock, deltas } = batcher();
    deltas.push('thought', 'Let me see. ');
    deltas.push('thought', 'The loop.');
    deltas.push('text', 'The total');
    assert.deepEqual(posts, [['thought', 'Let me see. The loop.']]);
    clock.advance(16);
    assert.deepEqual(posts, [['thought', 'Let me see. The loop.'], ['text', 'The total']]);
  });

  it('flush posts what is pending and cancels its timer; empty deltas post nothing', () => {
    const { posts, clock, deltas } = batcher();
    deltas.push('text', '');
    assert.equal(clock.pending, 0);
    deltas.flush();
    assert.deepEqual(posts, []);
    deltas.push('text', 'partial');
    deltas.flush();
    assert.deepEqual(posts, [['text', 'partial']]);
    assert.equal(clock.pending, 0);
    clock.advance(1_000);
    assert.equal(posts.length, 1);
  });

  it('waits longer between posts once a long answer has been posted', () => {
    const { posts, clock, deltas } = batcher();
    const line = 'x'.repeat(99) + '\n';
    for (let frame = 0; frame < 3_000; frame++) {
      deltas.push('text', line);
      clock.advance(16);
    }
    deltas.flush();
    assert.equal(posts.map(([, text]) => text).join(''), line.repeat(3_000));
    assert.equal(clock.requested[0], 16);
    assert.equal(clock.requested[clock.requested.length - 1], 300);
    // 300 KB over 48 s: every frame would be 3,000 posts.
    assert.ok(posts.length < 250, `${posts.length} posts`);
  });
});
