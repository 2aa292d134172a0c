// The marker lines of SEARCH/REPLACE blocks, in the forms models really emit: Aider's `<<<<<<< SEARCH` /
// `=======` / `>>>>>>> REPLACE` with 5 or more marker characters, with or without the space, with trailing
// spaces or a stray `>` (`<<<<<<< SEARCH>`), and Cline's `------- SEARCH` / `+++++++ REPLACE`. A line that only
// resembles a marker (`>>>>>>> SEARCH`, `<<< SEARCH`) is "marker-like": the answer is then malformed, and it is
// refused rather than pasted into the file as code.

export type MarkerKind = 'search' | 'divider' | 'replace';

const SEARCH = /^\s*(?:<{5,}|-{5,})[ \t]*SEARCH[ \t]*>?[ \t]*$/i;
const DIVIDER = /^\s*={5,}[ \t]*$/;
const REPLACE = /^\s*(?:>{5,}|\+{5,})[ \t]*REPLACE[ \t]*$/i;
/** A run of marker characters next to SEARCH or REPLACE, whatever its length or direction. */
const MARKER_LIKE = /^\s*[<>=+-]{3,}[ \t]*(?:SEARCH|REPLACE)\b|^\s*(?:SEARCH|REPLACE)[ \t]*[<>=+-]{3,}\s*$/i;

export function markerKind(line: string): MarkerKind | undefined {
  if (SEARCH.test(line)) return 'search';
  if (DIVIDER.test(line)) return 'divider';
  if (REPLACE.test(line)) return 'replace';
  return undefined;
}

/** A line that names SEARCH or REPLACE next to marker characters but is not a marker in a form we accept. */
export function isMarkerLike(line: string): boolean {
  return markerKind(line) === undefined && MARKER_LIKE.test(line);
}

/**
 * Roo Code's line hint inside a SEARCH section (`:start_line:12`, `:end_line:14`, then a `-------` line): kept as
 * a hint to tell apart equal candidates, never as content.
 */
const START_LINE = /^\s*:start_line:\s*(\d+)\s*$/;
const OTHER_HINT = /^\s*:end_line:\s*\d+\s*$/;
const HINT_END = /^\s*-{3,}\s*$/;

export function readLineHint(search: string[]): { lines: string[]; line?: number } {
  let k = 0;
  let line: number | undefined;
  while (k < search.length && (START_LINE.test(search[k]) || OTHER_HINT.test(search[k]))) {
    const start = START_LINE.exec(search[k]);
    if (start) line = Number(start[1]) - 1;
    k++;
  }
  if (k === 0) return { lines: search };
  if (k < search.length && HINT_END.test(search[k])) k++;
  return { lines: search.slice(k), line };
}
