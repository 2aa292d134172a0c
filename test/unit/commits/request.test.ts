import { strict as assert } from 'node:assert';
import { commitBoxIntent, prepareCommitRequest } from '../../../src/core/commits/request';
import { countTokens } from '../../../src/core/context/tokens';
import { MIXED_DIFF, makeDiff } from './fixtures';

const count = (text: string): number => countTokens(text, 'gpt');

describe('commit message request', () => {
  it('summarises the diff within what the window leaves and builds the prompt around it', () => {
    const diff = makeDiff(Array.from({ length: 20 }, (_, i) => ({ path: `src/m${i}.ts`, lines: 80 })));
    const request = prepareCommitRequest({ diff, changes: 'staged', recentSubjects: ['Add a', 'Fix b', 'Remove c'], limits: { contextWindow: 8192, reservedOutput: 2048 }, count });
    assert.ok(count(request.system) + count(request.user) <= 8192 - 2048, String(count(request.system) + count(request.user)));
    assert.ok(request.summary.note !== undefined);
    assert.ok(request.user.includes(request.summary.text));
  });

  it('caps the diff for a large window, and passes the exclusion rules through', () => {
    const diff = makeDiff([{ path: 'private/plan.md', lines: 3 }, ...Array.from({ length: 30 }, (_, i) => ({ path: `src/m${i}.ts`, lines: 100 }))]);
    const request = prepareCommitRequest({ diff, changes: 'all', limits: { contextWindow: 1_048_576, reservedOutput: 65_536 }, count, isExcluded: (p) => p.startsWith('private/'), maxDiffTokens: 5000 });
    assert.ok(request.summary.tokens <= 5000);
    assert.ok(!request.user.includes('private/plan.md'));
    assert.match(request.user, /^Nothing is staged/);
  });

  it('never puts a secret file into the request', () => {
    const request = prepareCommitRequest({ diff: MIXED_DIFF, changes: 'staged', limits: { contextWindow: 128_000, reservedOutput: 4096 }, count });
    assert.ok(!request.user.includes('SECRET=1'));
    assert.deepEqual(request.summary.secretPaths, ['.env']);
  });

  it('asks before replacing a message the user wrote, and passes it on as their notes', () => {
    assert.deepEqual(commitBoxIntent('', undefined), { ask: false });
    assert.deepEqual(commitBoxIntent('  \n', 'Add x'), { ask: false });
    assert.deepEqual(commitBoxIntent('Add x', 'Add x'), { ask: false });
    assert.deepEqual(commitBoxIntent('Add x, and y', 'Add x'), { ask: true, draft: 'Add x, and y' });
    assert.deepEqual(commitBoxIntent('wip: login', undefined), { ask: true, draft: 'wip: login' });
  });
});
