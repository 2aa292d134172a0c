// docs/architecture.md against the tree: every room it should name is named, each host feature folder pairs with
// the core folder of the same name and registers through activate().
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
const folders = (dir: string) => readdirSync(join(root, 'src', dir), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
const extension = readFileSync(join(root, 'src', 'extension.ts'), 'utf8');

describe('architecture: docs/architecture.md matches the code', () => {
  it('names every core and host folder', () => {
    for (const layer of ['core', 'host'] as const) {
      for (const folder of folders(layer)) assert.ok(doc.includes(`${layer}/${folder}/`), `docs/architecture.md names ${layer}/${folder}/`);
    }
  });

  it('each host feature folder pairs with the core folder of its name', () => {
    const core = new Set(folders('core'));
    for (const folder of folders('host')) assert.ok(core.has(folder), `src/host/${folder}/ has src/core/${folder}/`);
  });

  it('activate() lists every host feature: each folder exports activateX from its index.ts, and extension.ts calls it', () => {
    for (const folder of folders('host')) {
      const index = join(root, 'src', 'host', folder, 'index.ts');
      assert.ok(existsSync(index), `src/host/${folder}/index.ts`);
      const name = /export function (activate[A-Z]\w*)\(/.exec(readFileSync(index, 'utf8'))?.[1];
      assert.ok(name, `src/host/${folder}/index.ts exports an activateX function`);
      assert.match(extension, new RegExp(`\\b${name}\\(services\\)`), `extension.ts calls ${name}(services)`);
    }
  });
});
