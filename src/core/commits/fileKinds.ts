// What each file of a diff is, for the commit message: its content is worth tokens only when a person wrote it.
// Lock files, generated output and binaries say all they can by name and line counts; secret files and files the
// user's rules exclude never show content (see diffSummary.ts for what each kind sends).
import picomatch from 'picomatch';
import { isSecretPath } from '../context/exclude';
import type { FileDiff } from './diffParse';

export type DiffFileKind = 'source' | 'lock' | 'generated' | 'binary' | 'secret' | 'excluded';

/** Dependency lock files of the common package managers, matched on the file name. */
export const LOCK_FILE_GLOBS: readonly string[] = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
  'deno.lock',
  'Cargo.lock',
  'poetry.lock',
  'Pipfile.lock',
  'pdm.lock',
  'uv.lock',
  'pylock.toml',
  'pylock.*.toml',
  'conda-lock.yml',
  'Gemfile.lock',
  'composer.lock',
  'go.sum',
  'go.work.sum',
  'Podfile.lock',
  'Package.resolved',
  'Cartfile.resolved',
  'pubspec.lock',
  'mix.lock',
  'flake.lock',
  'gradle.lockfile',
  'packages.lock.json',
  'paket.lock',
  '.terraform.lock.hcl',
  'shard.lock',
  'stack.yaml.lock',
  'cabal.project.freeze',
  'renv.lock',
  'Manifest.toml',
  // Any other *.lock is a lock file too (Gemfile.lock, mix.lock and the rest follow that shape).
  '*.lock',
  '*.lockfile',
];

/** Build output, minified or mapped bundles, test snapshots, vendored code and code generators' output. */
export const GENERATED_GLOBS: readonly string[] = [
  '**/dist/**',
  '**/build/**',
  '**/node_modules/**',
  '**/vendor/**',
  '**/third_party/**',
  '**/third-party/**',
  '**/__snapshots__/**',
  '**/__generated__/**',
  '**/*.snap',
  '**/*.min.{js,mjs,cjs,css}',
  '**/*.map',
  '**/*.bundle.js',
  '**/*.pb.go',
  '**/*.pb.{cc,h}',
  '**/*_pb2.py',
  '**/*_pb2_grpc.py',
  '**/*.g.dart',
  '**/*.freezed.dart',
  '**/*.designer.cs',
  '**/*.generated.*',
  '**/*_generated.*',
];

const isLockName = picomatch(LOCK_FILE_GLOBS, { dot: true, basename: true });
const isGeneratedPath = picomatch(GENERATED_GLOBS, { dot: true });

export interface KindRules {
  /** The user's exclusion rules (.tandemignore, tandem.context.exclude): matching files are left out entirely. */
  readonly isExcluded?: (path: string) => boolean;
  /** More generated files than the built-in globs know, e.g. `linguist-generated` paths from .gitattributes. */
  readonly isGenerated?: (path: string) => boolean;
}

export function isLockFile(path: string): boolean {
  return isLockName(path);
}

export function isGeneratedFile(path: string): boolean {
  return isGeneratedPath(path);
}

/**
 * Strongest rule first: a file excluded by the user's rules is hidden even when it is also a secret file; a secret
 * file stays secret even when it is binary or generated. Renames are judged by both of their paths.
 */
export function classifyDiffFile(file: FileDiff, rules: KindRules = {}): DiffFileKind {
  const paths = file.oldPath !== undefined ? [file.path, file.oldPath] : [file.path];
  if (rules.isExcluded && paths.some((p) => rules.isExcluded!(p))) return 'excluded';
  if (paths.some(isSecretPath)) return 'secret';
  if (file.binary) return 'binary';
  if (isLockFile(file.path)) return 'lock';
  if (isGeneratedFile(file.path) || rules.isGenerated?.(file.path)) return 'generated';
  return 'source';
}
