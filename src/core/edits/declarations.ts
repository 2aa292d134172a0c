// Declarations in a snippet against those in the file: which header is which, what is new. A new declaration
// written like its neighbours (a test case, a route, a method) must never take an existing one's place, and where
// a language may declare one name twice (overloads) a changed header is not proof of a rewrite.
import { declaredName, isHeader } from './scope';
import { lineKey, preview } from './text';

type Pairs = ReadonlyArray<[number, number]>;

export class Declarations {
  /** Names the file's headers declare. */
  private readonly names: Set<string>;

  constructor(
    private readonly fileLines: readonly string[],
    private readonly fileEnds: ReadonlyArray<number | undefined>,
    /** The language may declare one name twice (see EditOptions.overloads). */
    private readonly overloads: boolean,
  ) {
    this.names = new Set(fileLines.filter(isHeader).map(declaredName).filter((n): n is string => n !== undefined));
  }

  /**
   * A stretch line and a file line that both open a block are the same header: identical, or (where one name is
   * one declaration) declaring the same name.
   */
  alike(proposed: string, existing: string): boolean {
    if (lineKey(proposed) === lineKey(existing)) return true;
    if (this.overloads && declaredName(proposed) !== undefined) return false;
    const name = declaredName(proposed);
    return name !== undefined && name === declaredName(existing);
  }

  /**
   * The body of a declaration the file does not have (no header in the file declares its name) is new code:
   * lines in it that resemble the file, or even repeat one (`return this;`, `self`, `}`), say nothing about where
   * it goes, so they may not anchor it. `ends` gives where each stretch block ends (see blockEnds).
   */
  newBodies(lines: readonly string[], ends: ReadonlyArray<number | undefined>): ReadonlySet<number> {
    const masked = new Set<number>();
    for (let j = 0; j < lines.length; j++) {
      const end = ends[j];
      const name = declaredName(lines[j]);
      if (end === undefined || name === undefined || !isHeader(lines[j]) || this.names.has(name)) continue;
      for (let k = j + 1; k <= end; k++) masked.add(k);
    }
    return masked;
  }

  /**
   * Where one name may be declared twice (overloads), a declaration paired with one of the file's that it only
   * resembles (another parameter list) is another declaration, not a rewrite of that one: its lines may not stand
   * for the file's. Elsewhere one name is one declaration, so a changed header is the same one rewritten.
   */
  unrelated(lines: readonly string[], ends: ReadonlyArray<number | undefined>, pairs: Pairs): Set<number> {
    const unrelated = new Set<number>();
    if (!this.overloads) return unrelated;
    for (const [j, i] of pairs) {
      const end = ends[j];
      if (end === undefined || end <= j || this.fileEnds[i] === undefined || lineKey(lines[j]) === lineKey(this.fileLines[i])) continue;
      if (!isHeader(lines[j]) || declaredName(lines[j]) === undefined) continue;
      for (let k = j; k <= end; k++) unrelated.add(k);
    }
    return unrelated;
  }

  /**
   * A stretch that declares a name the file already declares, without being placed on that declaration, is a
   * second one (an overload) or a rewrite of the first that shares nothing with it: adding it could duplicate
   * the declaration, replacing could delete an overload, so it is refused. `placements` are the pairs of each
   * way the stretch may be placed.
   */
  redeclared(lines: readonly string[], ends: ReadonlyArray<number | undefined>, placements: readonly Pairs[]): string | undefined {
    for (let j = 0; j < lines.length; j++) {
      const name = declaredName(lines[j]);
      if (name === undefined || !isHeader(lines[j]) || !this.names.has(name) || ends[j] === undefined) continue;
      // On its declaration, or next to every declaration of the name the file has (shown unchanged): a sibling.
      const fileDeclarations = this.fileLines.map((_, i) => i).filter((i) => isHeader(this.fileLines[i]) && declaredName(this.fileLines[i]) === name);
      const onIt = placements.every((pairs) => {
        const mine = pairs.find(([pj]) => pj === j);
        if (mine) return declaredName(this.fileLines[mine[1]]) === name;
        return fileDeclarations.every((i) => pairs.some(([pj, pi]) => pi === i && pj !== j && lineKey(lines[pj]) === lineKey(this.fileLines[i])));
      });
      if (!onIt) return `The snippet declares ${name} again (${preview([lines[j]])}) without matching the ${name} the file has: adding it could duplicate it, replacing could delete an overload.`;
    }
    return undefined;
  }

  /**
   * A whole declaration of the file that a placement passes over (between two of its pairs, with no stretch line
   * standing for it): a model showing two functions with the one between them left out, no elision comment.
   * Deleting it silently would be the worst reading, so its name is returned and the placement refused.
   */
  skipped(lines: readonly string[], pairs: Pairs): string | undefined {
    for (let p = 1; p < pairs.length; p++) {
      const [prevJ, prevI] = pairs[p - 1];
      const [j, i] = pairs[p];
      if (lines.slice(prevJ + 1, j).some((l) => l.trim() !== '')) continue;
      for (let h = prevI + 1; h < i; h++) {
        const end = this.fileEnds[h];
        const name = isHeader(this.fileLines[h]) ? declaredName(this.fileLines[h]) : undefined;
        if (name !== undefined && end !== undefined && end > h && end < i) return name;
      }
    }
    return undefined;
  }
}
