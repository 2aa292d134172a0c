// Builds the two bundles: the extension host (node, cjs, `vscode` external) and the webview (browser).
// Flags: --production (minify, no sourcemaps), --watch, --tests (also bundle the in-host test suite).
'use strict';
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const withTests = process.argv.includes('--tests') || !production;

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
  legalComments: production ? 'none' : 'inline',
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { main: 'src/webview/main.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'chrome114',
    loader: { '.css': 'css', '.ttf': 'file' },
  },
];
if (withTests && fs.existsSync('test/integration/suite/index.ts')) {
  builds.push({
    ...common,
    minify: false,
    entryPoints: { index: 'test/integration/suite/index.ts' },
    outdir: 'dist/test/suite',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode', 'mocha'],
  });
}

/**
 * The codicon font and stylesheet next to the webview bundle (localResourceRoots covers dist/), cut down to the
 * icons the panel uses (src/webview/icons.ts): the whole font is ~60 KB of the VSIX, these glyphs ~4 KB.
 */
async function buildCodicons() {
  const from = path.join(__dirname, 'node_modules', '@vscode', 'codicons', 'dist');
  const to = path.join(__dirname, 'dist', 'webview');
  fs.mkdirSync(to, { recursive: true });
  const icons = await esbuild.build({ entryPoints: [path.join(__dirname, 'src', 'webview', 'icons.ts')], bundle: true, format: 'cjs', platform: 'node', write: false, logLevel: 'warning' });
  const module = { exports: {} };
  new Function('module', 'exports', icons.outputFiles[0].text)(module, module.exports);
  const names = module.exports.CODICONS;
  const css = fs.readFileSync(path.join(from, 'codicon.css'), 'utf8');
  const ICON_RULE = /^\.codicon-([\w-]+):before \{ content: "\\([0-9a-f]+)" \}\n?/gm;
  const glyphs = new Map([...css.matchAll(ICON_RULE)].map((m) => [m[1], m[2]]));
  const missing = names.filter((name) => !glyphs.has(name));
  if (missing.length > 0) throw new Error(`src/webview/icons.ts names icons that @vscode/codicons does not have: ${missing.join(', ')}`);
  const rules = names.map((name) => `.codicon-${name}:before { content: "\\${glyphs.get(name)}" }`).join('\n');
  fs.writeFileSync(path.join(to, 'codicon.css'), `${css.replace(ICON_RULE, '').trimEnd()}\n\n${rules}\n`);
  const text = names.map((name) => String.fromCodePoint(parseInt(glyphs.get(name), 16))).join('');
  const font = await require('subset-font')(fs.readFileSync(path.join(from, 'codicon.ttf')), text, { targetFormat: 'truetype' });
  fs.writeFileSync(path.join(to, 'codicon.ttf'), font);
}

/**
 * The o200k token ranks (2.4 MB) ship beside the extension as a brotli file (~0.8 MB) that the host loads on first
 * use: inside extension.js they would cost ~50 ms at every activation and double the VSIX. Cached across builds.
 */
async function buildTokenizer() {
  const zlib = require('node:zlib');
  const version = require('gpt-tokenizer/package.json').version;
  const cache = path.join(__dirname, 'node_modules', '.cache', 'tandem', `o200k-${version}-utf8.js.br`);
  if (!fs.existsSync(cache)) {
    const result = await esbuild.build({
      entryPoints: [require.resolve('gpt-tokenizer/cjs/encoding/o200k_base')],
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      // The ranks as UTF-8, not \u-escaped: 2.0 MB instead of 2.8 MB, 37 KB less once compressed.
      charset: 'utf8',
      write: false,
      logLevel: 'warning',
    });
    const compressed = zlib.brotliCompressSync(result.outputFiles[0].contents, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 24 },
    });
    fs.mkdirSync(path.dirname(cache), { recursive: true });
    fs.writeFileSync(cache, compressed);
  }
  fs.copyFileSync(cache, path.join('dist', 'o200k.js.br'));
  console.log(`  dist/o200k.js.br                     ${(fs.statSync(cache).size / 1024).toFixed(1).padStart(8)} KiB`);
}

function report(results) {
  const rows = [];
  for (const result of results) {
    for (const [file, info] of Object.entries(result.metafile.outputs)) {
      if (file.endsWith('.map')) continue;
      rows.push(`  ${file.padEnd(36)} ${(info.bytes / 1024).toFixed(1).padStart(8)} KiB`);
    }
  }
  console.log(`[esbuild] ${production ? 'production' : 'development'} build:\n${rows.join('\n')}`);
  fs.writeFileSync(path.join('dist', 'metafile.json'), JSON.stringify(results.map((r) => r.metafile)));
}

/** The product icon font of `contributes.icons` (the Tandem logo as $(tandem-logo)), drawn from media/tandem.svg. */
function buildIconFont() {
  const { buildIconFont: build } = require('./scripts/iconFont');
  fs.mkdirSync('dist', { recursive: true });
  fs.writeFileSync(path.join('dist', 'tandem-icons.woff'), build(fs.readFileSync(path.join(__dirname, 'media', 'tandem.svg'), 'utf8')));
}

async function main() {
  fs.rmSync('dist', { recursive: true, force: true });
  buildIconFont();
  await buildCodicons();
  if (watch) {
    const contexts = await Promise.all(
      builds.map((options) =>
        esbuild.context({
          ...options,
          plugins: [{ name: 'log', setup: (b) => b.onEnd((r) => console.log(`[watch] ${options.outdir}: ${r.errors.length} errors`)) }],
        }),
      ),
    );
    await Promise.all(contexts.map((c) => c.watch()));
    await buildTokenizer();
    console.log('[watch] watching for changes…');
    return;
  }
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  report(results);
  await buildTokenizer();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
