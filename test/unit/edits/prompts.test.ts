import * as assert from 'node:assert/strict';
import { buildChatPrompt, buildEditPrompt, testFileFor } from '../../../src/core/edits/prompts';
import { sensitivePathReason } from '../../../src/core/edits/sensitive';
import { editFromCommandAnswer } from '../../../src/core/edits/answerEdits';

const FILE = 'export function total(items) {\n  let sum = 0;\n  for (const i of items) sum += i.price;\n  return sum;\n}\n';

describe('editor command prompts', () => {
  it('asks for the selection replacement in one block and names the exact lines', () => {
    const prompt = buildEditPrompt('fix', { path: 'src/cart.ts', languageId: 'typescript', selection: { startLine: 2, endLine: 2 }, selectedText: '  for (const i of items) sum += i.price;', fileText: FILE });
    assert.match(prompt, /lines 3-3 are selected/);
    assert.match(prompt, /ONE fenced code block/);
    assert.match(prompt, /3: {3}for \(const i of items\)/);
  });

  it('asks for SEARCH/REPLACE blocks without a selection, and those answers apply through the engine', () => {
    const prompt = buildEditPrompt('fix', { path: 'src/cart.ts', languageId: 'typescript', fileText: FILE }, { diagnostics: [{ line: 2, message: 'price * quantity', source: 'lint' }] });
    assert.match(prompt, /<<<<<<< SEARCH/);
    assert.match(prompt, /line 3: price \* quantity \(lint\)/);
    const answer = 'Fixed:\n<<<<<<< SEARCH\n  for (const i of items) sum += i.price;\n=======\n  for (const i of items) sum += i.price * i.quantity;\n>>>>>>> REPLACE\n';
    const result = editFromCommandAnswer(answer, { text: FILE, path: 'src/cart.ts' });
    assert.ok(result.ok);
    assert.equal(result.newText, FILE.replace('sum += i.price;', 'sum += i.price * i.quantity;'));
  });

  it('uses a fence longer than any backtick run in the code', () => {
    const code = 'const md = "```js\\nx\\n```";';
    const { context } = buildChatPrompt('explain', { path: 'a.ts', languageId: 'typescript', selectedText: code, selection: { startLine: 0, endLine: 0 }, fileText: code });
    assert.match(context, /^Selected code: a\.ts:1-1\n````typescript\n/);
  });

  it('suggests conventional test file names', () => {
    assert.equal(testFileFor('src/cart.ts'), 'src/cart.test.ts');
    assert.equal(testFileFor('pkg/app.py'), 'pkg/test_app.py');
    assert.equal(testFileFor('svc/handler.go'), 'svc/handler_test.go');
    assert.equal(testFileFor('Main.java'), 'MainTest.java');
  });

  it('flags sensitive paths and leaves ordinary ones alone', () => {
    assert.ok(sensitivePathReason('.git/config'));
    assert.ok(sensitivePathReason('.vscode/tasks.json'));
    assert.ok(sensitivePathReason('.github/workflows/ci.yml'));
    assert.equal(sensitivePathReason('src/cart.ts'), undefined);
    assert.equal(sensitivePathReason('.vscode/README.md'), undefined);
  });
});
