import { strict as assert } from 'node:assert';
import { Excluder } from '../../../src/core/context/exclude';
import { countTokens } from '../../../src/core/context/tokens';
import { compileApplyTo } from '../../../src/core/knowledge/applyTo';
import {
  classifyInstructionPath,
  findInstructionFiles,
  INSTRUCTION_FILE_GLOBS,
  loadInstructionFiles,
  type InstructionReader,
} from '../../../src/core/knowledge/instructionFiles';
import { renderInstructions, withInstructions } from '../../../src/core/knowledge/instructionRender';
import { discoverInstructions } from '../../../src/core/knowledge/instructions';
import { defaultInstructionBudget, selectInstructions, type InstructionSelection } from '../../../src/core/knowledge/instructionSelect';

const count = (text: string): number => countTokens(text, 'gpt');

/** A workspace as path → text; a reader that records what was read. */
function workspace(files: Record<string, string>) {
  const reads: string[] = [];
  const read: InstructionReader = async (path) => {
    reads.push(path);
    return files[path];
  };
  return { paths: Object.keys(files), read, reads };
}

const REPO: Record<string, string> = {
  'AGENTS.md': 'Root: use pnpm.',
  'packages/api/AGENTS.md': 'API: every handler validates input.',
  'packages/api/src/deep/AGENTS.md': 'Deep: keep it pure.',
  'packages/web/AGENTS.md': 'Web: use React hooks.',
  '.github/copilot-instructions.md': 'Copilot: prefer small functions.',
  '.github/instructions/python.instructions.md': '---\napplyTo: "**/*.py"\n---\nPython: type hints everywhere.',
  '.github/instructions/loose.instructions.md': 'No front matter: Copilot never applies this automatically.',
  '.tandem/rules/ts.md': '---\napplyTo: "**/*.ts"\n---\nTS: no any.',
  '.tandem/rules/always.md': 'Always: answer briefly.',
  '.tandem/rules/docs.md': '---\npaths:\n  - "docs/**"\n---\nDocs: sentence case headings.',
  'src/app.ts': 'not an instruction',
  'docs/AGENTS.txt': 'not an instruction either',
};

async function run(activeFile: string | undefined, extra: { contextFiles?: string[]; maxTokens?: number; files?: Record<string, string> } = {}): Promise<InstructionSelection> {
  const ws = workspace(extra.files ?? REPO);
  return discoverInstructions({ paths: ws.paths, read: ws.read, activeFile, contextFiles: extra.contextFiles, count, maxTokens: extra.maxTokens ?? 100_000 });
}

const appliedPaths = (s: InstructionSelection): string[] => s.applied.map((a) => a.path);
const reasonOf = (s: InstructionSelection, path: string): string | undefined => [...s.skipped, ...s.dropped].find((x) => x.path === path)?.reason;

describe('instruction files: discovery', () => {
  it('recognises each kind of instruction file and nothing else', () => {
    assert.deepEqual(
      findInstructionFiles(Object.keys(REPO)).map((r) => [r.path, r.source]),
      [
        ['.github/copilot-instructions.md', 'copilotInstructions'],
        ['.github/instructions/loose.instructions.md', 'githubInstructions'],
        ['.github/instructions/python.instructions.md', 'githubInstructions'],
        ['.tandem/rules/always.md', 'tandemRules'],
        ['.tandem/rules/docs.md', 'tandemRules'],
        ['.tandem/rules/ts.md', 'tandemRules'],
        ['AGENTS.md', 'agentsMd'],
        ['packages/api/AGENTS.md', 'agentsMd'],
        ['packages/api/src/deep/AGENTS.md', 'agentsMd'],
        ['packages/web/AGENTS.md', 'agentsMd'],
      ],
    );
    for (const path of ['src/copilot-instructions.md', '.github/instructions/a.md', '.github/prompts/a.prompt.md', 'docs/.tandem/rules/x.md', '.tandem/rules/x.txt', 'AGENTS.md.bak']) {
      assert.equal(classifyInstructionPath(path), undefined, path);
    }
    assert.equal(classifyInstructionPath('.\\pkg\\agents.md')?.source, 'agentsMd', 'Windows separators, ./ and any case');
    assert.equal(classifyInstructionPath('.github/instructions/nested/dir/x.instructions.md')?.source, 'githubInstructions');
    assert.ok(INSTRUCTION_FILE_GLOBS.includes('**/AGENTS.md'));
  });

  it('classifies per workspace folder in a multi-root workspace', () => {
    const roots = ['web', 'api'];
    assert.deepEqual(classifyInstructionPath('web/.github/copilot-instructions.md', roots), {
      path: 'web/.github/copilot-instructions.md',
      root: 'web',
      relative: '.github/copilot-instructions.md',
      source: 'copilotInstructions',
    });
    assert.equal(classifyInstructionPath('web/.tandem/rules/a.md', roots)?.root, 'web');
    assert.equal(classifyInstructionPath('other/AGENTS.md', roots), undefined, 'outside every folder');
  });
});

describe('instruction files: what applies', () => {
  it('a .ts file gets the root AGENTS.md, the nearest AGENTS.md, copilot-instructions, ts.md and the always-on rule', async () => {
    const s = await run('packages/api/src/routes/users.ts');
    assert.deepEqual(appliedPaths(s), [
      '.github/copilot-instructions.md',
      'AGENTS.md',
      'packages/api/AGENTS.md',
      '.tandem/rules/always.md',
      '.tandem/rules/ts.md',
    ]);
    assert.equal(reasonOf(s, 'packages/web/AGENTS.md'), 'notNearest');
    assert.equal(reasonOf(s, 'packages/api/src/deep/AGENTS.md'), 'notNearest', 'deeper than the active file is not an ancestor');
    assert.equal(reasonOf(s, '.github/instructions/python.instructions.md'), 'noMatch');
    assert.equal(reasonOf(s, '.github/instructions/loose.instructions.md'), 'noApplyTo');
    assert.equal(reasonOf(s, '.tandem/rules/docs.md'), 'noMatch');
    assert.match(s.applied.find((a) => a.path === '.tandem/rules/ts.md')!.why, /applyTo \*\*\/\*\.ts matches packages\/api\/src\/routes\/users\.ts/);
  });

  it('a .py file at the root gets the general files and the Python instructions only', async () => {
    const s = await run('tools/gen.py');
    assert.deepEqual(appliedPaths(s), ['.github/copilot-instructions.md', 'AGENTS.md', '.github/instructions/python.instructions.md', '.tandem/rules/always.md']);
  });

  it('the deepest AGENTS.md above the active file wins over the shallower ones', async () => {
    const s = await run('packages/api/src/deep/core.ts');
    assert.ok(appliedPaths(s).includes('packages/api/src/deep/AGENTS.md'));
    assert.ok(!appliedPaths(s).includes('packages/api/AGENTS.md'));
    assert.equal(reasonOf(s, 'packages/api/AGENTS.md'), 'notNearest');
    const atRoot = await run('README.md');
    assert.deepEqual(appliedPaths(atRoot).filter((p) => p.endsWith('AGENTS.md')), ['AGENTS.md'], 'the root one is the nearest: applied once');
  });

  it('without an active file only folder-wide files apply; scoped ones need a file in context', async () => {
    const s = await run(undefined);
    assert.deepEqual(appliedPaths(s), ['.github/copilot-instructions.md', 'AGENTS.md', '.tandem/rules/always.md']);
    const withContext = await run(undefined, { contextFiles: ['docs/guide/intro.md'] });
    assert.ok(appliedPaths(withContext).includes('.tandem/rules/docs.md'), 'an added file counts as context');
  });

  it('any file in context can trigger a scoped rule, not only the active one', async () => {
    const s = await run('tools/gen.py', { contextFiles: ['src/app.ts'] });
    assert.ok(appliedPaths(s).includes('.tandem/rules/ts.md'));
    assert.ok(appliedPaths(s).includes('.github/instructions/python.instructions.md'));
  });

  it('strips front matter from what is sent, and renders lowest precedence first', async () => {
    const s = await run('src/app.ts');
    const ts = s.applied.find((a) => a.path === '.tandem/rules/ts.md')!;
    assert.equal(ts.text, 'TS: no any.');
    const rendered = renderInstructions(s.applied)!;
    assert.ok(rendered.startsWith('# Project instructions\n'));
    assert.ok(rendered.indexOf('## From AGENTS.md\nRoot: use pnpm.') < rendered.indexOf('## From .tandem/rules/ts.md (for files matching **/*.ts)\nTS: no any.'));
    assert.ok(!rendered.includes('applyTo'));
    assert.ok(count(rendered) <= s.totalTokens, `${count(rendered)} > ${s.totalTokens}`);
    assert.equal(renderInstructions([]), undefined);
    assert.equal(withInstructions('You are Tandem.', []), 'You are Tandem.');
    assert.ok(withInstructions('You are Tandem.', s.applied).startsWith('You are Tandem.\n\n# Project instructions'));
  });

  it('precedence: Tandem rules > Copilot scoped > nearest AGENTS.md > root AGENTS.md > copilot-instructions', async () => {
    const s = await run('packages/api/x.py', { contextFiles: ['packages/api/y.ts'] });
    const precedence = new Map(s.applied.map((a) => [a.path, a.precedence]));
    const order = ['.github/copilot-instructions.md', 'AGENTS.md', 'packages/api/AGENTS.md', '.github/instructions/python.instructions.md', '.tandem/rules/ts.md'];
    for (let i = 1; i < order.length; i++) assert.ok(precedence.get(order[i - 1])! < precedence.get(order[i])!, `${order[i - 1]} < ${order[i]}`);
  });
});

describe('instruction files: exclusion, trust and settings', () => {
  it('never reads a secret-looking or excluded file, and says why', async () => {
    const files = { 'AGENTS.md': 'Root.', 'vendor/AGENTS.md': 'Vendored.', '.tandem/rules/ts.md': 'Rule.' };
    const ws = workspace(files);
    const excluder = new Excluder({ gitignores: [{ dir: '', contents: 'vendor/\n' }], userGlobs: ['.tandem/rules/**'] });
    const loaded = await loadInstructionFiles(findInstructionFiles(ws.paths), ws.read, { exclude: (p, f) => excluder.check(p, f) });
    assert.deepEqual(loaded.files.map((f) => f.path), ['AGENTS.md']);
    assert.deepEqual(ws.reads, ['AGENTS.md'], 'excluded files are not even read');
    assert.deepEqual(loaded.skipped.map((s) => [s.path, s.reason]), [
      ['.tandem/rules/ts.md', 'excluded'],
      ['vendor/AGENTS.md', 'excluded'],
    ]);
    assert.match(loaded.skipped[1].message, /\.gitignore/);
  });

  it('an excluded nearer AGENTS.md does not hide the next one up', async () => {
    const files = { 'AGENTS.md': 'Root.', 'pkg/AGENTS.md': 'Pkg.', 'pkg/gen/AGENTS.md': 'Generated.' };
    const ws = workspace(files);
    const excluder = new Excluder({ gitignores: [{ dir: 'pkg', contents: 'gen/\n' }] });
    const s = await discoverInstructions({ paths: ws.paths, read: ws.read, activeFile: 'pkg/gen/out.ts', exclude: (p, f) => excluder.check(p, f), count, maxTokens: 10_000 });
    assert.deepEqual(appliedPaths(s), ['AGENTS.md', 'pkg/AGENTS.md']);
  });

  it('checks content too: a binary or oversized file is not an instruction', async () => {
    const ws = workspace({ 'AGENTS.md': 'ok', '.tandem/rules/blob.md': 'a\u0000b', '.tandem/rules/big.md': 'x'.repeat(3000) });
    const excluder = new Excluder({ maxFileSizeKB: 2 });
    const loaded = await loadInstructionFiles(findInstructionFiles(ws.paths), ws.read, { exclude: (p, f) => excluder.check(p, f) });
    assert.deepEqual(loaded.skipped.map((s) => [s.path, s.reason]), [
      ['.tandem/rules/big.md', 'excluded'],
      ['.tandem/rules/blob.md', 'excluded'],
    ]);
  });

  it('refuses secret names even without exclusion rules, and reports unreadable and empty files', async () => {
    const refs = [{ path: '.tandem/rules/.env.md', root: '', relative: '.tandem/rules/.env.md', source: 'tandemRules' as const }];
    // .env.* is a secret name: the reader must not be asked.
    const loaded = await loadInstructionFiles(refs, async () => assert.fail('read a secret file'));
    assert.equal(loaded.skipped[0].reason, 'excluded');
    const ws = workspace({ 'AGENTS.md': '---\ndescription: nothing\n---\n  \n' });
    const empty = await loadInstructionFiles(findInstructionFiles([...ws.paths, 'gone/AGENTS.md']), ws.read);
    assert.deepEqual(empty.skipped.map((s) => [s.path, s.reason]), [
      ['AGENTS.md', 'empty'],
      ['gone/AGENTS.md', 'unreadable'],
    ]);
    const throwing = await loadInstructionFiles(findInstructionFiles(['AGENTS.md']), async () => {
      throw new Error('EACCES');
    });
    assert.equal(throwing.skipped[0].reason, 'unreadable');
  });

  it('reads nothing in an untrusted workspace, and says so', async () => {
    const ws = workspace(REPO);
    const s = await discoverInstructions({ paths: ws.paths, read: ws.read, trusted: false, count, maxTokens: 10_000 });
    assert.deepEqual(ws.reads, []);
    assert.equal(s.applied.length, 0);
    assert.ok(s.skipped.length > 0 && s.skipped.every((x) => x.reason === 'untrustedWorkspace'));
  });

  it('masks secrets inside an instruction file', async () => {
    const key = `sk-proj-${'abcdefghij'.repeat(4)}`;
    const s = await run(undefined, { files: { 'AGENTS.md': `Use the staging key ${key} for tests.` } });
    assert.ok(!s.applied[0].text.includes(key));
  });

  it('a setting turns a source off', async () => {
    const ws = workspace(REPO);
    const s = await discoverInstructions({ paths: ws.paths, read: ws.read, activeFile: 'src/a.ts', sources: { agentsMd: false, tandemRules: false }, count, maxTokens: 10_000 });
    assert.deepEqual(appliedPaths(s), ['.github/copilot-instructions.md']);
    assert.equal(reasonOf(s, 'AGENTS.md'), 'sourceDisabled');
  });

  it('in a multi-root workspace, a folder’s files apply when the request has a file in that folder', async () => {
    const files = { 'web/AGENTS.md': 'Web.', 'api/AGENTS.md': 'API.', 'api/.tandem/rules/ts.md': '---\napplyTo: src/**\n---\nAPI TS.', 'web/src/a.ts': '' };
    const ws = workspace(files);
    const roots = ['web', 'api'];
    const s = await discoverInstructions({ paths: ws.paths, read: ws.read, roots, activeFile: 'web/src/a.ts', count, maxTokens: 10_000 });
    assert.deepEqual(appliedPaths(s), ['web/AGENTS.md']);
    assert.equal(reasonOf(s, 'api/AGENTS.md'), 'otherFolder');
    const api = await discoverInstructions({ paths: ws.paths, read: ws.read, roots, activeFile: 'api/src/b.ts', count, maxTokens: 10_000 });
    assert.deepEqual(appliedPaths(api), ['api/AGENTS.md', 'api/.tandem/rules/ts.md'], 'applyTo is relative to the rule’s own folder');
  });
});

describe('instruction files: budget', () => {
  // Four files of the same size, so what is dropped depends on precedence alone.
  const files = {
    '.github/copilot-instructions.md': 'One rule. '.repeat(40),
    'AGENTS.md': 'One rule. '.repeat(40),
    '.tandem/rules/a.md': 'One rule. '.repeat(40),
    '.tandem/rules/b.md': 'One rule. '.repeat(40),
  };

  it('keeps everything that fits, within the budget, counted with headers', async () => {
    const s = await run('x.ts', { files });
    assert.equal(s.applied.length, 4);
    assert.equal(s.dropped.length, 0);
    assert.ok(s.totalTokens <= s.budget);
    assert.ok(count(renderInstructions(s.applied)!) <= s.totalTokens);
  });

  it('drops the lowest precedence first, and says what was dropped', async () => {
    const full = (await run('x.ts', { files })).totalTokens;
    const s = await run('x.ts', { files, maxTokens: full - 10 });
    assert.deepEqual(s.dropped.map((d) => [d.path, d.reason]), [['.github/copilot-instructions.md', 'overBudget']]);
    assert.match(s.dropped[0].message, /left out: its \d+ tokens do not fit the \d+-token budget/);
    assert.ok(s.totalTokens <= s.budget);
    const half = await run('x.ts', { files, maxTokens: Math.ceil(full / 2) + 20 });
    assert.deepEqual(half.dropped.map((d) => d.path), ['.github/copilot-instructions.md', 'AGENTS.md'], 'lowest precedence first, in prompt order');
    assert.deepEqual(appliedPaths(half), ['.tandem/rules/a.md', '.tandem/rules/b.md']);
    assert.ok(half.totalTokens <= half.budget);
  });

  it('a file too large for the room left is dropped whole; smaller ones of lower precedence still fill the room', async () => {
    const s = await run('x.ts', { files: { 'AGENTS.md': 'Short root.', '.tandem/rules/huge.md': 'Huge. '.repeat(2000) }, maxTokens: 200 });
    assert.deepEqual(appliedPaths(s), ['AGENTS.md']);
    assert.deepEqual(s.dropped.map((d) => d.path), ['.tandem/rules/huge.md']);
    const none = await run('x.ts', { files, maxTokens: 0 });
    assert.equal(none.applied.length, 0);
    assert.equal(none.totalTokens, 0);
  });

  it('defaults to 5% of the window, at most 16K tokens', () => {
    assert.equal(defaultInstructionBudget(128_000), 6_400);
    assert.equal(defaultInstructionBudget(1_048_576), 16_000);
    assert.equal(defaultInstructionBudget(0), 0);
  });

  it('select is pure over loaded files: the same load serves many requests', async () => {
    const ws = workspace(REPO);
    const loaded = await loadInstructionFiles(findInstructionFiles(ws.paths), ws.read);
    const ts = selectInstructions(loaded, { activeFile: 'a.ts', count, maxTokens: 10_000 });
    const py = selectInstructions(loaded, { activeFile: 'a.py', count, maxTokens: 10_000 });
    assert.ok(appliedPaths(ts).includes('.tandem/rules/ts.md') && !appliedPaths(py).includes('.tandem/rules/ts.md'));
    assert.equal(ws.reads.length, new Set(ws.reads).size, 'each file read once');
  });
});

describe('applyTo globs', () => {
  const matches = (globs: string[], path: string) => compileApplyTo(globs).match([path]) !== undefined;

  it('follows VS Code: relative globs match at any depth, ** and * apply always, case is ignored', () => {
    assert.ok(matches(['**/*.ts'], 'src/a.ts'));
    assert.ok(matches(['**/*.ts'], 'a.ts'), '**/ matches zero folders');
    assert.ok(matches(['*.ts'], 'deep/in/a.ts'), 'a bare *.ts is **/*.ts');
    assert.ok(matches(['src/**/*.ts'], 'packages/x/src/a.ts'), 'relative globs float, as in VS Code');
    assert.ok(matches(['src/**'], 'src/a/b.py'));
    assert.ok(matches(['**/*.TS'], 'src/A.ts'));
    assert.ok(matches(['**/*.{ts,tsx}'], 'web/App.tsx'));
    assert.ok(matches(['**/*.md'], '.github/notes.md'), 'dot folders are ordinary');
    assert.ok(!matches(['**/*.ts'], 'src/a.tsx'));
    assert.ok(!matches(['**/*.py'], 'src/a.ts'));
    for (const always of ['**', '**/*', '*']) {
      const m = compileApplyTo([always]);
      assert.equal(m.always, true, always);
      assert.deepEqual(m.match([]), { glob: always }, `${always} applies with no file at all`);
    }
    assert.equal(compileApplyTo(['**/*.ts']).match([]), undefined);
  });

  it('anchors a leading / at the workspace folder, and reports which glob and file matched', () => {
    assert.ok(matches(['/src/**'], 'src/a.ts'));
    assert.ok(!matches(['/src/**'], 'pkg/src/a.ts'));
    assert.ok(matches(['./src/*.ts'], 'src/a.ts'));
    assert.deepEqual(compileApplyTo(['**/*.py', '**/*.ts']).match(['README.md', 'src/a.ts']), { glob: '**/*.ts', path: 'src/a.ts' });
    assert.equal(compileApplyTo(['', '  ']).match(['a.ts']), undefined, 'empty globs match nothing');
  });
});
