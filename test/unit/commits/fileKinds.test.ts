import { strict as assert } from 'node:assert';
import type { FileDiff } from '../../../src/core/commits/diffParse';
import { classifyDiffFile, isGeneratedFile, isLockFile } from '../../../src/core/commits/fileKinds';

function file(path: string, extra: Partial<FileDiff> = {}): FileDiff {
  return { path, change: 'modified', binary: false, added: 1, removed: 0, hunks: [], ...extra };
}

describe('commit diff file kinds', () => {
  it('knows the lock files of the common package managers, in any folder', () => {
    const locks = ['package-lock.json', 'web/yarn.lock', 'pnpm-lock.yaml', 'Cargo.lock', 'poetry.lock', 'Gemfile.lock', 'go.sum', 'composer.lock', 'bun.lockb', 'uv.lock', 'Pipfile.lock', 'ios/Podfile.lock', 'flake.lock', 'mix.lock', 'pubspec.lock', '.terraform.lock.hcl', 'deps/custom.lock'];
    for (const path of locks) {
      assert.ok(isLockFile(path), path);
      assert.equal(classifyDiffFile(file(path)), 'lock', path);
    }
    for (const path of ['src/lock.ts', 'package.json', 'Cargo.toml', 'go.mod', 'docs/locking.md']) assert.ok(!isLockFile(path), path);
  });

  it('knows build output, bundles, maps, snapshots, vendored and generated code', () => {
    const generated = ['dist/extension.js', 'packages/web/build/index.html', 'public/app.min.js', 'styles/site.min.css', 'out/main.js.map', 'src/__snapshots__/cart.test.ts.snap', 'test/ui.snap', 'vendor/github.com/x/y.go', 'third_party/zlib/zlib.h', 'api/user.pb.go', 'proto/user_pb2.py', 'lib/model.g.dart', 'Forms/Main.designer.cs', 'src/schema.generated.ts', 'src/__generated__/graphql.ts'];
    for (const path of generated) {
      assert.ok(isGeneratedFile(path), path);
      assert.equal(classifyDiffFile(file(path)), 'generated', path);
    }
    for (const path of ['src/build.ts', 'scripts/distribute.sh', 'src/vendors.ts', 'src/map.ts', 'README.md']) assert.equal(classifyDiffFile(file(path)), 'source', path);
  });

  it('takes more generated paths from the host (e.g. linguist-generated in .gitattributes)', () => {
    assert.equal(classifyDiffFile(file('src/parser.ts'), { isGenerated: (p) => p === 'src/parser.ts' }), 'generated');
  });

  it('uses the context secret-file rules, on both paths of a rename', () => {
    assert.equal(classifyDiffFile(file('.env')), 'secret');
    assert.equal(classifyDiffFile(file('deploy/server.pem', { binary: true })), 'secret');
    assert.equal(classifyDiffFile(file('config/app.env.example', { oldPath: 'config/.env', change: 'renamed' })), 'secret');
    assert.equal(classifyDiffFile(file('src/secrets.ts')), 'source');
  });

  it("lets the user's exclusion rules win over every other kind, on both paths", () => {
    const isExcluded = (p: string): boolean => p.startsWith('clients/');
    assert.equal(classifyDiffFile(file('clients/acme/.env'), { isExcluded }), 'excluded');
    assert.equal(classifyDiffFile(file('src/acme.ts', { oldPath: 'clients/acme.ts', change: 'renamed' }), { isExcluded }), 'excluded');
    assert.equal(classifyDiffFile(file('src/app.ts'), { isExcluded }), 'source');
  });

  it('calls a binary file binary before asking whether it is a lock or generated file', () => {
    assert.equal(classifyDiffFile(file('bun.lockb', { binary: true })), 'binary');
    assert.equal(classifyDiffFile(file('media/logo.png', { binary: true })), 'binary');
  });
});
