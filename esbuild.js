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

/** Copies the codicon font and stylesheet next to the webview bundle (localResourceRoots covers dist/). */
function copyCodicons() {
  const from = path.join(__dirname, 'node_modules', '@vscode', 'codicons', 'dist');
  const to = path.join(__dirname, 'dist', 'webview');
  fs.mkdirSync(to, { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(from, file), path.join(to, file));
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

async function main() {
  fs.rmSync('dist', { recursive: true, force: true });
  copyCodicons();
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
    console.log('[watch] watching for changes…');
    return;
  }
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  report(results);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
