import { strict as assert } from 'node:assert';
import { Excluder } from '../../../src/core/context/exclude';
import {
  commandNameOf,
  expandPromptFile,
  findPromptFiles,
  isPromptFile,
  loadPromptFiles,
  parsePromptFile,
  PROMPT_FILE_GLOBS,
  promptFolderRank,
  type PromptFile,
} from '../../../src/core/knowledge/promptFiles';

function parsed(path: string, text: string, rank = 0): PromptFile {
  const result = parsePromptFile(path, text, rank);
  assert.ok(isPromptFile(result), JSON.stringify(result));
  return result;
}

const REVIEW = [
  '---',
  'description: "Review the change for bugs"',
  'model: gemini-3.1-flash-lite',
  'thinking: high',
  'mode: ask',
  '---',
  'Review ${fileBasename} for ${input:focus:what to look for}:',
  '',
  '```',
  '${selection}',
  '```',
  '',
].join('\n');

describe('prompt files', () => {
  it('reads the front matter and the body', () => {
    const prompt = parsed('.tandem/prompts/review.prompt.md', REVIEW);
    assert.equal(prompt.name, 'review');
    assert.equal(prompt.description, 'Review the change for bugs');
    assert.equal(prompt.model, 'gemini');
    assert.equal(prompt.thinkingLevel, 'high');
    assert.equal(prompt.mode, 'ask');
    assert.deepEqual(prompt.warnings, []);
    assert.ok(prompt.body.startsWith('Review ${fileBasename}'));
    assert.equal(prompt.bodyLine, 7);
    assert.deepEqual(prompt.inputs, [{ name: 'focus', hint: 'what to look for' }]);
    assert.deepEqual(prompt.placeholders.map((p) => [p.kind, p.name, REVIEW.slice(p.offset, p.offset + p.length)]), [
      ['variable', 'fileBasename', '${fileBasename}'],
      ['input', 'focus', '${input:focus:what to look for}'],
      ['variable', 'selection', '${selection}'],
    ]);
  });

  it('expands to the message sent, with errors pointing into the file', () => {
    const prompt = parsed('.tandem/prompts/review.prompt.md', REVIEW);
    const ok = expandPromptFile(prompt, { selection: 'x = 1', file: 'src/a.ts', inputs: { focus: 'null checks' } });
    assert.deepEqual(ok, { ok: true, text: 'Review a.ts for null checks:\n\n```\nx = 1\n```' });
    const missing = expandPromptFile(prompt, { file: 'src/a.ts' });
    assert.equal(missing.ok, false);
    const errors = missing.ok ? [] : missing.errors;
    assert.deepEqual(errors.map((e) => [e.name, e.kind, e.line]), [
      ['input:focus', 'missing', 7],
      ['selection', 'missing', 10],
    ]);
    assert.equal(REVIEW.slice(errors[1].offset, errors[1].offset + '${selection}'.length), '${selection}');
    const typo = parsed('.github/prompts/t.prompt.md', '---\ndescription: x\n---\nFix ${selecton}');
    const bad = expandPromptFile(typo, { selection: 'a' });
    assert.ok(!bad.ok && bad.errors[0].name === 'selecton' && bad.errors[0].line === 4 && bad.errors[0].column === 5);
  });

  it('takes everything optional: no front matter is a plain prompt named after its file', () => {
    const prompt = parsed('.github/prompts/Write Tests.prompt.md', 'Write tests for ${file}.');
    assert.equal(prompt.name, 'write-tests');
    assert.equal(prompt.description, undefined);
    assert.equal(prompt.model, undefined);
    assert.equal(prompt.bodyLine, 1);
    const unclosed = parsed('.github/prompts/x.prompt.md', '---\nmodel: gpt\nNo closing fence, so all of this is the body.');
    assert.equal(unclosed.model, undefined);
    assert.ok(unclosed.body.startsWith('---\nmodel: gpt'));
  });

  it('lets front matter name the command, as VS Code does', () => {
    assert.equal(parsed('.tandem/prompts/a.prompt.md', '---\nname: Security Review\n---\nbody').name, 'security-review');
    const invalid = parsePromptFile('.tandem/prompts/a.prompt.md', '---\nname: "!!!"\n---\nbody');
    assert.ok(!isPromptFile(invalid) && invalid.reason === 'invalidName');
  });

  it('maps models to Gemini or GPT and warns about what it cannot honour', () => {
    const gpt = parsed('.tandem/prompts/a.prompt.md', '---\nmodel: GPT-5.3 Chat\nthinking: Low\nmode: edit\n---\nbody');
    assert.deepEqual([gpt.model, gpt.thinkingLevel, gpt.mode, gpt.warnings], ['gpt', 'low', 'edit', []]);
    assert.equal(parsed('a/.tandem/prompts/b.prompt.md', '---\nmodel: gpt-5.3-chat-latest\n---\nb').model, 'gpt');
    const other = parsed('.tandem/prompts/a.prompt.md', "---\nmodel: 'Claude Sonnet 4.5'\nthinkingLevel: extreme\nagent: agent\n---\nbody");
    assert.equal(other.model, undefined);
    assert.equal(other.thinkingLevel, undefined);
    assert.equal(other.mode, undefined);
    assert.equal(other.warnings.length, 3);
    assert.match(other.warnings[0], /Claude Sonnet 4\.5.*chat’s model is used/);
    assert.match(other.warnings[2], /runs as ask/);
  });

  it('derives /name from the file name', () => {
    assert.equal(commandNameOf('.tandem/prompts/review.prompt.md'), 'review');
    assert.equal(commandNameOf('.github/prompts/Create_React-Form.PROMPT.md'), 'create-react-form');
    assert.equal(commandNameOf('x/fix  it  now.prompt.md'), 'fix-it-now');
    assert.equal(commandNameOf('x/v1.2.prompt.md'), 'v1.2');
    assert.equal(commandNameOf('x/—.prompt.md'), undefined);
    assert.equal(commandNameOf('/review'), 'review');
  });

  it('finds prompt files only directly in the two prompt folders, Tandem’s first', () => {
    const paths = [
      '.tandem/prompts/review.prompt.md',
      '.github/prompts/review.prompt.md',
      '.github/prompts/nested/x.prompt.md',
      '.tandem/prompts/notes.md',
      'docs/.tandem/prompts/y.prompt.md',
      '.\\.github\\prompts\\win.prompt.md',
    ];
    assert.deepEqual(findPromptFiles(paths), ['.github/prompts/review.prompt.md', '.github/prompts/win.prompt.md', '.tandem/prompts/review.prompt.md']);
    assert.equal(promptFolderRank('.tandem/prompts/a.prompt.md'), 0);
    assert.equal(promptFolderRank('.github/prompts/a.prompt.md'), 1);
    assert.equal(promptFolderRank('web/.github/prompts/a.prompt.md', ['web', 'api']), 1);
    assert.deepEqual(PROMPT_FILE_GLOBS, ['.tandem/prompts/*.prompt.md', '.github/prompts/*.prompt.md']);
  });

  it('loads through the exclusion rules, and not at all in an untrusted workspace', async () => {
    const files: Record<string, string> = {
      '.tandem/prompts/review.prompt.md': REVIEW,
      '.tandem/prompts/private.prompt.md': 'secret plans',
      '.github/prompts/doc.prompt.md': 'Document ${file}',
    };
    const reads: string[] = [];
    const read = async (p: string) => {
      reads.push(p);
      return files[p];
    };
    const excluder = new Excluder({ tandemignores: [{ dir: '', contents: 'private.prompt.md\n' }] });
    const loaded = await loadPromptFiles([...Object.keys(files), '.github/prompts/gone.prompt.md'], read, { exclude: (p, f) => excluder.check(p, f) });
    assert.deepEqual(loaded.prompts.map((p) => [p.name, p.folderRank]), [['doc', 1], ['review', 0]]);
    assert.deepEqual(loaded.skipped.map((s) => [s.path, s.reason]), [
      ['.github/prompts/gone.prompt.md', 'unreadable'],
      ['.tandem/prompts/private.prompt.md', 'excluded'],
    ]);
    assert.ok(!reads.includes('.tandem/prompts/private.prompt.md'));
    reads.length = 0;
    const untrusted = await loadPromptFiles(Object.keys(files), read, { trusted: false });
    assert.equal(untrusted.prompts.length, 0);
    assert.deepEqual(reads, []);
    assert.ok(untrusted.skipped.every((s) => s.reason === 'untrustedWorkspace'));
  });
});
