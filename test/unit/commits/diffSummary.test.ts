import { strict as assert } from 'node:assert';
import { summariseDiff } from '../../../src/core/commits/diffSummary';
import { countTokens } from '../../../src/core/context/tokens';
import { seededRandom } from '../../support/random';
import { MIXED_DIFF, makeDiff, type FileSpec } from './fixtures';

const count = (text: string): number => countTokens(text, 'gpt');

/** Changed lines the text shows in its diff sections. */
function shownChanges(text: string, path?: string): number {
  const sections = text.split('\n\ndiff --git ').slice(1);
  const mine = path === undefined ? sections : sections.filter((s) => s.startsWith(`a/${path} `));
  return mine.reduce((n, s) => n + s.split('\n').filter((l) => /^[+-]/.test(l)).length, 0);
}

describe('commit diff summary', () => {
  it('lists every file, shows source hunks, and never the content of secret, binary or deleted files', () => {
    const summary = summariseDiff(MIXED_DIFF, { budget: 4000, count });
    const { text } = summary;
    assert.match(text, /^Changed files \(9\):\n/);
    assert.match(text, /^A \.env \(secret file, content never sent\)$/m);
    assert.ok(!text.includes('SECRET=1'));
    assert.match(text, /^M logo\.png \(binary\)$/m);
    assert.match(text, /^D src\/gone\.ts \(\+0 -1\)$/m);
    assert.ok(!text.includes('-old'));
    assert.match(text, /^M run\.sh \(\+0 -0, mode 100644 -> 100755\)$/m);
    assert.match(text, /^R src\/old name\.ts -> src\/new name\.ts \(\+1 -0\)$/m);
    assert.match(text, /Shown by name only: secret files, binary files, deleted files\./);
    assert.match(text, /diff --git a\/src\/a\.ts b\/src\/a\.ts\n@@ -1,3 \+1,4 @@\n line1\n-line2\n\+line2 changed\n line3\n\+line4/);
    assert.match(text, /rename from src\/old name\.ts\nrename to src\/new name\.ts/);
    assert.ok(!text.includes('index 83db48f'));
    assert.equal(summary.note, undefined);
    assert.deepEqual(summary.secretPaths, ['.env']);
    assert.equal(summary.tokens, count(text));
    const shown = Object.fromEntries(summary.files.map((f) => [f.path, f.shown]));
    assert.deepEqual(shown, { '.env': 'name', 'logo.png': 'name', 'nonl.txt': 'all', 'run.sh': 'name', 'src/a.ts': 'all', 'src/café.ts': 'all', 'src/gone.ts': 'name', 'src/new name.ts': 'all', 'src/new.ts': 'all' });
  });

  it('summarises lock and generated files by name and counts, however large', () => {
    const diff = makeDiff([
      { path: 'package-lock.json', lines: 4000, newFile: true },
      { path: 'Cargo.lock', lines: 300 },
      { path: 'dist/extension.js', lines: 2000, newFile: true },
      { path: 'media/app.min.js', lines: 1, newFile: true },
      { path: 'src/__snapshots__/view.test.ts.snap', lines: 50 },
      { path: 'src/app.ts', lines: 5 },
    ]);
    const { text, files } = summariseDiff(diff, { budget: 3000, count });
    assert.match(text, /^A package-lock\.json \(\+4,000 -0, lock file\)$/m);
    assert.match(text, /^M Cargo\.lock \(\+300 -300, lock file\)$/m);
    assert.match(text, /^A dist\/extension\.js \(\+2,000 -0, generated\)$/m);
    assert.match(text, /^M src\/__snapshots__\/view\.test\.ts\.snap \(\+50 -50, generated\)$/m);
    assert.deepEqual(text.match(/^diff --git .*$/gm), ['diff --git a/src/app.ts b/src/app.ts']);
    assert.ok(!text.includes('package-lock.json line'));
    assert.deepEqual(files.map((f) => f.kind), ['lock', 'lock', 'generated', 'generated', 'generated', 'source']);
  });

  it("leaves files the user's rules exclude out entirely, not even named, and says how many", () => {
    const diff = makeDiff([{ path: 'clients/acme/contract.md', lines: 5 }, { path: 'src/app.ts', lines: 5 }]);
    const summary = summariseDiff(diff, { budget: 3000, count, isExcluded: (p) => p.startsWith('clients/') });
    assert.ok(!summary.text.includes('acme'));
    assert.ok(!summary.text.includes('clients'));
    assert.match(summary.text, /^Changed files \(1\):$/m);
    assert.match(summary.text, /^\(1 file left out by your exclusion rules\)$/m);
    assert.deepEqual(summary.files.map((f) => [f.path, f.kind, f.shown]), [['clients/acme/contract.md', 'excluded', 'none'], ['src/app.ts', 'source', 'all']]);
    const allOut = summariseDiff(diff, { budget: 3000, count, isExcluded: () => true });
    assert.equal(allOut.text, '(2 files changed, all left out by your exclusion rules)');
  });

  it('redacts what it keeps: keys anywhere, bare values in config files, the hunk header too', () => {
    const diff = [
      'diff --git a/src/client.ts b/src/client.ts',
      '--- a/src/client.ts',
      '+++ b/src/client.ts',
      '@@ -1,2 +1,2 @@ const fallbackKey = "sk-proj-abcdefghijklmnop1234"',
      ' export const url = base;',
      '-const apiKey = "old-key-value";',
      '+const apiKey = "AIzaSyA1234567890abcdefghijklmnopqrs";',
      'diff --git a/config/app.yaml b/config/app.yaml',
      '--- a/config/app.yaml',
      '+++ b/config/app.yaml',
      '@@ -1 +1,2 @@',
      ' name: shop',
      '+password: hunter2hunter2',
      '',
    ].join('\n');
    const { text } = summariseDiff(diff, { budget: 3000, count });
    for (const secret of ['sk-proj-abcdefghijklmnop1234', 'AIzaSyA1234567890abcdefghijklmnopqrs', 'old-key-value', 'hunter2hunter2']) assert.ok(!text.includes(secret), secret);
    assert.match(text, /^\+const apiKey = \[redacted key\];$|^\+const apiKey = "\[redacted\]";$/m);
    assert.match(text, /^\+password: \[redacted\]$/m);
    assert.match(text, /^-const apiKey = "\[redacted\]";$/m);
  });

  it('shrinks context to one line around changes before it trims any changed line', () => {
    const diff = makeDiff([{ path: 'src/a.ts', lines: 4, hunks: 6 }, { path: 'src/b.ts', lines: 4, hunks: 6 }]);
    const whole = summariseDiff(diff, { budget: 100_000, count });
    const tight = summariseDiff(diff, { budget: Math.floor(whole.tokens * 0.85), count });
    assert.ok(tight.tokens <= Math.floor(whole.tokens * 0.85));
    assert.equal(tight.note, undefined);
    assert.equal(shownChanges(tight.text), 6 * 2 * 8);
    assert.ok(!tight.text.includes('// before\n  const value2 ='), 'the first two context lines of each hunk are gone');
    assert.deepEqual(tight.files.map((f) => f.shown), ['all', 'all']);
  });

  it('trims fairly across files, not only the first: each large file gets a similar share', () => {
    const specs: FileSpec[] = Array.from({ length: 8 }, (_, i) => ({ path: `src/module${i}.ts`, lines: 60, hunks: 2 }));
    const summary = summariseDiff(makeDiff(specs), { budget: 4000, count });
    assert.ok(summary.tokens <= 4000);
    const perFile = specs.map((s) => shownChanges(summary.text, s.path));
    assert.ok(perFile.every((n) => n > 0), `every file shows changes: ${perFile.join(', ')}`);
    assert.ok(Math.max(...perFile) <= 2 * Math.min(...perFile), `shares are even: ${perFile.join(', ')}`);
    assert.ok(summary.files.every((f) => f.shown === 'part'));
    // Each file shows part of both of its hunks.
    for (const s of specs) assert.equal(summary.text.split(`a/${s.path} `)[1].split('\n\n')[0].match(/^@@ /gm)?.length, 2, s.path);
  });

  it('shows a small file whole next to a huge one, which gets the rest', () => {
    const diff = makeDiff([{ path: 'data/huge.ts', lines: 30_000, newFile: true }, { path: 'src/small.ts', lines: 3 }]);
    const summary = summariseDiff(diff, { budget: 6000, count });
    assert.ok(summary.tokens <= 6000);
    assert.deepEqual(summary.files.map((f) => f.shown), ['part', 'all']);
    assert.equal(shownChanges(summary.text, 'src/small.ts'), 6);
    assert.ok(shownChanges(summary.text, 'data/huge.ts') > 100);
    assert.ok(summary.tokens > 6000 * 0.8, `uses the budget: ${summary.tokens}`);
    assert.match(summary.text, /^… [\d,]+ more changed lines of this file not shown$/m);
  });

  it('says what it left out, with numbers that add up', () => {
    const specs: FileSpec[] = Array.from({ length: 60 }, (_, i) => ({ path: `pkg${i % 6}/file${i}.ts`, lines: 30 + (i % 7) * 10 }));
    const total = specs.reduce((n, s) => n + 2 * s.lines, 0);
    const summary = summariseDiff(makeDiff(specs), { budget: 5000, count });
    assert.ok(summary.tokens <= 5000);
    const match = /^\[Diff trimmed to fit: (\d+) more files and ([\d,]+) changed lines not shown; (\d+) files? shown in part\.\]$/m.exec(summary.text);
    assert.ok(match, summary.note);
    assert.equal(summary.note, match[0]);
    const notShown = Number(match[2].replace(/,/g, ''));
    assert.equal(notShown, total - shownChanges(summary.text));
    assert.equal(Number(match[1]), summary.files.filter((f) => f.shown === 'name').length);
    assert.equal(Number(match[3]), summary.files.filter((f) => f.shown === 'part').length);
  });

  it('folds folders in a long file list, keeping secret files on their own line', () => {
    const specs: FileSpec[] = [
      ...Array.from({ length: 400 }, (_, i) => ({ path: `test/fixtures/case${i}/input.txt`, lines: 2, newFile: true })),
      { path: 'src/feature.ts', lines: 20 },
      { path: 'test/fixtures/case9/.env', lines: 1, newFile: true },
    ];
    const summary = summariseDiff(makeDiff(specs), { budget: 2500, count });
    assert.ok(summary.tokens <= 2500);
    assert.match(summary.text, /^Changed files \(402\):$/m);
    assert.match(summary.text, /^M src\/feature\.ts \(\+20 -20\)$/m);
    assert.match(summary.text, /^A test\/fixtures\/case9\/\.env \(secret file, content never sent\)$/m);
    assert.match(summary.text, /^A test\/fixtures\/ \(400 files, \+800 -0\)$|^A test\/ \(400 files, \+800 -0\)$/m);
    assert.ok(shownChanges(summary.text, 'src/feature.ts') > 0);
  });

  it('stays within every budget, down to nothing', () => {
    const random = seededRandom(21);
    for (let round = 0; round < 8; round++) {
      const specs: FileSpec[] = Array.from({ length: 1 + Math.floor(random() * 40) }, (_, i) => ({
        path: `${['src', 'lib', 'test', 'dist'][Math.floor(random() * 4)]}/f${i}.ts`,
        lines: 1 + Math.floor(random() * 80),
        hunks: 1 + Math.floor(random() * 4),
        newFile: random() < 0.2,
      }));
      const diff = makeDiff(specs);
      for (const budget of [0, 30, 200, 900, 3000, 12_000]) {
        const summary = summariseDiff(diff, { budget, count });
        assert.ok(summary.tokens <= budget, `round ${round}, budget ${budget}: ${summary.tokens}`);
        assert.equal(summary.tokens, count(summary.text));
      }
    }
  });

  it('shows some of many files with long lines when each needs more than an even share', () => {
    const long = (i: number): string => `  const configuration${i} = loadConfiguration(environment, { retries: ${i}, timeoutMs: ${i * 100}, label: "item ${i}" });`;
    const specs: FileSpec[] = Array.from({ length: 120 }, (_, i) => ({ path: `lib/vendored/f${i}.c`, lines: 40, hunks: 3, text: long }));
    const summary = summariseDiff(makeDiff(specs), { budget: 6000, count });
    assert.ok(summary.tokens <= 6000 && summary.tokens > 6000 * 0.8, String(summary.tokens));
    assert.ok(summary.files.filter((f) => f.shown === 'part').length >= 10);
    assert.ok(shownChanges(summary.text) >= 2 * summary.files.filter((f) => f.shown === 'part').length);
  });

  it('gives an empty text for an empty diff', () => {
    const summary = summariseDiff('', { budget: 1000, count });
    assert.deepEqual([summary.text, summary.tokens, summary.files.length], ['', 0, 0]);
  });

  it('counts with the Gemini estimate as well', () => {
    const gemini = (text: string): number => countTokens(text, 'gemini');
    const summary = summariseDiff(makeDiff([{ path: 'a.ts', lines: 500 }, { path: 'b.ts', lines: 500 }]), { budget: 3000, count: gemini });
    assert.ok(summary.tokens <= 3000 && summary.tokens === gemini(summary.text));
    assert.ok(shownChanges(summary.text, 'a.ts') > 0 && shownChanges(summary.text, 'b.ts') > 0);
  });
});
