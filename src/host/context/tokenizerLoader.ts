// Loads the o200k ranks shipped as dist/o200k.js.br (see esbuild.js) for exact GPT token counts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as zlib from 'node:zlib';
import type { O200kEncoding } from '../../core/context/tokens';

export function loadBundledO200k(distDir: string): O200kEncoding {
  const file = path.join(distDir, 'o200k.js.br');
  const source = zlib.brotliDecompressSync(fs.readFileSync(file)).toString('utf8');
  // The file is our own esbuild output (self-contained CommonJS); run it as a module would be.
  const factory = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file }) as (
    exports: unknown,
    require: NodeJS.Require,
    module: { exports: unknown },
    filename: string,
    dirname: string,
  ) => void;
  const module = { exports: {} as unknown };
  factory(module.exports, require, module, file, distDir);
  return module.exports as O200kEncoding;
}
