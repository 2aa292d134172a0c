import { strict as assert } from 'node:assert';
import { Excluder } from '../../../src/core/context/exclude';
import { describeLeftOut, folderDistance, packFolder, rankCandidates, type FolderPack, type PackCandidate } from '../../../src/core/context/folderPack';
import { createContextItem } from '../../../src/core/context/items';
import { renderContext } from '../../../src/core/context/render';
import { countTokens } from '../../../src/core/context/tokens';
import type { TokenFamily } from '../../../src/core/context/types';
import { seededRandom } from '../../support/random';
import { sourceFile } from './helpers';

const gpt = (text: string): number => countTokens(text, 'gpt');

function file(path: string, extra: Partial<PackCandidate> = {}): PackCandidate {
  return { path, sizeBytes: 1000, tokens: 100, ...extra };
}

const paths = (pack: FolderPack): string[] => pack.included.map((f) => f.path);
const leftOutOf = (pack: FolderPack, path: string) => pack.leftOut.find((f) => f.path === path);

describe('folder packer: relevance', () => {
  it('measures folder distance from the anchor in tree steps', () => {
    assert.equal(folderDistance('src/core/a.ts', 'src/core/b.ts'), 0);
    assert.equal(folderDistance('src/core/a.ts', 'src/b.ts'), 1);
    assert.equal(folderDistance('src/core/a.ts', 'src/ui/b.ts'), 2);
    assert.equal(folderDistance('src/core/a.ts', 'README.md'), 2);
    assert.equal(folderDistance(undefined, 'a/b/c.ts'), 2, 'without an anchor: depth from the root');
  });

  it('orders open files, then the selection’s imports, then recently edited (newest first), then by proximity', () => {
    const candidates = [
      file('docs/far.md'),
      file('src/core/near.ts'),
      file('src/core/z-open.ts', { open: true }),
      file('lib/open-far.ts', { open: true }),
      file('lib/imported.ts', { importedBySelection: true }),
      file('docs/old-edit.md', { editedAt: 1_000 }),
      file('docs/new-edit.md', { editedAt: 2_000 }),
      file('src/sibling.ts'),
      file('src/core/deeper/x.ts'),
      file('top.ts'),
    ];
    assert.deepEqual(
      rankCandidates(candidates, 'src/core/active.ts').map((c) => c.path),
      [
        'src/core/z-open.ts',
        'lib/open-far.ts',
        'lib/imported.ts',
        'docs/new-edit.md',
        'docs/old-edit.md',
        'src/core/near.ts',
        // One folder up and one folder down are as near: the shallower comes first.
        'src/sibling.ts',
        'src/core/deeper/x.ts',
        'top.ts',
        'docs/far.md',
      ],
    );
    const pack = packFolder(candidates, { budget: 1_000_000, count: gpt, anchor: 'src/core/active.ts' });
    assert.deepEqual(pack.included.slice(0, 5).map((f) => f.tier), ['open', 'open', 'imported', 'recent', 'recent']);
  });

  it('keeps the most relevant files when the budget is short, and lets smaller ones fill what is left', () => {
    const candidates = [file('a/open.ts', { open: true, tokens: 500 }), file('a/big.ts', { tokens: 5_000 }), file('a/small.ts', { tokens: 50 })];
    const pack = packFolder(candidates, { budget: 800, count: gpt, anchor: 'a/x.ts' });
    assert.deepEqual(paths(pack), ['a/open.ts', 'a/small.ts']);
    const big = leftOutOf(pack, 'a/big.ts')!;
    assert.equal(big.reason, 'overBudget');
    assert.equal(big.tokens, 5_000);
    assert.ok(big.cost! > 5_000);
    assert.ok(pack.totalTokens <= 800);
  });
});

describe('folder packer: exclusion', () => {
  const excluder = new Excluder({
    gitignores: [{ dir: '', contents: 'dist/\n*.log\n' }],
    tandemignores: [
      { dir: '', contents: '# customer data never leaves\ncustomers/\n' },
      { dir: 'src', contents: 'generated/\n' },
    ],
    userGlobs: ['**/*.snap'],
    maxFileSizeKB: 64,
  });
  const exclude = (p: string, f?: Parameters<Excluder['check']>[1]) => excluder.check(p, f);

  it('applies every rule, says why, and names the ignore file and line', () => {
    const candidates = [
      file('src/app.ts'),
      file('.env'),
      file('dist/bundle.js'),
      file('server.log'),
      file('customers/acme.md'),
      file('src/generated/api.ts'),
      file('src/__snapshots__/a.snap'),
      file('assets/huge.json', { sizeBytes: 65 * 1024 }),
      file('assets/logo.png', { binary: true }),
      file('assets/blob.dat', { tokens: undefined, text: 'a\u0000b' }),
    ];
    const pack = packFolder(candidates, { budget: 1_000_000, count: gpt, exclude });
    assert.deepEqual(paths(pack), ['src/app.ts']);
    assert.deepEqual(
      pack.leftOut.map((f) => [f.path, f.reason]),
      [
        ['.env', 'secret'],
        ['dist/bundle.js', 'gitignored'],
        ['server.log', 'gitignored'],
        ['customers/acme.md', 'tandemIgnored'],
        ['src/generated/api.ts', 'tandemIgnored'],
        ['src/__snapshots__/a.snap', 'userExcluded'],
        ['assets/huge.json', 'tooLarge'],
        ['assets/logo.png', 'binary'],
        ['assets/blob.dat', 'binary'],
      ],
    );
    assert.match(leftOutOf(pack, 'customers/acme.md')!.message, /ignored by \.tandemignore:2/);
    assert.deepEqual(leftOutOf(pack, 'src/generated/api.ts')!.rule, { file: 'src/.tandemignore', line: 1, pattern: 'generated/', viaFolder: 'src/generated' });
    assert.equal(describeLeftOut(pack), '9 files left out: 2 are in .gitignore, 2 are in .tandemignore, 2 are binary, 1 look like secrets, 1 match tandem.context.exclude, 1 are too large');
  });

  it('without rules still refuses secret names and oversized files', () => {
    const pack = packFolder([file('id_rsa'), file('big.ts', { sizeBytes: 10 * 1024 * 1024 }), file('ok.ts')], { budget: 10_000, count: gpt });
    assert.deepEqual(paths(pack), ['ok.ts']);
    assert.deepEqual(pack.leftOut.map((f) => f.reason), ['secret', 'tooLarge']);
  });

  it('counts text it is given after redaction, skips files nobody counted, caps the file count, and dedupes', () => {
    const key = `sk-proj-${'abcdefghij'.repeat(4)}`;
    const text = `const key = '${key}';\n`;
    const pack = packFolder(
      [file('a.ts', { tokens: undefined, text }), file('./a.ts'), file('b.ts', { tokens: undefined }), file('c.ts'), file('d.ts')],
      { budget: 10_000, count: gpt, maxFiles: 2 },
    );
    assert.deepEqual(paths(pack), ['a.ts', 'c.ts']);
    assert.notEqual(pack.included[0].tokens, gpt(text), 'the redacted text is what is counted');
    assert.deepEqual(pack.leftOut.map((f) => [f.path, f.reason]), [
      ['b.ts', 'notCounted'],
      ['d.ts', 'tooManyFiles'],
    ]);
  });
});

describe('folder packer: budget, cost and confirmation', () => {
  /** 300 files of about 3K tokens each: ~900K tokens, as a real src/ folder for Gemini's 1M window. */
  const repo = Array.from({ length: 300 }, (_, i) => file(`src/m${Math.floor(i / 30)}/f${i}.ts`, { tokens: 3_000 }));

  it('Gemini 3.1 Flash-Lite: ~900K tokens for about $0.23, and asks first', () => {
    const pack = packFolder(repo, { budget: 1_048_576 - 65_536 - 50_000, count: gpt, inputPricePerMillion: 0.25 });
    assert.equal(pack.included.length, 300);
    assert.ok(pack.totalTokens > 900_000 && pack.totalTokens <= pack.budget, String(pack.totalTokens));
    assert.ok(pack.costUsd! > 0.22 && pack.costUsd! < 0.24, String(pack.costUsd));
    assert.equal(pack.needsConfirmation, true);
    assert.equal(pack.confirmAbove, 100_000);
    assert.equal(describeLeftOut(pack), '');
  });

  it('GPT-5.3 Chat’s 128K window: a trimmed set, and it says what was left out', () => {
    const pack = packFolder(repo, { budget: 128_000 - 16_384 - 2_000, count: gpt, inputPricePerMillion: 1.75, anchor: 'src/m3/f95.ts' });
    assert.ok(pack.included.length > 30 && pack.included.length < 40, String(pack.included.length));
    assert.ok(pack.totalTokens <= pack.budget);
    assert.ok(pack.included.slice(0, 30).every((f) => f.path.startsWith('src/m3/')), 'the anchor’s folder first');
    assert.equal(pack.leftOut.length, 300 - pack.included.length);
    assert.match(describeLeftOut(pack), /^\d+ files left out: \d+ did not fit the budget$/);
    assert.equal(pack.needsConfirmation, true);
  });

  it('asks only above the threshold, which is a setting', () => {
    const small = packFolder(repo.slice(0, 10), { budget: 1_000_000, count: gpt });
    assert.equal(small.needsConfirmation, false);
    assert.equal(small.costUsd, undefined, 'no price, no cost');
    assert.equal(packFolder(repo.slice(0, 10), { budget: 1_000_000, count: gpt, confirmAbove: 10_000 }).needsConfirmation, true);
    const empty = packFolder([], { budget: 0, count: gpt, inputPricePerMillion: 1 });
    assert.deepEqual([empty.included.length, empty.totalTokens, empty.costUsd, empty.needsConfirmation], [0, 0, 0, false]);
  });
});

describe('folder packer: seeded property test', () => {
  const DIRS = ['', 'src', 'src/core', 'src/ui', 'src/gen', 'lib', 'docs', 'docs/private', 'build', 'node_modules/pkg', 'customers'];
  const NAMES = ['index', 'util', 'a', 'b', 'keep', 'notes', 'server', 'id_rsa', '.env', 'secrets', 'data'];
  const EXTS = ['.ts', '.md', '.log', '.tmp', '.json', '.snap', ''];
  const GIT = ['build/', '*.log', 'node_modules/', '!keep.log', '/lib/b.ts'];
  const TEAM = ['*.tmp', 'customers/', 'docs/private/', 'src/gen/', '!notes.tmp'];
  const NESTED = ['!gen/', 'core/*.json', 'ui/', '*.md'];

  const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const subset = <T>(random: () => number, list: readonly T[]): T[] => list.filter(() => random() < 0.5);

  function scenario(seed: number) {
    const random = seededRandom(seed);
    const gitignores = [{ dir: '', contents: subset(random, GIT).join('\n') }];
    const tandemignores = [
      { dir: '', contents: subset(random, TEAM).join('\n') },
      ...(random() < 0.5 ? [{ dir: 'src', contents: subset(random, NESTED).join('\n') }] : []),
    ];
    const userGlobs = random() < 0.5 ? ['**/*.snap'] : [];
    const maxFileSizeKB = 4 + Math.floor(random() * 8);
    const candidates: PackCandidate[] = [];
    const count = 5 + Math.floor(random() * 40);
    for (let i = 0; i < count; i++) {
      const dir = pick(random, DIRS);
      const path = `${dir === '' ? '' : `${dir}/`}${pick(random, NAMES)}${pick(random, EXTS)}`;
      // Some files hold backtick runs (longer fences) and secrets (redaction changes the count).
      const body = sourceFile(1 + Math.floor(random() * 40), `s${seed}x${i}`);
      const text = random() < 0.2 ? `${body}\n\`\`\`\`\` fence ${'`'.repeat(7)}\npassword = "hunter2"\n` : body;
      const sizeBytes = random() < 0.1 ? (maxFileSizeKB + 1) * 1024 : text.length;
      candidates.push({
        path,
        sizeBytes,
        text,
        languageId: path.endsWith('.ts') ? 'typescript' : path.endsWith('.md') ? 'markdown' : 'plaintext',
        open: random() < 0.15,
        importedBySelection: random() < 0.15,
        editedAt: random() < 0.2 ? Math.floor(random() * 10_000) : undefined,
        binary: random() < 0.05,
      });
    }
    const family: TokenFamily = random() < 0.3 ? 'gpt' : 'gemini';
    const rules = { gitignores, tandemignores, userGlobs, maxFileSizeKB };
    return { random, candidates, family, rules, anchor: random() < 0.7 ? `${pick(random, DIRS)}/active.ts`.replace(/^\//, '') : undefined };
  }

  it('never exceeds the budget and never includes an ignored, secret, binary or oversized file (200 seeds)', function () {
    this.timeout(60_000);
    for (let seed = 1; seed <= 200; seed++) {
      const { random, candidates, family, rules, anchor } = scenario(seed);
      const count = (text: string) => countTokens(text, family);
      const excluder = new Excluder(rules);
      const everything = packFolder(candidates, { budget: Number.MAX_SAFE_INTEGER, count, exclude: (p, f) => excluder.check(p, f), anchor });
      const budget = Math.floor(random() * (everything.totalTokens * 1.2 + 50));
      const pack = packFolder(candidates, { budget, count, exclude: (p, f) => excluder.check(p, f), anchor, inputPricePerMillion: 0.25 });
      const context = `seed ${seed}, budget ${budget}`;

      // The budget holds, for the plan and for the text as it would be rendered.
      assert.ok(pack.totalTokens <= budget, `${context}: ${pack.totalTokens} > ${budget}`);
      // A path given twice is packed once, as first given.
      const byPath = new Map([...candidates].reverse().map((c) => [c.path, c]));
      const items = pack.included.map((f) => createContextItem({ kind: 'file', path: f.path, languageId: byPath.get(f.path)!.languageId!, text: byPath.get(f.path)!.text! }, count));
      const rendered = count(renderContext(items));
      assert.ok(rendered <= pack.totalTokens, `${context}: rendered ${rendered} > planned ${pack.totalTokens}`);
      items.forEach((item, i) => assert.equal(item.tokens, pack.included[i].tokens, `${context}: ${item.path} counted as sent`));

      // No excluded file appears: by the rules, and by independent checks of what the rules say.
      for (const { path } of pack.included) {
        const candidate = byPath.get(path)!;
        assert.equal(excluder.check(path, { sizeBytes: candidate.sizeBytes, sample: candidate.text }).excluded, false, `${context}: ${path}`);
        assert.ok(!candidate.binary && candidate.sizeBytes <= rules.maxFileSizeKB * 1024, `${context}: ${path}`);
        const name = path.split('/').pop()!;
        assert.ok(!['.env', 'id_rsa'].includes(name) && !name.startsWith('.env') && !name.startsWith('id_rsa') && !/^secrets\.json$/.test(name), `${context}: secret ${path}`);
        const git = rules.gitignores[0].contents.split('\n');
        if (git.includes('build/')) assert.ok(!path.startsWith('build/'), `${context}: ${path}`);
        if (git.includes('node_modules/')) assert.ok(!path.startsWith('node_modules/'), `${context}: ${path}`);
        const team = rules.tandemignores[0].contents.split('\n');
        if (team.includes('customers/')) assert.ok(!path.startsWith('customers/'), `${context}: ${path}`);
        if (team.includes('docs/private/')) assert.ok(!path.startsWith('docs/private/'), `${context}: ${path}`);
        if (team.includes('*.tmp') && !team.includes('!notes.tmp')) assert.ok(!path.endsWith('.tmp'), `${context}: ${path}`);
        if (rules.userGlobs.length) assert.ok(!path.endsWith('.snap'), `${context}: ${path}`);
      }

      // Every candidate is accounted for exactly once, and the order follows the tiers.
      const unique = new Set(candidates.map((c) => c.path));
      const accounted = [...pack.included.map((f) => f.path), ...pack.leftOut.map((f) => f.path)];
      assert.equal(accounted.length, unique.size, context);
      assert.deepEqual(new Set(accounted), unique, context);
      const tiers = pack.included.map((f) => ['open', 'imported', 'recent', 'other'].indexOf(f.tier));
      assert.deepEqual(tiers, [...tiers].sort((a, b) => a - b), `${context}: tiers in order`);
      // Greedy: whatever was left out for the budget would not fit in what is left now.
      for (const left of pack.leftOut.filter((f) => f.reason === 'overBudget')) assert.ok(left.cost! > budget - pack.totalTokens, `${context}: ${left.path} would fit`);
      assert.ok(Math.abs(pack.costUsd! - (pack.totalTokens * 0.25) / 1e6) < 1e-12);
      assert.equal(pack.needsConfirmation, pack.totalTokens > 100_000);
      assert.deepEqual(packFolder(candidates, { budget, count, exclude: (p, f) => excluder.check(p, f), anchor, inputPricePerMillion: 0.25 }), pack, `${context}: deterministic`);
    }
  });
});
