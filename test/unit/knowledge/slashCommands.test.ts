import { strict as assert } from 'node:assert';
import {
  BUILTIN_SLASH_COMMANDS,
  buildSlashCommands,
  completeSlashCommand,
  findSlashCommand,
  inputsFromArguments,
  parseSlashInvocation,
} from '../../../src/core/knowledge/slashCommands';
import { isPromptFile, parsePromptFile, type PromptFile } from '../../../src/core/knowledge/promptFiles';

function prompt(path: string, text = 'Do it.', rank = path.startsWith('.tandem/') ? 0 : 1): PromptFile {
  const parsed = parsePromptFile(path, text, rank);
  assert.ok(isPromptFile(parsed));
  return parsed;
}

const names = (list: readonly { name: string }[]) => list.map((c) => c.name);

describe('slash commands', () => {
  it('has the built-ins /explain, /fix, /tests, /doc, each running an editor command', () => {
    assert.deepEqual(
      BUILTIN_SLASH_COMMANDS.map((c) => [c.name, c.action]),
      [
        ['explain', 'explain'],
        ['fix', 'fix'],
        ['tests', 'tests'],
        ['doc', 'docs'],
      ],
    );
  });

  it('merges prompt files with the built-ins, sorted by name', () => {
    const set = buildSlashCommands([prompt('.tandem/prompts/review.prompt.md', '---\ndescription: Review it\n---\nReview.'), prompt('.github/prompts/commit-message.prompt.md')]);
    assert.deepEqual(names(set.commands), ['commit-message', 'doc', 'explain', 'fix', 'review', 'tests']);
    assert.equal(findSlashCommand(set.commands, 'REVIEW')?.description, 'Review it');
    assert.equal(findSlashCommand(set.commands, 'commit-message')?.description, 'Prompt from .github/prompts/commit-message.prompt.md');
    assert.deepEqual(set.notices, []);
  });

  it('a prompt file may replace a built-in, but says so', () => {
    const set = buildSlashCommands([prompt('.tandem/prompts/tests.prompt.md', 'Use vitest.')]);
    const tests = findSlashCommand(set.commands, 'tests')!;
    assert.equal(tests.source, 'promptFile');
    assert.equal(tests.source === 'promptFile' && tests.replacesBuiltin, 'tests');
    assert.deepEqual(set.notices.map((n) => [n.name, n.kind, n.path]), [['tests', 'replacesBuiltin', '.tandem/prompts/tests.prompt.md']]);
    assert.match(set.notices[0].message, /replaces the built-in \/tests/);
    assert.equal(set.commands.filter((c) => c.name === 'tests').length, 1);
  });

  it('.tandem/prompts hides .github/prompts for the same name, and says so', () => {
    const set = buildSlashCommands([prompt('.github/prompts/review.prompt.md', 'Copilot review'), prompt('.tandem/prompts/Review.prompt.md', 'Tandem review')]);
    const review = findSlashCommand(set.commands, 'review')!;
    assert.ok(review.source === 'promptFile' && review.prompt.path === '.tandem/prompts/Review.prompt.md');
    assert.deepEqual(set.notices.map((n) => [n.kind, n.path]), [['hiddenByOtherFile', '.github/prompts/review.prompt.md']]);
    assert.match(set.notices[0].message, /hidden by \.tandem\/prompts\/Review\.prompt\.md/);
  });

  it('completes a typed /prefix: prefix matches first, then those containing it', () => {
    const { commands } = buildSlashCommands([prompt('.tandem/prompts/review.prompt.md'), prompt('.tandem/prompts/prefix-test.prompt.md'), prompt('.tandem/prompts/explain-like-five.prompt.md')]);
    assert.deepEqual(names(completeSlashCommand(commands, '/')), names(commands));
    assert.deepEqual(names(completeSlashCommand(commands, '/ex')), ['explain', 'explain-like-five']);
    assert.deepEqual(names(completeSlashCommand(commands, '/Te')), ['tests', 'prefix-test']);
    assert.deepEqual(names(completeSlashCommand(commands, '  /re')), ['review', 'prefix-test']);
    assert.deepEqual(completeSlashCommand(commands, '/review now'), [], 'a command followed by text is chosen already');
    assert.deepEqual(completeSlashCommand(commands, 'ex'), []);
    assert.deepEqual(completeSlashCommand(commands, '/zzz'), []);
    assert.deepEqual(completeSlashCommand(commands, 'path/to'), []);
  });

  it('parses an invocation, with VS Code’s optional colon', () => {
    assert.deepEqual(parseSlashInvocation('/review'), { name: 'review', args: '' });
    assert.deepEqual(parseSlashInvocation('/Review: focus on errors\nand perf '), { name: 'review', args: 'focus on errors\nand perf' });
    assert.deepEqual(parseSlashInvocation('  /fix   the loop'), { name: 'fix', args: 'the loop' });
    assert.equal(parseSlashInvocation('what does /fix do?'), undefined);
    assert.equal(parseSlashInvocation('/'), undefined);
    assert.equal(parseSlashInvocation('/usr/bin is a path'), undefined);
  });

  it('fills inputs from name=value arguments, or the whole text for a single input', () => {
    const inputs = [{ name: 'formName' }, { name: 'fields', hint: 'comma-separated' }];
    assert.deepEqual(inputsFromArguments(inputs, 'formName=Login fields="email, password" and make it pretty'), {
      values: { formName: 'Login', fields: 'email, password' },
      rest: 'and make it pretty',
    });
    assert.deepEqual(inputsFromArguments([{ name: 'topic' }], 'error handling in the cart'), { values: { topic: 'error handling in the cart' }, rest: '' });
    assert.deepEqual(inputsFromArguments(inputs, 'just words'), { values: {}, rest: 'just words' }, 'two inputs: words fill neither');
    assert.deepEqual(inputsFromArguments([], 'unknown=1 text'), { values: {}, rest: 'unknown=1 text' });
    assert.deepEqual(inputsFromArguments([{ name: 'a' }], "a='x y'"), { values: { a: 'x y' }, rest: '' });
  });
});
