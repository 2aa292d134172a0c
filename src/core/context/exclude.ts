// Decides which files may be read into context. Checks run cheapest and most important first: secret-looking
// names are refused before anything asks for their size or content. A committed .tandemignore (gitignore syntax,
// nested files honoured) adds to .gitignore: a team shares what never leaves the machine.
import picomatch from 'picomatch';
import { NestedIgnore, TANDEMIGNORE, describeIgnoreMatch, type IgnoreFileSource, type IgnoreMatch } from './ignoreFiles';
import { workspacePath } from './paths';

/** Names that hold credentials: never read, whatever the settings say. Matched on the file name, any case. */
export const SECRET_FILE_GLOBS: readonly string[] = [
  '.env',
  '.env.*',
  '*.env',
  '*.pem',
  '*.key',
  'id_rsa*',
  'id_dsa*',
  'id_ecdsa*',
  'id_ed25519*',
  '*.p12',
  '*.pfx',
  '*.jks',
  '*.keystore',
  '*.ppk',
  '*.kdbx',
  '.npmrc',
  '.yarnrc.yml',
  '.pypirc',
  '.netrc',
  '_netrc',
  '.pgpass',
  '.htpasswd',
  '.git-credentials',
  'credentials',
  'credentials*.json',
  // Data files only: a source file named secrets.ts is code that handles secrets, not a secret store.
  'secrets.{json,yaml,yml,toml,ini,env,txt,xml,properties,conf,cfg,plist}',
  '*.tfvars',
  'service-account*.json',
];

/** Folders whose every file is a credential store. */
const SECRET_DIR_GLOBS: readonly string[] = ['**/.ssh/**', '**/.aws/**', '**/.gnupg/**', '**/.docker/config.json', '**/.kube/config'];

export const DEFAULT_MAX_FILE_SIZE_KB = 512;
const BINARY_SAMPLE_BYTES = 8 * 1024;
const MAX_CONTROL_RATIO = 0.1;

export type ExcludeReason = 'secret' | 'userExcluded' | 'tandemIgnored' | 'gitignored' | 'tooLarge' | 'binary';

export type ExcludeResult =
  | { readonly excluded: false }
  | {
      readonly excluded: true;
      readonly reason: ExcludeReason;
      readonly message: string;
      /** For an ignore file: which file, line and pattern decided, so the UI can open it there. */
      readonly rule?: IgnoreMatch;
    };

/** A .gitignore or .tandemignore: the folder it sits in ('' for the root) and its text. */
export type GitignoreFile = IgnoreFileSource;

export interface ExcludeRules {
  readonly gitignores?: readonly GitignoreFile[];
  /** `.tandemignore` files, same syntax and nesting as .gitignore. */
  readonly tandemignores?: readonly GitignoreFile[];
  /** `tandem.context.exclude`; patterns without a slash match the file name anywhere. */
  readonly userGlobs?: readonly string[];
  /** `tandem.context.maxFileSizeKB`. */
  readonly maxFileSizeKB?: number;
}

export interface FileFacts {
  readonly sizeBytes?: number;
  /** The first bytes of the file (8 KB is enough), or the editor's text. */
  readonly sample?: Uint8Array | string;
}

const isSecretName = picomatch(SECRET_FILE_GLOBS, { dot: true, nocase: true, basename: true });
const isInSecretDir = picomatch(SECRET_DIR_GLOBS, { dot: true, nocase: true });

const INCLUDED: ExcludeResult = { excluded: false };

function excluded(reason: ExcludeReason, message: string, rule?: IgnoreMatch): ExcludeResult {
  return rule ? { excluded: true, reason, message, rule } : { excluded: true, reason, message };
}

export function isSecretPath(path: string): boolean {
  const p = workspacePath(path);
  return isSecretName(p) || isInSecretDir(p);
}

/** The verdict for a secret-looking name, the one rule that holds whatever the settings say. */
export function secretVerdict(path: string): ExcludeResult {
  const p = workspacePath(path);
  return isSecretPath(p) ? excluded('secret', `${p} looks like a secret file (keys, credentials, .env): never sent.`) : INCLUDED;
}

/** An exclusion check as modules that read files take it: usually `(path, facts) => excluder.check(path, facts)`. */
export type ExcludeCheck = (path: string, facts?: FileFacts) => ExcludeResult;

/** True for content with NUL bytes, or more than 10% control characters, in its first 8 KB. */
export function looksBinary(sample: Uint8Array | string): boolean {
  const n = Math.min(sample.length, BINARY_SAMPLE_BYTES);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = typeof sample === 'string' ? sample.charCodeAt(i) : sample[i];
    if (c === 0) return true;
    // Tab, line feed, form feed, carriage return and escape (ANSI colours in logs) are normal in text.
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13 && c !== 27) || c === 127) control++;
  }
  return control / n > MAX_CONTROL_RATIO;
}

/** Compiles the rules once for many files. */
export class Excluder {
  private readonly gitignores: NestedIgnore;
  private readonly tandemignores: NestedIgnore;
  private readonly userMatch: ((path: string) => boolean) | undefined;
  private readonly maxBytes: number;

  constructor(rules: ExcludeRules = {}) {
    this.gitignores = new NestedIgnore(rules.gitignores ?? [], '.gitignore');
    this.tandemignores = new NestedIgnore(rules.tandemignores ?? [], TANDEMIGNORE);
    this.userMatch = compileUserGlobs((rules.userGlobs ?? []).map((g) => g.trim()).filter((g) => g !== ''));
    this.maxBytes = (rules.maxFileSizeKB ?? DEFAULT_MAX_FILE_SIZE_KB) * 1024;
  }

  check(path: string, facts: FileFacts = {}): ExcludeResult {
    const p = workspacePath(path);
    const secret = secretVerdict(p);
    if (secret.excluded) return secret;
    if (this.userMatch?.(p)) return excluded('userExcluded', `${p} matches tandem.context.exclude.`);
    const team = this.tandemignores.explain(p);
    if (team) return excluded('tandemIgnored', `${p} is ${describeIgnoreMatch(team)} (${team.pattern}).`, team);
    const git = this.gitignores.explain(p);
    if (git) return excluded('gitignored', `${p} is ${describeIgnoreMatch(git)} (${git.pattern}).`, git);
    if (facts.sizeBytes !== undefined && facts.sizeBytes > this.maxBytes) {
      const kb = Math.ceil(facts.sizeBytes / 1024);
      return excluded('tooLarge', `${p} is ${kb} KB, over tandem.context.maxFileSizeKB (${this.maxBytes / 1024} KB).`);
    }
    if (facts.sample !== undefined && looksBinary(facts.sample)) return excluded('binary', `${p} looks binary.`);
    return INCLUDED;
  }

  /** Whether a whole folder is ignored (a file search can then skip it). */
  isFolderIgnored(path: string): boolean {
    const p = workspacePath(path);
    return this.tandemignores.explain(p, true) !== undefined || this.gitignores.explain(p, true) !== undefined;
  }
}

/** picomatch's basename option also breaks patterns with a slash, so the two kinds are compiled apart. */
function compileUserGlobs(globs: readonly string[]): ((path: string) => boolean) | undefined {
  if (globs.length === 0) return undefined;
  const names = globs.filter((g) => !g.includes('/'));
  const paths = globs.filter((g) => g.includes('/')).map((g) => g.replace(/^\.?\//, ''));
  const byName = names.length > 0 ? picomatch(names, { dot: true, basename: true }) : () => false;
  const byPath = paths.length > 0 ? picomatch(paths, { dot: true }) : () => false;
  return (path) => byName(path) || byPath(path);
}

export function shouldExclude(path: string, rules: ExcludeRules & FileFacts = {}): ExcludeResult {
  return new Excluder(rules).check(path, rules);
}

/**
 * The exclude glob for `workspace.findFiles` built from VS Code's own settings: passing any exclude turns off the
 * default `files.exclude`, and `search.exclude` never applies by default, so both are folded in here (entries set
 * to `true`; a `{ "when": … }` sibling condition cannot be a plain glob and is left to the later checks).
 */
export function settingsExcludeGlob(settings: readonly unknown[], always: readonly string[] = []): string | undefined {
  const globs = new Set(always);
  for (const value of settings) {
    if (typeof value !== 'object' || value === null) continue;
    for (const [glob, on] of Object.entries(value)) if (on === true && glob.trim() !== '') globs.add(glob.trim());
  }
  if (globs.size === 0) return undefined;
  return globs.size === 1 ? [...globs][0] : `{${[...globs].join(',')}}`;
}
