// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = { name: 'vscode', message: 'Pure layers (core, shared, webview) must not import vscode: pass values in from src/host.' };

/**
 * Imports flow one way (docs/architecture.md): webview → shared → core/vocabulary; host → core, shared; core →
 * nothing above it. Each zone lists the folders a layer may not import; a pattern matches a relative import's path
 * at any depth (`../../shared/x` from core/chat as well as `../shared/x` from core), never a package's.
 */
const layer = (message, ...folders) => folders.map((folder) => ({ regex: `^\\.\\.?/(.*/)?${folder}`, message }));
const zones = {
  core: layer('core is the bottom layer: it imports nothing of host/, shared/, webview/ or extension.ts.', '(host|shared|webview|extension)(/|$)'),
  vocabulary: [{ regex: '^\\.', message: 'core/vocabulary.ts is the shared words every layer imports: it imports nothing of ours.' }],
  shared: layer(
    'shared/ is the host↔webview contract: of the rest of src it imports only core/vocabulary.',
    '(host|webview|extension)(/|$)',
    'core(/(?!vocabulary$)|$)',
  ),
  webview: layer(
    'The webview imports only shared/ and core/vocabulary: send the host a message instead.',
    '(host|extension)(/|$)',
    'core(/(?!vocabulary$)|$)',
  ),
  host: layer('The host talks to the webview through shared/protocol, never by importing it.', 'webview(/|$)'),
};
const restrict = (paths, patterns) => ({ 'no-restricted-imports': ['error', { paths, patterns }] });

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
        message: 'Use crypto for anything random (nonces, ids).',
      }],
      eqeqeq: ['error', 'smart'],
    },
  },
  { files: ['src/core/**/*.ts'], rules: restrict([noVscode], zones.core) },
  { files: ['src/core/vocabulary.ts'], rules: restrict([noVscode], zones.vocabulary) },
  { files: ['src/shared/**/*.ts'], rules: restrict([noVscode], zones.shared) },
  { files: ['src/webview/**/*.ts'], rules: restrict([noVscode], zones.webview) },
  { files: ['src/host/**/*.ts', 'src/extension.ts'], rules: restrict([], zones.host) },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
