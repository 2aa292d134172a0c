// Nested ignore files (.gitignore, .tandemignore) with git's semantics, and the rule that decided: "ignored by
// src/.tandemignore:3". The patterns are the `ignore` library's (gitignore syntax); how files combine is git's:
//   - a file's patterns are relative to the folder it sits in;
//   - for one path, the deepest file with a matching pattern decides, and in it the last matching pattern;
//   - a path inside an excluded folder is excluded, whatever deeper files say: git never reads them.
// `ignore` tests one file's patterns, parents included; combining several files is done here, folder by folder.
import ignore, { type Ignore } from 'ignore';
import { folderOf, workspacePath } from './paths';

export interface IgnoreFileSource {
  /** Workspace-relative folder the file sits in ('' for the root). */
  readonly dir: string;
  readonly contents: string;
}

export interface IgnoreMatch {
  /** Workspace-relative path of the ignore file, e.g. "src/.tandemignore". */
  readonly file: string;
  /** 1-based line of the deciding pattern. */
  readonly line: number;
  readonly pattern: string;
  /** Set when the path is ignored because this folder is ("src/gen" for src/gen/a.ts). */
  readonly viaFolder?: string;
}

export const TANDEMIGNORE = '.tandemignore';

interface Compiled {
  readonly dir: string;
  /** `dir/`, or '' for the root. */
  readonly prefix: string;
  readonly file: string;
  readonly patterns: readonly { readonly pattern: string; readonly mark: string }[];
  readonly rules: Ignore;
  /** The same patterns with some folders re-included; see selfTest. */
  readonly withFolders: Map<string, Ignore>;
}

type Decision = IgnoreMatch | 'included' | undefined;

function normalize(path: string): string {
  return workspacePath(path).replace(/\/+$/, '');
}

/** A folder name as a pattern that matches it literally. */
function escapePattern(name: string): string {
  return name.replace(/[\\*?[\]!#]/g, '\\$&').replace(/ $/, '\\ ');
}

export function describeIgnoreMatch(match: IgnoreMatch): string {
  return `ignored by ${match.file}:${match.line}`;
}

/** The ignore files of one workspace folder, compiled once for many paths. */
export class NestedIgnore {
  private readonly files: readonly Compiled[];
  private readonly folderCache = new Map<string, IgnoreMatch | null>();

  constructor(sources: readonly IgnoreFileSource[], fileName: string) {
    this.files = sources
      .map((source): Compiled => {
        const dir = normalize(source.dir);
        const prefix = dir === '' ? '' : `${dir}/`;
        const patterns = source.contents.split(/\r?\n/).map((pattern, index) => ({ pattern, mark: String(index + 1) }));
        return { dir, prefix, file: `${prefix}${fileName}`, patterns, rules: ignore().add(patterns), withFolders: new Map() };
      })
      // Deepest first: the deepest file with a matching pattern decides.
      .sort((a, b) => b.prefix.length - a.prefix.length);
  }

  get isEmpty(): boolean {
    return this.files.length === 0;
  }

  /** The pattern that ignores `path` (a file, or a folder with isFolder), or undefined when it is not ignored. */
  explain(rawPath: string, isFolder = false): IgnoreMatch | undefined {
    const path = normalize(rawPath);
    if (path === '' || this.files.length === 0) return undefined;
    const folder = this.folderVerdict(folderOf(path));
    if (folder) return folder;
    const decision = this.decide(path, isFolder);
    return typeof decision === 'object' ? decision : undefined;
  }

  /** Whether a folder is excluded, by itself or by a folder above it. */
  private folderVerdict(dir: string): IgnoreMatch | undefined {
    if (dir === '') return undefined;
    const cached = this.folderCache.get(dir);
    if (cached !== undefined) return cached ?? undefined;
    const above = this.folderVerdict(folderOf(dir));
    let verdict = above;
    if (!verdict) {
      const own = this.decide(dir, true);
      verdict = typeof own === 'object' ? { ...own, viaFolder: dir } : undefined;
    }
    this.folderCache.set(dir, verdict ?? null);
    return verdict;
  }

  /** Decides `path` itself, its folders being known not to be excluded. */
  private decide(path: string, isFolder: boolean): Decision {
    for (const file of this.files) {
      if (file.prefix !== '' && !path.startsWith(file.prefix)) continue;
      const relative = path.slice(file.prefix.length);
      if (relative === '') continue;
      const result = this.selfTest(file, relative, isFolder);
      if (result.ignored && result.rule) {
        return { file: file.file, line: Number(result.rule.mark), pattern: result.rule.pattern.trim() };
      }
      if (result.unignored) return 'included';
    }
    return undefined;
  }

  /**
   * One file's verdict on `relative` itself. `ignore` answers for a path's folders first, which is what we want
   * unless this file excludes a folder that a deeper file re-included (git then reads on): in that case the path is
   * tested against the same patterns with its folders explicitly re-included.
   */
  private selfTest(file: Compiled, relative: string, isFolder: boolean): ReturnType<Ignore['test']> {
    const target = isFolder ? `${relative}/` : relative;
    const parent = folderOf(relative);
    if (parent === '' || !file.rules.test(`${parent}/`).ignored) return file.rules.test(target);
    let rules = file.withFolders.get(parent);
    if (!rules) {
      const folders: string[] = [];
      for (let dir = parent; dir !== ''; dir = folderOf(dir)) folders.unshift(dir);
      const reincluded = folders.map((dir) => `!/${dir.split('/').map(escapePattern).join('/')}/`);
      rules = ignore().add(file.patterns).add(reincluded);
      file.withFolders.set(parent, rules);
    }
    return rules.test(target);
  }
}
