import { strict as assert } from 'node:assert';
import { Excluder, type ExcludeResult } from '../../../src/core/context/exclude';
import { describeIgnoreMatch, NestedIgnore, type IgnoreFileSource } from '../../../src/core/context/ignoreFiles';

function why(files: IgnoreFileSource[], path: string, isFolder = false): string | undefined {
  const match = new NestedIgnore(files, '.tandemignore').explain(path, isFolder);
  return match ? describeIgnoreMatch(match) : undefined;
}

function reasonOf(result: ExcludeResult): string | undefined {
  return result.excluded ? result.reason : undefined;
}

describe('.tandemignore', () => {
  it('uses gitignore syntax and names the file and line of the deciding pattern', () => {
    const root = { dir: '', contents: '# never sent\n\n*.sql\ndist/\n/TODO.md\ndocs/**/draft-*.md\n' };
    assert.equal(why([root], 'db/dump.sql'), 'ignored by .tandemignore:3');
    assert.equal(why([root], 'dist/bundle.js'), 'ignored by .tandemignore:4', 'a folder pattern covers its files');
    assert.equal(why([root], 'TODO.md'), 'ignored by .tandemignore:5');
    assert.equal(why([root], 'notes/TODO.md'), undefined, 'a leading / anchors at the file’s folder');
    assert.equal(why([root], 'docs/a/b/draft-plan.md'), 'ignored by .tandemignore:6');
    assert.equal(why([root], 'src/index.ts'), undefined);
    const match = new NestedIgnore([root], '.tandemignore').explain('dist/a/b.js')!;
    assert.deepEqual(match, { file: '.tandemignore', line: 4, pattern: 'dist/', viaFolder: 'dist' });
  });

  it('the last matching pattern wins; a negation re-includes', () => {
    const root = { dir: '', contents: '*.log\n!keep.log\nkeep.log.old\n*.md\n!README.md\nREADME.md\n' };
    assert.equal(why([root], 'a/debug.log'), 'ignored by .tandemignore:1');
    assert.equal(why([root], 'a/keep.log'), undefined);
    assert.equal(why([root], 'README.md'), 'ignored by .tandemignore:6', 'a later pattern overrides the negation');
  });

  it('cannot re-include a file whose folder is excluded', () => {
    const root = { dir: '', contents: 'generated/\n!generated/keep.ts\n' };
    assert.equal(why([root], 'generated/keep.ts'), 'ignored by .tandemignore:1');
    // Excluding the folder's contents (not the folder) leaves room for a negation, as in git.
    const contents = { dir: '', contents: 'generated/*\n!generated/keep.ts\n' };
    assert.equal(why([contents], 'generated/keep.ts'), undefined);
    assert.equal(why([contents], 'generated/other.ts'), 'ignored by .tandemignore:1');
  });

  it('applies a nested file relative to its own folder, and only below it', () => {
    const files = [
      { dir: '', contents: '*.snap\n' },
      { dir: 'src', contents: 'fixtures/\n/local.ts\n' },
    ];
    assert.equal(why(files, 'src/fixtures/big.json'), 'ignored by src/.tandemignore:1');
    assert.equal(why(files, 'src/deep/fixtures/big.json'), 'ignored by src/.tandemignore:1', 'no slash but the trailing one: any depth below src');
    assert.equal(why(files, 'fixtures/big.json'), undefined, 'the nested file says nothing about the root');
    assert.equal(why(files, 'src/local.ts'), 'ignored by src/.tandemignore:2');
    assert.equal(why(files, 'src/deep/local.ts'), undefined, '/local.ts anchors at src/');
    assert.equal(why(files, 'src/a.snap'), 'ignored by .tandemignore:1', 'the root file still applies inside src');
  });

  it('a deeper file decides over a shallower one, both ways', () => {
    const files = [
      { dir: '', contents: '*.log\nsecret-notes/\n' },
      { dir: 'pkg', contents: '!keep.log\n' },
      { dir: 'pkg/b', contents: 'keep.log\n' },
    ];
    assert.equal(why(files, 'pkg/keep.log'), undefined, 'pkg/.tandemignore re-includes it');
    assert.equal(why(files, 'pkg/a/keep.log'), undefined);
    assert.equal(why(files, 'pkg/b/keep.log'), 'ignored by pkg/b/.tandemignore:1', 'and a deeper one excludes it again');
    assert.equal(why(files, 'pkg/other.log'), 'ignored by .tandemignore:1');
  });

  it('a deeper file can re-include a folder a shallower one excluded, then the folder’s files are decided normally', () => {
    const files = [
      { dir: '', contents: 'src/gen/\n*.tmp\n' },
      { dir: 'src', contents: '!gen/\n' },
    ];
    assert.equal(why(files, 'src/gen/api.ts'), undefined);
    assert.equal(why(files, 'src/gen/cache.tmp'), 'ignored by .tandemignore:2', 'the root file’s other patterns still apply');
    assert.equal(why(files, 'src/gen', true), undefined);
  });

  it('ignores files inside an excluded folder even if a file in that folder says otherwise (git never reads it)', () => {
    const files = [
      { dir: '', contents: 'vendor/\n' },
      { dir: 'vendor/lib', contents: '!*\n' },
    ];
    assert.equal(why(files, 'vendor/lib/a.ts'), 'ignored by .tandemignore:1');
  });

  it('tells folders from files: a pattern with a trailing slash matches folders only', () => {
    const root = { dir: '', contents: 'build/\n' };
    assert.equal(why([root], 'build', true), 'ignored by .tandemignore:1');
    assert.equal(why([root], 'build'), undefined, 'a file named build is not a folder');
  });

  it('re-includes folders with glob characters in their names literally', () => {
    // The root file excludes p/a[1] (`?` matches the brackets); p/.tandemignore re-includes it, escaped.
    const brackets = [
      { dir: '', contents: 'p/a?1?/\n*.tmp\n' },
      { dir: 'p', contents: '!a\\[1\\]/\n' },
    ];
    assert.equal(why(brackets, 'p/a[1]/x.ts'), undefined);
    assert.equal(why(brackets, 'p/a[1]/x.tmp'), 'ignored by .tandemignore:2', 'decided by *.tmp, not by the re-included folder');
    const marks = [
      { dir: '', contents: 'p/we!rd #dir/\n*.tmp\n' },
      { dir: 'p', contents: '!we!rd #dir/\n' },
    ];
    assert.equal(why(marks, 'p/we!rd #dir/a.ts'), undefined);
    assert.equal(why(marks, 'p/we!rd #dir/a.tmp'), 'ignored by .tandemignore:2');
  });

  it('handles CRLF files, Windows paths and empty input', () => {
    assert.equal(why([{ dir: '', contents: 'dist/\r\n*.tmp\r\n' }], '.\\dist\\a.js'), 'ignored by .tandemignore:1');
    assert.equal(why([{ dir: '', contents: 'dist/\r\n*.tmp\r\n' }], 'x.tmp'), 'ignored by .tandemignore:2');
    assert.equal(why([], 'anything'), undefined);
    assert.equal(why([{ dir: '', contents: '*' }], ''), undefined);
    assert.equal(new NestedIgnore([], '.tandemignore').isEmpty, true);
  });
});

describe('.tandemignore in the exclusion rules', () => {
  const excluder = new Excluder({
    gitignores: [{ dir: '', contents: 'node_modules/\n*.log\n' }],
    tandemignores: [
      { dir: '', contents: 'customers/\n*.csv\n' },
      { dir: 'src', contents: 'legacy/\n' },
    ],
  });

  it('excludes on top of .gitignore, with the file and line in the message and the rule for the UI', () => {
    const result = excluder.check('customers/acme/contract.md');
    assert.equal(reasonOf(result), 'tandemIgnored');
    assert.ok(result.excluded && result.message.includes('ignored by .tandemignore:1'));
    assert.deepEqual(result.excluded && result.rule, { file: '.tandemignore', line: 1, pattern: 'customers/', viaFolder: 'customers' });
    const nested = excluder.check('src/legacy/old.ts');
    assert.ok(nested.excluded && nested.message.includes('ignored by src/.tandemignore:1'));
    assert.equal(reasonOf(excluder.check('debug.log')), 'gitignored');
    assert.equal(reasonOf(excluder.check('src/new.ts')), undefined);
  });

  it('names the .gitignore line too', () => {
    const result = excluder.check('app/debug.log');
    assert.ok(result.excluded && result.message === 'app/debug.log is ignored by .gitignore:2 (*.log).', result.excluded ? result.message : '');
  });

  it('a negation in .gitignore does not undo .tandemignore, nor the reverse: either file excludes', () => {
    const both = new Excluder({ gitignores: [{ dir: '', contents: '!*.csv\n' }], tandemignores: [{ dir: '', contents: '*.csv\n!build.log\n' }] });
    assert.equal(reasonOf(both.check('data/x.csv')), 'tandemIgnored');
    const git = new Excluder({ gitignores: [{ dir: '', contents: '*.log\n' }], tandemignores: [{ dir: '', contents: '!build.log\n' }] });
    assert.equal(reasonOf(git.check('build.log')), 'gitignored');
  });

  it('secret names and user globs come first; size and content after', () => {
    const e = new Excluder({ tandemignores: [{ dir: '', contents: '*\n' }], userGlobs: ['*.md'] });
    assert.equal(reasonOf(e.check('.env')), 'secret');
    assert.equal(reasonOf(e.check('a.md')), 'userExcluded');
    assert.equal(reasonOf(e.check('a.ts', { sizeBytes: 10_000_000 })), 'tandemIgnored');
  });

  it('tells whether a whole folder is ignored, so a file search can skip it', () => {
    assert.equal(excluder.isFolderIgnored('customers'), true);
    assert.equal(excluder.isFolderIgnored('node_modules/'), true);
    assert.equal(excluder.isFolderIgnored('src/legacy/deep'), true);
    assert.equal(excluder.isFolderIgnored('src'), false);
  });
});
