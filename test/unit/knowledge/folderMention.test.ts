import { strict as assert } from 'node:assert';
import { packFolder } from '../../../src/core/context/folderPack';
import { describePackCost, parseFolderMention, renderFolderPack, type PackedText } from '../../../src/core/knowledge/folderMention';

const count = (text: string) => Math.ceil(text.length / 4);

describe('knowledge: @folder and @workspace mentions', () => {
  it('finds @folder with a path, a quoted path, ./ and a trailing slash; @workspace is the whole workspace', () => {
    assert.deepEqual(parseFolderMention('@folder src what does this do?'), { folder: 'src', label: '@folder src' });
    assert.deepEqual(parseFolderMention('explain @folder ./src/lib/ please'), { folder: 'src/lib', label: '@folder ./src/lib/' });
    assert.deepEqual(parseFolderMention('@folder "my docs" summary'), { folder: 'my docs', label: '@folder my docs' });
    assert.deepEqual(parseFolderMention('@workspace where is auth handled?'), { folder: '', label: '@workspace' });
    assert.deepEqual(parseFolderMention('@folder . overview'), { folder: '', label: '@folder .' });
  });

  it('ignores words that only look like mentions', () => {
    assert.equal(parseFolderMention('mail me@folder.com'), undefined);
    assert.equal(parseFolderMention('@folders are nice'), undefined);
    assert.equal(parseFolderMention('@workspaces'), undefined);
    assert.equal(parseFolderMention('no mention here'), undefined);
  });

  it('renders the included files in the pack order, fenced, with what was left out in the header', () => {
    const files = [
      { path: 'src/a.ts', text: 'export const a = 1; // A_MARK' },
      { path: 'src/b.ts', text: 'x'.repeat(4000) },
      { path: 'src/.env', text: 'SECRET=1' },
    ];
    const pack = packFolder(files.map((f) => ({ path: f.path, sizeBytes: f.text.length, text: f.text, languageId: 'typescript' })), { budget: 200, count, inputPricePerMillion: 0.25 });
    const texts = new Map<string, PackedText>(files.map((f) => [f.path, { path: f.path, languageId: 'typescript', text: f.text }]));
    const block = renderFolderPack({ folder: 'src', label: '@folder src' }, pack, texts);
    assert.match(block, /^@folder src: 1 file; 2 files left out: /);
    assert.match(block, /did not fit the budget/);
    assert.match(block, /look like secrets/);
    assert.ok(block.includes('```typescript\nexport const a = 1; // A_MARK\n```'), block);
    assert.ok(!block.includes('SECRET=1'));
    assert.ok(!block.includes('xxxx'));
    assert.match(describePackCost(pack, String, (n) => `$${n.toFixed(6)}`), /^\d+ tokens \(~\$0\.0000\d+\)$/);
  });
});
