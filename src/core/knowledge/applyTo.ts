// When a scoped instruction or rule file applies: its `applyTo` globs against the files in context. The rules are
// VS Code's (computeAutomaticInstructions), so one repository behaves the same in Copilot and in Tandem:
//   - `**`, `**/*` and `*` apply always, even with no file in context;
//   - a glob without a leading `/` or `**/` may match at any depth (`src/**/*.ts` also matches `pkg/src/a.ts`);
//   - matching ignores case and dot files are files like any other.
// One difference: VS Code matches a leading-`/` glob against the absolute path, where it rarely matches anything;
// here `/src/**` is anchored at the workspace folder, which is what its author meant.
import picomatch from 'picomatch';

const ALWAYS = new Set(['**', '**/*', '*']);

/** `**`, `**\/*` and `*`: globs that apply to every request. */
export function isAlwaysGlob(glob: string): boolean {
  return ALWAYS.has(glob.trim());
}

export interface ApplyToMatcher {
  /** True for a glob list that applies whatever is in context. */
  readonly always: boolean;
  /** The first glob that matches one of `paths` (folder-relative, forward slashes), or undefined. */
  match(paths: readonly string[]): { readonly glob: string; readonly path?: string } | undefined;
}

export function compileApplyTo(globs: readonly string[]): ApplyToMatcher {
  const cleaned = globs.map((g) => g.trim().replace(/\\/g, '/')).filter((g) => g !== '');
  const always = cleaned.find(isAlwaysGlob);
  const compiled = cleaned.map((glob) => {
    const anchored = glob.startsWith('/') ? glob.replace(/^\/+/, '') : glob.startsWith('**/') ? glob : `**/${glob.replace(/^\.\//, '')}`;
    return { glob, test: picomatch(anchored, { dot: true, nocase: true }) };
  });
  return {
    always: always !== undefined,
    match(paths) {
      if (always !== undefined) return { glob: always };
      for (const { glob, test } of compiled) {
        const path = paths.find((p) => test(p));
        if (path !== undefined) return { glob, path };
      }
      return undefined;
    },
  };
}
