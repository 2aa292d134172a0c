import { strict as assert } from 'node:assert';
import { type EditProposal, type EditResult, computeEdit } from '../../../src/core/edits/engine';
import { applyHunks } from '../../../src/core/edits/hunks';

function applied(result: EditResult): string {
  if (!result.ok) assert.fail(`refused: ${result.reason}`);
  return result.newText;
}

function refusal(result: EditResult): string {
  assert.equal(result.ok, false, 'expected a refusal');
  return result.ok ? '' : result.reason;
}

const doc = 'function a() {\n  return 1;\n}\n\nfunction b() {\n  return 2;\n}\n';

describe('edit engine', () => {
  it('returns hunks that rebuild the new text, and an empty list when nothing changes', () => {
    const result = computeEdit(doc, { mode: 'snippet', text: 'function b() {\n  return 3;\n}' });
    assert.ok(result.ok);
    if (result.ok) {
      assert.equal(result.hunks.length, 1);
      assert.equal(applyHunks(doc, result.hunks, [0]), result.newText);
    }
    const same = computeEdit(doc, { mode: 'file', text: doc });
    assert.ok(same.ok && same.newText === doc && same.hunks.length === 0);
  });

  describe('selection', () => {
    it('replaces exactly the selected lines', () => {
      const result = computeEdit(doc, { mode: 'selection', text: '  return 10;\n', selection: { startLine: 1, endLine: 1 } });
      assert.equal(applied(result), doc.replace('return 1;', 'return 10;'));
    });

    it('refuses a selection outside the document', () => {
      const proposal: EditProposal = { mode: 'selection', text: 'x', selection: { startLine: 5, endLine: 40 } };
      assert.match(refusal(computeEdit(doc, proposal)), /outside the document/);
    });

    it('may delete the selection with an empty answer', () => {
      const result = computeEdit(doc, { mode: 'selection', text: '', selection: { startLine: 3, endLine: 6 } });
      assert.equal(applied(result), 'function a() {\n  return 1;\n}\n');
    });
  });

  describe('whole file', () => {
    it('refuses an empty proposal rather than emptying the file', () => {
      assert.match(refusal(computeEdit(doc, { mode: 'file', text: '\n' })), /empty/);
    });

    it('uses the editor indentation for a document that shows none', () => {
      const result = computeEdit('', { mode: 'file', text: 'if (x) {\n    y();\n}\n' }, { indent: { useTabs: true, unit: 4 } });
      assert.equal(applied(result), 'if (x) {\n\ty();\n}\n');
    });

    it('uses the default line ending for a document without one', () => {
      const result = computeEdit('', { mode: 'file', text: 'a\nb\n' }, { defaultEol: '\r\n' });
      assert.equal(applied(result), 'a\r\nb\r\n');
    });

    it('keeps a line that merely looks like an elision when the file has it', () => {
      const file = 'x = 1\n# ...\ny = 2\n';
      const result = computeEdit(file, { mode: 'file', text: 'x = 1\n# ...\ny = 3\n' });
      assert.equal(applied(result), 'x = 1\n# ...\ny = 3\n');
    });
  });

  describe('snippet', () => {
    it('puts new code into an empty document', () => {
      assert.equal(applied(computeEdit('', { mode: 'snippet', text: 'print(1)' })), 'print(1)\n');
    });

    it('refuses elisions into an empty document', () => {
      assert.match(refusal(computeEdit('', { mode: 'snippet', text: '// ... existing code ...\nx();' })), /empty/);
    });

    it('refuses a snippet that matches two places equally', () => {
      const twice = 'if (a) {\n  go();\n}\nif (b) {\n  go();\n}\n';
      assert.match(refusal(computeEdit(twice, { mode: 'snippet', text: '  go();\n  stop();' })), /ambiguous.*lines 2, 5/);
    });

    it('lets a later stretch tell apart two places for the first one', () => {
      const twice = 'if (a) {\n  proceed();\n}\nafterA();\nif (b) {\n  proceed();\n}\n';
      const snippet = '  proceed();\n  halt();\n// ... existing code ...\nafterA();';
      assert.equal(applied(computeEdit(twice, { mode: 'snippet', text: snippet })), 'if (a) {\n  proceed();\n  halt();\n}\nafterA();\nif (b) {\n  proceed();\n}\n');
    });

    it('refuses code it cannot place between two elisions', () => {
      assert.match(refusal(computeEdit(doc, { mode: 'snippet', text: '// ...\nunrelated(42);\n// ...' })), /Could not find where/);
    });

    it('prepends new code followed by an elision', () => {
      const result = computeEdit(doc, { mode: 'snippet', text: "'use strict';\n\n// ... existing code ..." });
      assert.equal(applied(result), `'use strict';\n\n${doc}`);
    });
  });

  describe('search/replace', () => {
    it('applies blocks found in the original, in any order of the blocks', () => {
      const result = computeEdit(doc, {
        mode: 'searchReplace',
        blocks: [
          { search: ['  return 2;'], replace: ['  return 20;'] },
          { search: ['  return 1;'], replace: ['  return 10;'] },
        ],
      });
      assert.equal(applied(result), doc.replace('return 1;', 'return 10;').replace('return 2;', 'return 20;'));
    });

    it('matches despite different inner whitespace', () => {
      const result = computeEdit(doc, { mode: 'searchReplace', blocks: [{ search: ['return   2;'], replace: ['return 2 + 0;'] }] });
      assert.equal(applied(result), doc.replace('return 2;', 'return 2 + 0;'));
    });

    it('ignores blank padding around a SEARCH block', () => {
      const result = computeEdit(doc, { mode: 'searchReplace', blocks: [{ search: ['', 'function b() {', ''], replace: ['', 'function b(x) {', ''] }] });
      assert.equal(applied(result), doc.replace('function b()', 'function b(x)'));
    });

    it('fills an empty document from an empty SEARCH', () => {
      assert.equal(applied(computeEdit('', { mode: 'searchReplace', blocks: [{ search: [], replace: ['hello'] }] })), 'hello\n');
    });

    it('refuses an empty SEARCH in a non-empty document, and no blocks at all', () => {
      assert.match(refusal(computeEdit(doc, { mode: 'searchReplace', blocks: [{ search: [''], replace: ['x'] }] })), /empty/);
      assert.match(refusal(computeEdit(doc, { mode: 'searchReplace', blocks: [] })), /no SEARCH/);
    });
  });
});
