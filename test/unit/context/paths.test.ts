import { strict as assert } from 'node:assert';
import { fileNameOf, folderOf, workspacePath } from '../../../src/core/context/paths';

describe('workspace paths', () => {
  it('normalizes separators and leading ./ or /', () => {
    assert.equal(workspacePath('.\\src\\a.ts'), 'src/a.ts');
    assert.equal(workspacePath('/src/a.ts'), 'src/a.ts');
    assert.equal(workspacePath('src/a.ts'), 'src/a.ts');
  });

  it('splits a path into its folder and its name, trailing slashes ignored', () => {
    assert.equal(folderOf('src/core/a.ts'), 'src/core');
    assert.equal(folderOf('a.ts'), '');
    assert.equal(folderOf('src\\core\\'), 'src');
    assert.equal(fileNameOf('src/core/a.ts'), 'a.ts');
    assert.equal(fileNameOf('/home/ada/shop/'), 'shop');
    assert.equal(fileNameOf('C:\\work\\shop'), 'shop');
    assert.equal(fileNameOf('a.ts'), 'a.ts');
  });
});
