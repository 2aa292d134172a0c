import { strict as assert } from 'node:assert';
import { analyzeCommitStyle, describeCommitStyle, moodOf, ticketFromBranch } from '../../../src/core/commits/style';

const ANGULAR = [
  'feat(router): add support for lazy loaded routes',
  'fix(compiler): handle empty templates without crashing',
  'docs(readme): update the install steps for pnpm',
  'chore(deps): bump typescript to 5.4',
  'fix(forms): reset validators when a control is patched',
  'Merge pull request #412 from acme/fix-forms',
  'refactor(core): extract change detection scheduling',
  'feat(http): retry idempotent requests on 503',
  'test(router): cover redirect loops',
  'perf(core): skip dirty checks for OnPush components',
  'fix(router): preserve query params on navigation',
  'fix(http): send credentials only to the same origin',
  'build: drop the node 16 job',
  'Revert "feat(http): retry idempotent requests on 503"',
  'feat(router)!: remove the deprecated loadChildren string syntax',
];

const SQUASH_MERGED = [
  'feat: add dark mode toggle (#1234)',
  'fix: crash when the cart is empty (#1240)',
  'chore: update eslint config (#1241)',
  'feat: remember the last opened project (#1250)',
  'fix: keep scroll position after reload (#1252)',
  'docs: explain the plugin API (#1260)',
];

const JIRA = [
  '[PAY-1423] Add refund endpoint',
  '[PAY-1430] Fix rounding in invoice totals',
  '[PAY-1433] Validate IBAN before saving',
  'PAY-1431: Log failed webhook deliveries',
  '[PAY-1440] Remove the legacy PayPal flow',
  '[PAY-1442] Support partial captures',
  '[OPS-77] Raise the worker memory limit',
  'Support UTF-8 file names in exports',
];

const PAST_WITH_PERIODS = [
  'Added CSV export to the reports page.',
  'Fixed the login redirect loop.',
  'Updated dependencies.',
  'Removed the unused analytics module.',
  'Improved error messages for invalid config.',
  'Stopped retrying on 4xx responses.',
  'Applied the new colour palette.',
];

const PRESENT = ['Adds retry to the uploader', 'Fixes a typo in the footer', 'Updates the changelog', 'Uses the system proxy', 'Makes the sidebar resizable'];

const GO_STYLE = [
  'net/http: add a timeout to Server.Shutdown',
  'cmd/go: fix the module cache path on Windows',
  'runtime: reduce GC pause for large heaps',
  'os: document Chmod on Windows',
  'net/http: reject requests with invalid header names',
  'cmd/go: use the toolchain from go.work',
  'crypto/tls: send the certificate chain in order',
];

const GITMOJI = ['✨ Add search to the command palette', ':bug: Fix crash when the file is empty', '♻️ Extract the parser', '📝 Document the config file', ':sparkles: Add a dark theme'];

const MESSY = ['wip', 'Fixed stuff', 'update', 'feat: Add login.', 'more changes', 'Refactoring the parser', 'ok now it works!!', 'small fix'];

describe('commit style from recent subjects', () => {
  it('reads Conventional Commits with scopes, leaving merges and reverts out', () => {
    const style = analyzeCommitStyle(ANGULAR);
    assert.equal(style.sampleSize, 13);
    assert.deepEqual(style.conventional?.types.slice(0, 2), ['fix', 'feat']);
    assert.ok(style.conventional?.types.includes('perf') && style.conventional.types.includes('build'));
    assert.equal(style.conventional?.usesScope, true);
    assert.deepEqual(style.conventional?.scopes.slice(0, 3), ['router', 'core', 'http']);
    assert.deepEqual([style.mood, style.capitalised, style.trailingPeriod, style.ticket], ['imperative', false, false, undefined]);
    const text = describeCommitStyle(style);
    assert.match(text, /^This repository's commit style, from its last 13 subjects:/);
    assert.match(text, /Conventional Commits: `type\(scope\): description`, types used here: fix, feat, /);
    assert.match(text, /Scopes seen: router, core, http/);
    assert.match(text, /Imperative mood/);
    assert.match(text, /starts with a lowercase letter/);
    assert.match(text, /No period at the end/);
    assert.match(text, /typically \d+ characters long; never longer than 72/);
  });

  it("sees GitHub's squash-merge pull request numbers and says not to add one", () => {
    const style = analyzeCommitStyle(SQUASH_MERGED);
    assert.equal(style.pullRequestSuffix, true);
    assert.equal(style.ticket, undefined);
    assert.equal(style.conventional?.usesScope, false);
    const text = describeCommitStyle(style);
    assert.match(text, /`type: description`/);
    assert.match(text, /Do not add a pull request number like " \(#123\)": GitHub adds it/);
  });

  it('reads tracker ids at the start in their usual shape, and takes one from the branch only for a known key', () => {
    const style = analyzeCommitStyle(JIRA);
    assert.deepEqual(style.ticket, { kind: 'key', position: 'start', shape: '[{id}] ', keys: ['PAY', 'OPS'] });
    assert.deepEqual([style.mood, style.capitalised], ['imperative', true]);
    assert.equal(ticketFromBranch('feature/pay-1502-refunds', style.ticket), 'PAY-1502');
    assert.equal(ticketFromBranch('feature/abc-12-thing', style.ticket), undefined);
    assert.equal(ticketFromBranch('release-2', style.ticket), undefined);
    assert.match(describeCommitStyle(style, { branch: 'feature/PAY-1502-refunds' }), /Put the ticket id at the start, written like "\[PAY-123\] ": the branch name gives PAY-1502\./);
    assert.match(describeCommitStyle(style, { branch: 'main' }), /add one only if the user's instructions give it, never invent one/);
  });

  it('does not take standards with numbers for tickets (UTF-8, SHA-256, GPT-5)', () => {
    const style = analyzeCommitStyle(['Support UTF-8 file names', 'Hash with SHA-256', 'Switch to GPT-5', 'Parse ISO-8601 dates', 'Add ES-2022 target']);
    assert.equal(style.ticket, undefined);
  });

  it('reads issue numbers at the end, and from a branch named after the issue', () => {
    const style = analyzeCommitStyle(['Fix login redirect #88', 'Add avatar upload #91', 'Cache the user list #95', 'Tidy the settings page']);
    assert.deepEqual(style.ticket && [style.ticket.kind, style.ticket.position, style.ticket.shape], ['number', 'end', ' {id}']);
    assert.equal(ticketFromBranch('102-fix-avatar-crop', style.ticket), '#102');
    assert.equal(ticketFromBranch('fix-avatar-crop', style.ticket), undefined);
  });

  it('reads past tense with trailing periods', () => {
    const style = analyzeCommitStyle(PAST_WITH_PERIODS);
    assert.deepEqual([style.mood, style.capitalised, style.trailingPeriod], ['past', true, true]);
    const text = describeCommitStyle(style);
    assert.match(text, /Past tense, as in "Added"/);
    assert.match(text, /End the subject with a period\./);
    assert.match(text, /starts with a capital letter/);
  });

  it('reads third person present', () => {
    assert.equal(analyzeCommitStyle(PRESENT).mood, 'present');
  });

  it("reads Go's area prefixes, whose areas are not Conventional types", () => {
    const style = analyzeCommitStyle(GO_STYLE);
    assert.equal(style.conventional, undefined);
    assert.deepEqual(style.areaPrefix?.examples, ['net/http', 'cmd/go', 'runtime']);
    assert.deepEqual([style.mood, style.capitalised], ['imperative', false]);
    assert.match(describeCommitStyle(style), /Start with the area the change is in and a colon, like "net\/http: ", "cmd\/go: ", "runtime: "\./);
  });

  it('reads gitmoji, as emoji or shortcodes', () => {
    const style = analyzeCommitStyle(GITMOJI);
    assert.equal(style.emoji, true);
    assert.deepEqual([style.mood, style.capitalised], ['imperative', true]);
    assert.match(describeCommitStyle(style), /Start the subject with an emoji/);
  });

  it('says nothing about habits a messy history does not share', () => {
    const style = analyzeCommitStyle(MESSY);
    assert.equal(style.conventional, undefined);
    assert.equal(style.mood, undefined);
    assert.equal(style.trailingPeriod, false);
    const text = describeCommitStyle(style);
    assert.ok(!/Conventional|mood|tense|ticket|emoji/i.test(text), text);
  });

  it('keeps the 72-character rule when recent subjects run long', () => {
    const long = Array.from({ length: 5 }, (_, i) => `Edits: a very long subject number ${i} that keeps explaining every detail of the change in one line without a body at all`);
    const text = describeCommitStyle(analyzeCommitStyle(long));
    assert.match(text, /Recent subjects run long \(typically \d+ characters\), but keep this one to 72 and put the details in the body\./);
  });

  it('gives no instruction for an empty or very short history, or one written by tools only', () => {
    assert.equal(describeCommitStyle(analyzeCommitStyle([])), '');
    assert.equal(describeCommitStyle(analyzeCommitStyle(['Initial commit', 'Add README'])), '');
    const tools = analyzeCommitStyle(['Merge branch main into dev', 'v1.2.3', 'fixup! Add parser', 'Revert "Add parser"', 'Merge pull request #3 from a/b']);
    assert.equal(tools.sampleSize, 0);
    assert.equal(describeCommitStyle(tools), '');
  });

  it('reads only the first line of each subject it is given', () => {
    const style = analyzeCommitStyle(['Add a\n\nBody that is long.', 'Fix b\nmore.', 'Remove c']);
    assert.equal(style.trailingPeriod, false);
    assert.equal(style.length.longest, 8);
  });

  it('tells the mood of common first words', () => {
    const cases: Record<string, string | undefined> = {
      Add: 'imperative', Added: 'past', Adds: 'present', fix: 'imperative', Fixed: 'past', Fixes: 'present', Update: 'imperative',
      Updated: 'past', Stopped: 'past', Applied: 'past', Applies: 'present', Made: 'past', Wrote: 'past', Set: 'imperative',
      Adding: undefined, The: undefined, a: undefined,
    };
    for (const [word, mood] of Object.entries(cases)) assert.equal(moodOf(word), mood, word);
  });
});
