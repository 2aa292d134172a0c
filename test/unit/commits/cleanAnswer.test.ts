import { strict as assert } from 'node:assert';
import { cleanCommitMessage } from '../../../src/core/commits/cleanAnswer';

describe('commit message cleaning', () => {
  it('keeps a clean answer as it is', () => {
    const message = 'Add refund endpoint\n\nRefunds go through the payment provider and are stored with the\noriginal order, so support can see them.';
    assert.equal(cleanCommitMessage(message), message);
  });

  it('unwraps a fenced answer and drops the preamble before it', () => {
    const answers = [
      '```\nfeat(cart): add discounts\n\nApply the best discount.\n```',
      '```text\nfeat(cart): add discounts\n\nApply the best discount.\n```\n',
      "Here's a commit message for your changes:\n\n```git\nfeat(cart): add discounts\n\nApply the best discount.\n```",
      'Sure! Based on the diff, here is the commit message:\n````\nfeat(cart): add discounts\n\nApply the best discount.\n````\nLet me know if you want changes.',
      '<think>The diff adds discounts. Conventional style.</think>\n```\nfeat(cart): add discounts\n\nApply the best discount.\n```',
    ];
    for (const answer of answers) assert.equal(cleanCommitMessage(answer), 'feat(cart): add discounts\n\nApply the best discount.', answer);
  });

  it('drops preambles, labels and postscripts around an unfenced answer', () => {
    const answer = [
      '**Commit message:**',
      '',
      '**Subject:** Fix rounding in invoice totals',
      '',
      '**Body:**',
      'Totals were rounded per line and then summed, so invoices could be a',
      'cent off. Round once, after summing.',
      '',
      'This commit message follows the conventional format. Let me know if you need anything else!',
    ].join('\n');
    assert.equal(cleanCommitMessage(answer), 'Fix rounding in invoice totals\n\nTotals were rounded per line and then summed, so invoices could be a\ncent off. Round once, after summing.');
  });

  it('strips quotes, backticks, bold and headings from the subject', () => {
    assert.equal(cleanCommitMessage('"Fix login redirect"'), 'Fix login redirect');
    assert.equal(cleanCommitMessage('`fix: login redirect`'), 'fix: login redirect');
    assert.equal(cleanCommitMessage('**Fix login redirect**\n\nThe loop came from a stale cookie.'), 'Fix login redirect\n\nThe loop came from a stale cookie.');
    assert.equal(cleanCommitMessage('# Fix login redirect'), 'Fix login redirect');
    assert.equal(cleanCommitMessage('Commit message: fix: login redirect'), 'fix: login redirect');
    assert.equal(cleanCommitMessage("'Fix login redirect'"), 'Fix login redirect');
  });

  it('keeps a subject that merely starts like a label word, and a body that starts with "This commit"', () => {
    assert.equal(cleanCommitMessage('#123 Fix login redirect'), '#123 Fix login redirect');
    assert.equal(cleanCommitMessage('Fix login\n\nThis commit stops the redirect loop.'), 'Fix login\n\nThis commit stops the redirect loop.');
  });

  it('puts a blank line after the subject and removes trailing whitespace and extra blank lines', () => {
    assert.equal(cleanCommitMessage('Add search   \n- index titles  \n- index tags\n\n\n\nRefs: docs  \n'), 'Add search\n\n- index titles\n- index tags\n\nRefs: docs');
    assert.equal(cleanCommitMessage('Add search\r\n\r\nIndex titles.\r\n'), 'Add search\n\nIndex titles.');
  });

  it('cuts a long subject and wraps the body', () => {
    const answer = 'Add a retry with exponential backoff to the uploader for flaky networks. Also log every failed attempt with its status\n\nUploads on trains and in lifts failed for good on the first dropped connection, which users reported as lost photos since the last release.';
    const cleaned = cleanCommitMessage(answer);
    const [subject, blank, ...body] = cleaned.split('\n');
    assert.equal(subject, 'Add a retry with exponential backoff to the uploader for flaky networks');
    assert.equal(blank, '');
    assert.equal(body[0], 'Also log every failed attempt with its status');
    assert.ok(cleaned.split('\n').every((l) => l.length <= 72), cleaned);
  });

  it('cleans a streaming answer without ever showing a preamble or fence, and ends where the whole answer does', () => {
    const answer = "Here's the commit message:\n\n```\nfix(api): retry on 503\n\nThe gateway returns 503 while it restarts; one retry after a second\nhides it from users.\n```\nLet me know if you want changes.";
    const whole = cleanCommitMessage(answer);
    for (let i = 1; i <= answer.length; i++) {
      const partial = cleanCommitMessage(answer.slice(0, i), { partial: true });
      assert.ok(!/here|```|let me/i.test(partial), `at ${i}: ${JSON.stringify(partial)}`);
      assert.ok(whole.startsWith(partial.replace(/\s+$/, '')) || whole.startsWith(partial.split('\n')[0]), `at ${i}: ${JSON.stringify(partial)}`);
    }
    assert.equal(cleanCommitMessage(answer, { partial: true }), whole);
  });

  it('shows nothing while a think block is still open', () => {
    assert.equal(cleanCommitMessage('<think>The change adds', { partial: true }), '');
    assert.equal(cleanCommitMessage('<think>x</think>\nAdd parser', { partial: true }), 'Add parser');
  });

  it('takes the first of several fenced suggestions', () => {
    const answer = 'Option 1:\n```\nAdd parser\n```\nOption 2:\n```\nIntroduce parser\n```';
    assert.equal(cleanCommitMessage(answer), 'Add parser');
  });

  it('gives an empty message for an empty or chatter-only answer', () => {
    assert.equal(cleanCommitMessage(''), '');
    assert.equal(cleanCommitMessage('   \n\n'), '');
    assert.equal(cleanCommitMessage('Here is your commit message:'), '');
  });
});
