import { strict as assert } from 'node:assert';
import { fitSubject, formatCommitMessage, wrapBody } from '../../../src/core/commits/messageFormat';

describe('commit message format', () => {
  it('keeps a subject of up to 72 characters whole', () => {
    const subject = 'x'.repeat(72);
    assert.deepEqual(fitSubject(subject), { subject });
  });

  it('cuts a long subject where a sentence or clause ends, moving the rest to the body', () => {
    assert.deepEqual(fitSubject('Fix the flaky upload test on Windows runners; the temp folder was shared between workers'), {
      subject: 'Fix the flaky upload test on Windows runners',
      rest: 'The temp folder was shared between workers',
    });
    assert.deepEqual(fitSubject('feat(search): index titles and tags - also rank exact matches first in every result list'), {
      subject: 'feat(search): index titles and tags',
      rest: 'Also rank exact matches first in every result list',
    });
  });

  it('cuts at a word with an ellipsis that the body continues, as GitHub does', () => {
    const { subject, rest } = fitSubject('Replace the hand written tokenizer in the template compiler with the generated one from the grammar file');
    assert.equal(subject, 'Replace the hand written tokenizer in the template compiler with the…');
    assert.ok([...subject].length <= 72);
    assert.equal(rest, '…generated one from the grammar file');
  });

  it('cuts a subject without spaces hard, and counts characters, not UTF-16 units', () => {
    const { subject } = fitSubject('🎉'.repeat(80));
    assert.equal([...subject].length, 72);
    assert.equal([...fitSubject('a'.repeat(100)).subject].length, 72);
  });

  it('wraps long prose at 72 and leaves short lines as written', () => {
    const long = 'Uploads on trains and in lifts failed for good on the first dropped connection, which users reported as lost photos.';
    const wrapped = wrapBody(long).split('\n');
    assert.ok(wrapped.length === 2 && wrapped.every((l) => l.length <= 72));
    assert.equal(wrapped.join(' '), long);
    assert.equal(wrapBody('Short line one.\nShort line two.'), 'Short line one.\nShort line two.');
  });

  it('wraps list items with a hanging indent', () => {
    const body = '- Retry uploads with exponential backoff, starting at one second and doubling up to a minute\n- Log attempts';
    assert.equal(wrapBody(body), '- Retry uploads with exponential backoff, starting at one second and\n  doubling up to a minute\n- Log attempts');
    const numbered = '1. Parse the manifest before anything else reads it, so errors point at the right line\n2. Cache it';
    assert.equal(wrapBody(numbered), '1. Parse the manifest before anything else reads it, so errors point at\n   the right line\n2. Cache it');
  });

  it('never breaks code, long URLs or trailers', () => {
    const url = 'See https://example.com/a/very/long/path/that/goes/on/and/on/for/more/than/seventy-two/characters';
    assert.equal(wrapBody(url), 'See\nhttps://example.com/a/very/long/path/that/goes/on/and/on/for/more/than/seventy-two/characters');
    const code = '    const result = await client.send({ method: "POST", path: "/v1/uploads", retries: 3, timeoutMs: 30000 });';
    assert.equal(wrapBody(code), code);
    const fenced = '```\nconst result = await client.send({ method: "POST", path: "/v1/uploads", retries: 3, timeout: 1 });\n```';
    assert.equal(wrapBody(fenced), fenced);
    const trailers = 'Co-authored-by: Ada Lovelace With A Very Long Name Indeed <ada.lovelace@analytical-engine.example.org>\nSigned-off-by: Ada <ada@example.org>';
    assert.equal(wrapBody(trailers), trailers);
  });

  it('wraps a BREAKING CHANGE footer, which is prose', () => {
    const footer = 'BREAKING CHANGE: the config file moves from .tandemrc to tandem.config.json and the old one is no longer read';
    assert.ok(wrapBody(footer).split('\n').length === 2);
  });

  it('shapes a whole message: subject, one blank line, wrapped body, no trailing whitespace', () => {
    const message = 'Add search\n\n\n\nIndex titles and tags so the palette finds notes by what they are called, not only by their text.   \n\n';
    assert.equal(formatCommitMessage(message), 'Add search\n\nIndex titles and tags so the palette finds notes by what they are\ncalled, not only by their text.');
    assert.equal(formatCommitMessage('Add search\nIndex titles.'), 'Add search\n\nIndex titles.');
    assert.equal(formatCommitMessage('\n\nAdd search\n'), 'Add search');
  });

  it('leaves a subject that is still streaming uncut', () => {
    const growing = 'Replace the hand written tokenizer in the template compiler with the generated';
    assert.equal(formatCommitMessage(growing, { subjectComplete: false }), growing);
  });
});
