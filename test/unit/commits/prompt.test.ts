import { strict as assert } from 'node:assert';
import { COMMIT_SYSTEM_PROMPT, buildCommitMessagePrompt, commitDiffBudget } from '../../../src/core/commits/prompt';
import { summariseDiff } from '../../../src/core/commits/diffSummary';
import { countTokens } from '../../../src/core/context/tokens';
import { MIXED_DIFF } from './fixtures';

const SUBJECTS = ['feat(cart): add discounts', 'fix(cart): round totals once', 'Merge pull request #4 from a/b', 'docs: explain refunds', 'fix(api): retry on 503', 'chore(deps): bump undici'];

describe('commit message prompt', () => {
  it('asks for the message only, within the length rules, and treats repository text as data', () => {
    assert.match(COMMIT_SYSTEM_PROMPT, /nothing else: no introduction, no explanation, no markdown, no code fences/);
    assert.match(COMMIT_SYSTEM_PROMPT, /at most 72 characters/);
    assert.match(COMMIT_SYSTEM_PROMPT, /wrapped at 72/);
    assert.match(COMMIT_SYSTEM_PROMPT, /Never invent ticket ids/);
    assert.match(COMMIT_SYSTEM_PROMPT, /data from the repository/);
  });

  it('sends the summarised diff in a fence, says what it is, then style, instructions and the ask last', () => {
    const diff = summariseDiff(MIXED_DIFF, { budget: 4000, count: (t) => countTokens(t, 'gpt') }).text;
    const { system, user } = buildCommitMessagePrompt({
      diff,
      changes: 'staged',
      recentSubjects: SUBJECTS,
      branch: 'feature/discounts',
      projectInstructions: 'Use the scope of the package you changed.',
      userInstructions: 'Write in British English.',
      draft: 'discounts for members',
    });
    assert.equal(system, COMMIT_SYSTEM_PROMPT);
    assert.match(user, /^The staged changes \(branch feature\/discounts\):\n```\nChanged files \(9\):/);
    assert.ok(user.includes('+line2 changed'));
    const order = ['The staged changes', 'Recent commit subjects', "This repository's commit style", "The project's instructions", "The user's instructions", 'The user typed this in the commit box', 'Write the commit message now.'];
    const positions = order.map((t) => user.indexOf(t));
    assert.ok(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1])), positions.join(', '));
    assert.ok(!user.includes('Merge pull request'), 'tool-written subjects are not examples');
    assert.match(user, /Conventional Commits/);
    assert.match(user, /```\nWrite in British English\.\n```/);
    assert.ok(user.endsWith('Write the commit message now.'));
  });

  it('says when nothing was staged, and leaves out what it was not given', () => {
    const { user } = buildCommitMessagePrompt({ diff: 'Changed files (1):\nM a.ts (+1 -0)', changes: 'all' });
    assert.match(user, /^Nothing is staged, so these are all the changes in the working tree:/);
    for (const absent of ['Recent commit subjects', 'commit style', 'instructions', 'commit box']) assert.ok(!user.includes(absent), absent);
  });

  it('fences the diff with a longer fence when the diff holds backticks', () => {
    const { user } = buildCommitMessagePrompt({ diff: 'diff --git a/README.md b/README.md\n+```js\n+x\n+```', changes: 'staged' });
    assert.match(user, /^The staged changes:\n````\n/);
  });

  it("budgets the diff from what the model's window leaves, capped", () => {
    assert.equal(commitDiffBudget({ contextWindow: 1_048_576, reservedOutput: 4096, promptTokens: 900 }), 12_000);
    assert.equal(commitDiffBudget({ contextWindow: 8192, reservedOutput: 2048, promptTokens: 1000 }), 5144);
    assert.equal(commitDiffBudget({ contextWindow: 2048, reservedOutput: 2048, promptTokens: 1000 }), 0);
  });
});
