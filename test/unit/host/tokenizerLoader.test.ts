import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { loadBundledO200k } from '../../../src/host/context/tokenizerLoader';

describe('bundled tokenizer loader', () => {
  it('runs the brotli-compressed CommonJS bundle and returns its exports', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-o200k-'));
    const source = 'exports.countTokens = (text) => text.split(" ").length; module.exports.kind = "fake";';
    fs.writeFileSync(path.join(dir, 'o200k.js.br'), zlib.brotliCompressSync(Buffer.from(source)));
    const encoding = loadBundledO200k(dir) as unknown as { countTokens(t: string): number; kind: string };
    assert.equal(encoding.countTokens('a b c'), 3);
    assert.equal(encoding.kind, 'fake');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts exactly with the real o200k bundle the build ships', function () {
    this.timeout(60_000);
    const root = path.join(__dirname, '..', '..', '..');
    const dist = path.join(root, 'dist');
    if (!fs.existsSync(path.join(dist, 'o200k.js.br'))) execFileSync(process.execPath, ['esbuild.js', '--production'], { cwd: root, stdio: 'ignore' });
    const encoding = loadBundledO200k(dist);
    assert.equal(encoding.countTokens('hello world', { disallowedSpecial: new Set() }), 2);
  });
});
