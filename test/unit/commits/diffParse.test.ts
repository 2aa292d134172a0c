import { strict as assert } from 'node:assert';
import { parseGitDiff } from '../../../src/core/commits/diffParse';
import { BINARY_AND_RENAME_DIFF, MIXED_DIFF, makeDiff } from './fixtures';

describe('git diff parsing', () => {
  it('reads every file of a git diff with its change, counts and hunks', () => {
    const files = parseGitDiff(MIXED_DIFF);
    const brief = files.map((f) => [f.path, f.change, f.added, f.removed, f.binary]);
    assert.deepEqual(brief, [
      ['.env', 'added', 1, 0, false],
      ['logo.png', 'modified', 0, 0, true],
      ['nonl.txt', 'added', 2, 0, false],
      ['run.sh', 'modified', 0, 0, false],
      ['src/a.ts', 'modified', 2, 1, false],
      ['src/café.ts', 'modified', 1, 1, false],
      ['src/gone.ts', 'deleted', 0, 1, false],
      ['src/new name.ts', 'renamed', 1, 0, false],
      ['src/new.ts', 'added', 1, 0, false],
    ]);
  });

  it('keeps the hunk header with the function git names, and the no-newline marker', () => {
    const files = parseGitDiff(MIXED_DIFF);
    const renamed = files.find((f) => f.change === 'renamed')!;
    assert.equal(renamed.hunks[0].header, '@@ -2,3 +2,4 @@ keep');
    assert.equal(renamed.oldPath, 'src/old name.ts');
    assert.equal(renamed.similarity, 81);
    const nonl = files.find((f) => f.path === 'nonl.txt')!;
    assert.deepEqual(nonl.hunks[0].lines, ['+a', '+b', '\\ No newline at end of file']);
  });

  it('reads mode changes, and decodes quoted non-ASCII names', () => {
    const files = parseGitDiff(MIXED_DIFF);
    const script = files.find((f) => f.path === 'run.sh')!;
    assert.equal(script.oldMode, '100644');
    assert.equal(script.newMode, '100755');
    assert.equal(script.hunks.length, 0);
    assert.ok(files.some((f) => f.path === 'src/café.ts'));
  });

  it('reads binary files added and deleted, and a rename without hunks', () => {
    const files = parseGitDiff(BINARY_AND_RENAME_DIFF);
    assert.deepEqual(
      files.map((f) => [f.path, f.oldPath, f.change, f.binary, f.hunks.length]),
      [
        ['logo.png', undefined, 'deleted', true, 0],
        ['new.bin', undefined, 'added', true, 0],
        ['src/b.ts', 'src/a.ts', 'renamed', false, 0],
      ],
    );
  });

  it('marks a GIT binary patch as binary and never reads its data as hunk lines', () => {
    const diff = 'diff --git a/img.png b/img.png\nindex 1..2 100644\nGIT binary patch\nliteral 12\nzcmV+b0RR6000031\n\nliteral 0\nHcmV?d00001\n\ndiff --git a/a.ts b/a.ts\n--- a/a.ts\n+++ b/a.ts\n@@ -1 +1 @@\n-a\n+b\n';
    const files = parseGitDiff(diff);
    assert.deepEqual(files.map((f) => [f.path, f.binary, f.added, f.removed]), [['img.png', true, 0, 0], ['a.ts', false, 1, 1]]);
  });

  it('strips mnemonic prefixes and reads diffs made with diff.noprefix', () => {
    const mnemonic = 'diff --git i/src/x.ts w/src/x.ts\nindex 1..2 100644\n--- i/src/x.ts\n+++ w/src/x.ts\n@@ -1 +1 @@\n-a\n+b\n';
    assert.equal(parseGitDiff(mnemonic)[0].path, 'src/x.ts');
    const noPrefix = 'diff --git src/x.ts src/x.ts\nindex 1..2 100644\n--- src/x.ts\n+++ src/x.ts\n@@ -1 +1 @@\n-a\n+b\n';
    assert.equal(parseGitDiff(noPrefix)[0].path, 'src/x.ts');
  });

  it('reads lines that look like headers inside a hunk as hunk lines', () => {
    const diff = 'diff --git a/notes.md b/notes.md\n--- a/notes.md\n+++ b/notes.md\n@@ -1,2 +1,2 @@\n--- a/old\n+++ b/new\n ok\n';
    const [file] = parseGitDiff(diff);
    assert.equal(parseGitDiff(diff).length, 1);
    assert.deepEqual([file.added, file.removed], [1, 1]);
  });

  it('still reads a diff cut short inside a hunk (a host size cap), and CRLF line ends', () => {
    const whole = makeDiff([{ path: 'a.ts', lines: 10 }, { path: 'b.ts', lines: 10 }]);
    const cut = whole.slice(0, whole.indexOf('// changed in hunk 0', whole.indexOf('b.ts')) + 5);
    const files = parseGitDiff(cut.replace(/\n/g, '\r\n'));
    assert.deepEqual(files.map((f) => f.path), ['a.ts', 'b.ts']);
    assert.equal(files[0].added, 10);
    assert.ok(files[1].removed === 10 && files[1].added === 1);
  });

  it('reads plain unified diffs without diff --git lines', () => {
    const diff = '--- a/x.txt\t2024-01-01\n+++ b/x.txt\t2024-01-02\n@@ -1 +1,2 @@\n a\n+b\n--- a/y.txt\n+++ b/y.txt\n@@ -1 +1 @@\n-c\n+d\n';
    assert.deepEqual(parseGitDiff(diff).map((f) => [f.path, f.added, f.removed]), [['x.txt', 1, 0], ['y.txt', 1, 1]]);
  });

  it('gives nothing for text that is not a diff', () => {
    assert.deepEqual(parseGitDiff(''), []);
    assert.deepEqual(parseGitDiff('nothing to commit, working tree clean\n'), []);
  });

  it('parses a 100 000-line diff', () => {
    const files = parseGitDiff(makeDiff([{ path: 'big.json', lines: 100_000, newFile: true }, { path: 'b.ts', lines: 3 }]));
    assert.equal(files[0].added, 100_000);
    assert.equal(files[1].path, 'b.ts');
  });
});
