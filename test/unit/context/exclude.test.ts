import { strict as assert } from 'node:assert';
import { Excluder, isSecretPath, looksBinary, settingsExcludeGlob, shouldExclude, type ExcludeResult } from '../../../src/core/context/exclude';

function reasonOf(result: ExcludeResult): string | undefined {
  return result.excluded ? result.reason : undefined;
}

describe('context exclusion', () => {
  it('never reads secret files, whatever the folder or case, and says why', () => {
    const secrets = [
      '.env',
      '.env.local',
      'app/.env.production',
      'certs/server.pem',
      'tls/private.key',
      'home/.ssh/id_rsa',
      'id_rsa.pub',
      'keys/id_ed25519',
      'store/cert.p12',
      'store/cert.pfx',
      '.npmrc',
      'pkg/.pypirc',
      '.netrc',
      'config/credentials.json',
      'credentials-prod.json',
      'android/release.keystore',
      'config/secrets.yaml',
      'secrets.json',
      'deploy/.aws/credentials',
      'infra/prod.tfvars',
      'CONFIG/.ENV',
    ];
    for (const path of secrets) {
      const result = shouldExclude(path);
      assert.equal(reasonOf(result), 'secret', path);
      assert.ok(result.excluded && result.message.includes(path), path);
      assert.ok(isSecretPath(path), path);
    }
  });

  it('keeps ordinary source files, including code about secrets', () => {
    for (const path of ['src/cart.ts', 'src/host/secrets.ts', 'README.md', 'env.ts', 'src/keyboard.ts', 'docs/env.md']) {
      assert.deepEqual(shouldExclude(path), { excluded: false }, path);
    }
  });

  it('checks secret names before size or content, so a secret file is never sampled', () => {
    const result = shouldExclude('.env', { sizeBytes: 10, sample: 'A=1' });
    assert.equal(reasonOf(result), 'secret');
  });

  it('follows .gitignore rules, including nested files and negations, naming the rule', () => {
    const excluder = new Excluder({
      gitignores: [
        { dir: '', contents: '# build output\ndist/\n*.log\n!important.log\n' },
        { dir: 'packages/web', contents: 'generated/\n!keep.log\n' },
      ],
    });
    const dist = excluder.check('dist/extension.js');
    assert.equal(reasonOf(dist), 'gitignored');
    assert.ok(dist.excluded && dist.message.includes('dist/'));
    assert.equal(reasonOf(excluder.check('logs/debug.log')), 'gitignored');
    assert.equal(reasonOf(excluder.check('important.log')), undefined);
    assert.equal(reasonOf(excluder.check('packages/web/generated/api.ts')), 'gitignored');
    assert.equal(reasonOf(excluder.check('packages/web/keep.log')), undefined);
    assert.equal(reasonOf(excluder.check('packages/other/generated/api.ts')), undefined);
    assert.equal(reasonOf(excluder.check('src/index.ts')), undefined);
    assert.equal(reasonOf(excluder.check('.\\dist\\a.js')), 'gitignored', 'Windows separators and ./ are normalized');
  });

  it('applies the user’s tandem.context.exclude globs', () => {
    const excluder = new Excluder({ userGlobs: ['**/fixtures/**', '*.snap', 'docs/private/*.md'] });
    assert.equal(reasonOf(excluder.check('test/fixtures/big.json')), 'userExcluded');
    assert.equal(reasonOf(excluder.check('src/__snapshots__/a.test.ts.snap')), 'userExcluded');
    assert.equal(reasonOf(excluder.check('docs/private/plan.md')), 'userExcluded');
    assert.equal(reasonOf(excluder.check('docs/public/plan.md')), undefined);
  });

  it('excludes binary content: NUL bytes or many control characters in the first 8 KB', () => {
    assert.equal(reasonOf(shouldExclude('image.dat', { sample: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]) })), 'binary');
    const controls = new Uint8Array(1000).fill(0x41);
    for (let i = 0; i < 200; i++) controls[i * 5] = 0x01;
    assert.equal(reasonOf(shouldExclude('data.bin', { sample: controls })), 'binary');
    assert.equal(reasonOf(shouldExclude('a.ts', { sample: 'const a = 1;\n\tconst b = "\u001b[31mred\u001b[0m";\r\n' })), undefined);
    assert.equal(reasonOf(shouldExclude('ü.txt', { sample: new TextEncoder().encode('Grüße, 日本語 ✓\n') })), undefined);
    // Only the first 8 KB count.
    const lateNul = new Uint8Array(9000).fill(0x61);
    lateNul[8500] = 0;
    assert.equal(looksBinary(lateNul), false);
    assert.equal(looksBinary(''), false);
  });

  it('caps the size at maxFileSizeKB, with the size in the reason', () => {
    const over = shouldExclude('src/huge.ts', { sizeBytes: 600 * 1024 });
    assert.equal(reasonOf(over), 'tooLarge');
    assert.ok(over.excluded && /600 KB/.test(over.message) && /512 KB/.test(over.message));
    assert.equal(reasonOf(shouldExclude('src/ok.ts', { sizeBytes: 512 * 1024 })), undefined);
    assert.equal(reasonOf(shouldExclude('src/small.ts', { sizeBytes: 3000, maxFileSizeKB: 2 })), 'tooLarge');
  });
});

describe('exclude glob from VS Code settings (files.exclude, search.exclude)', () => {
  it('folds every entry set to true into one glob, after the always-skipped ones; false and sibling conditions stay out', () => {
    const files = { '**/.git': true, '**/.DS_Store': true, '**/*.js': { when: '$(basename).ts' }, '**/keep': false };
    const search = { '**/node_modules': true, '**/dist': true };
    assert.equal(settingsExcludeGlob([files, search], ['**/.git', '**/node_modules']), '{**/.git,**/node_modules,**/.DS_Store,**/dist}');
    assert.equal(settingsExcludeGlob([undefined, null, 'x'], ['**/.git']), '**/.git');
    assert.equal(settingsExcludeGlob([{}]), undefined);
  });
});
