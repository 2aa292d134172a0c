import { strict as assert } from 'node:assert';
import type { ItemInput } from '../../../src/core/context/items';
import { countTokens } from '../../../src/core/context/tokens';
import {
  assembleContext,
  chipIdOf,
  dedupeInputs,
  hideKeyOf,
  REDACTED_NOTE,
  selectionLines,
  type AssembleOptions,
  type Gathered,
} from '../../../src/core/context/assemble';
import { languageOfPath } from '../../../src/core/context/languages';
import { parseFromWebview } from '../../../src/shared/webviewMessages';
import { linesOf, sourceFile } from './helpers';

const CART = sourceFile(40, 'cart');
const UTIL = sourceFile(20, 'util');

function options(overrides: Partial<AssembleOptions> = {}): AssembleOptions {
  return { family: 'gpt', budget: 100_000, hidden: new Set(), count: (text) => countTokens(text, 'gpt'), ...overrides };
}

function editorState(): Gathered {
  const inputs: ItemInput[] = [
    { kind: 'selection', path: 'src/cart.ts', languageId: 'typescript', text: linesOf(CART, 3, 5), range: { start: 3, end: 5 }, focus: { start: 3, end: 5 } },
    { kind: 'activeFile', path: 'src/cart.ts', languageId: 'typescript', text: CART, focus: { start: 3, end: 5 } },
    { kind: 'openEditor', path: 'src/util.ts', languageId: 'typescript', text: UTIL, order: 1 },
  ];
  return { inputs, excluded: [{ path: '.env', reason: 'secret', message: '.env looks like a secret file (keys, credentials, .env): never sent.' }] };
}

describe('context assembly (host, pure)', () => {
  it('maps editor positions to 1-based lines; a selection ending at column 0 stops on the line before', () => {
    assert.deepEqual(selectionLines(0, 3, 0), { start: 1, end: 3 });
    assert.deepEqual(selectionLines(0, 3, 2), { start: 1, end: 4 });
    assert.deepEqual(selectionLines(4, 4, 0), { start: 5, end: 5 });
    assert.deepEqual(selectionLines(4, 4, 7), { start: 5, end: 5 });
  });

  it('gives chips protocol-valid ids, stable per file and distinct per selection', () => {
    const ids = [chipIdOf('path:src/deeply/nested/folder/with a space/and.dots.ts'), chipIdOf('selection:src/a.ts:1-3'), chipIdOf('problems')];
    for (const id of ids) assert.deepEqual(parseFromWebview({ type: 'removeContext', chipId: id }).ok, true, id);
    assert.equal(chipIdOf('path:src/a.ts'), chipIdOf('path:src/a.ts'));
    assert.notEqual(chipIdOf('selection:src/a.ts:1-3'), chipIdOf('selection:src/a.ts:1-4'));
    assert.equal(hideKeyOf('activeFile', 'src/a.ts', 'activeFile:src/a.ts'), hideKeyOf('openEditor', 'src/a.ts', 'openEditor:src/a.ts'));
    assert.equal(hideKeyOf('selection', 'src/a.ts', 'selection:src/a.ts:1-3'), 'selection:src/a.ts:1-3');
  });

  it('keeps one input per file: active file over added file over open editor; selections always', () => {
    const inputs: ItemInput[] = [
      { kind: 'openEditor', path: 'a.ts', languageId: 'typescript', text: 'a' },
      { kind: 'file', path: 'a.ts', languageId: 'typescript', text: 'a' },
      { kind: 'selection', path: 'b.ts', languageId: 'typescript', text: 'b', range: { start: 1, end: 1 } },
      { kind: 'activeFile', path: 'b.ts', languageId: 'typescript', text: 'b' },
      { kind: 'openEditor', path: 'b.ts', languageId: 'typescript', text: 'b' },
    ];
    assert.deepEqual(
      dedupeInputs(inputs).map((i) => `${i.kind}:${i.path}`),
      ['file:a.ts', 'selection:b.ts', 'activeFile:b.ts'],
    );
  });

  it('shows a chip per item with its token count, and excluded files as excluded chips that cost nothing', () => {
    const result = assembleContext(editorState(), options());
    assert.deepEqual(
      result.chips.map((c) => [c.label, c.status]),
      [
        ['cart.ts:3-5', 'included'],
        ['cart.ts', 'included'],
        ['util.ts', 'included'],
        ['.env', 'excluded'],
      ],
    );
    assert.equal(result.chips[0].tokens, countTokens(linesOf(CART, 3, 5), 'gpt'));
    assert.equal(result.chips[3].tokens, 0);
    assert.match(result.chips[3].note ?? '', /secret/);
    assert.ok(result.rendered?.startsWith('Selected code: src/cart.ts:3-5\n```typescript\n'));
    assert.ok(result.rendered?.includes('Open file: src/util.ts'));
    assert.ok(!result.rendered?.includes('.env'));
  });

  it('leaves a removed chip out of the rendered context; removing a file hides it in every role', () => {
    const first = assembleContext(editorState(), options());
    const util = first.chips.find((c) => c.label === 'util.ts')!;
    const hidden = new Set([first.targets.get(util.id)!.hideKey]);
    const second = assembleContext(editorState(), options({ hidden }));
    assert.ok(!second.chips.some((c) => c.label === 'util.ts'));
    assert.ok(!second.rendered?.includes('util.ts'));
    assert.ok(!second.rendered?.includes(UTIL.split('\n')[0]));
    // The same file as the active one later is still hidden.
    const asActive: Gathered = { inputs: [{ kind: 'activeFile', path: 'src/util.ts', languageId: 'typescript', text: UTIL }], excluded: [] };
    assert.equal(assembleContext(asActive, options({ hidden })).rendered, undefined);
  });

  it('plans within the budget and says on the chip what was dropped', () => {
    const tight = countTokens(CART, 'gpt') + countTokens(linesOf(CART, 3, 5), 'gpt') + 60;
    const result = assembleContext(editorState(), options({ budget: tight }));
    assert.ok(result.plan.totalTokens <= tight);
    const util = result.chips.find((c) => c.label === 'util.ts')!;
    assert.equal(util.status, 'dropped');
    assert.match(util.note ?? '', /farthest/);
    assert.ok(!result.rendered?.includes('src/util.ts'));
  });

  it('redacts secrets in what is sent and notes it on the chip', () => {
    const key = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD';
    const gathered: Gathered = {
      inputs: [{ kind: 'activeFile', path: 'src/client.ts', languageId: 'typescript', text: `const client = new OpenAI({ apiKey: '${key}' });\n` }],
      excluded: [],
    };
    const result = assembleContext(gathered, options());
    assert.ok(!result.rendered?.includes(key));
    assert.equal(result.chips[0].note, REDACTED_NOTE);
  });

  it('adds problems as one chip, and renders nothing when everything is removed', () => {
    const gathered: Gathered = {
      inputs: [],
      excluded: [],
      problems: [
        { path: 'src/a.ts', line: 3, severity: 'warning', message: 'unused' },
        { path: 'src/b.ts', line: 9, severity: 'error', message: 'type mismatch' },
      ],
    };
    const result = assembleContext(gathered, options());
    assert.deepEqual(result.chips.map((c) => c.label), ['2 problems']);
    assert.ok(result.rendered?.startsWith('Problems:\n- src/b.ts:9 error: type mismatch'));
    assert.equal(assembleContext(gathered, options({ hidden: new Set(['problems']) })).rendered, undefined);
  });

  it('guesses languages of files read from disk', () => {
    assert.equal(languageOfPath('src/a.ts'), 'typescript');
    assert.equal(languageOfPath('web/App.TSX'), 'typescriptreact');
    assert.equal(languageOfPath('Dockerfile'), 'dockerfile');
    assert.equal(languageOfPath('notes'), 'plaintext');
    assert.equal(languageOfPath('.bashrc'), 'plaintext');
  });
});
