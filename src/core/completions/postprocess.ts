// From a model's reply to the suggestion shown, or a reason to show nothing. The order matters: clean the reply,
// keep one line unless a block was asked for, put it in the file's indentation (block ends are read from
// indentation), cut at the block's end, drop what repeats the file, then fit the last line to the rest of the
// cursor's line.
import { lineKey } from '../edits/text';
import { stopAtBlockEnd } from './blockEnd';
import { cleanAnswer } from './clean';
import { type CursorContext, previousNonBlankLine } from './cursor';
import { matchIndentation } from './indent';
import { dropRepeatedLines, fitToLineSuffix } from './overlap';
import type { CompletionAnswer } from './types';

export type CompletionRejection =
  /** The model replied nothing, or only prose, fences or whitespace. */
  | 'empty'
  /** The reply only restates the line above the cursor. */
  | 'repeatsLineAbove'
  /** Everything the reply has is already after the cursor, or closes more than the suggestion may. */
  | 'repeatsFollowingText';

export type PostprocessResult =
  | { readonly ok: true; readonly answer: CompletionAnswer }
  | { readonly ok: false; readonly reason: CompletionRejection };

export interface PostprocessOptions {
  readonly multiline: boolean;
  readonly holeMarker?: string;
}

/** A run of the same line (or of the same two or three lines) this many times is a model stuck in a loop. */
const LOOP_REPEATS = 3;
const MAX_LOOP_PERIOD = 3;

function meaningful(lines: readonly string[]): boolean {
  return lines.some((line) => /[\p{L}\p{N}]/u.test(line) && line.trim().length >= 4);
}

/** The lines up to the first repetition of a loop: one copy of the repeated block stays. */
export function stopAtLoop(text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    for (let period = 1; period <= MAX_LOOP_PERIOD; period++) {
      if (i + period * LOOP_REPEATS > lines.length) break;
      const block = lines.slice(i, i + period);
      if (!meaningful(block)) continue;
      let repeats = 1;
      while (repeats < LOOP_REPEATS && block.every((line, k) => lines[i + period * repeats + k] === line)) repeats++;
      if (repeats === LOOP_REPEATS) return lines.slice(0, i + period).join('\n');
    }
  }
  return text;
}

function sameCode(a: string, b: string): boolean {
  const key = (line: string): string => lineKey(line).replace(/[;,]$/, '');
  return key(a) !== '' && key(a) === key(b);
}

function rewritesLineAbove(text: string, ctx: CursorContext): boolean {
  const above = previousNonBlankLine(ctx);
  const first = text.split('\n').find((line) => line.trim() !== '');
  if (above === undefined || first === undefined) return false;
  const line = ctx.linePrefix.trim() === '' ? first : ctx.linePrefix + first;
  return line.trim().length > 4 && sameCode(line, above);
}

function rejected(reason: CompletionRejection): PostprocessResult {
  return { ok: false, reason };
}

export function postprocessCompletion(raw: string, ctx: CursorContext, options: PostprocessOptions): PostprocessResult {
  let text = cleanAnswer(raw, ctx, options.holeMarker);
  if (ctx.linePrefix.trim() === '') text = text.replace(/^(?:[ \t]*\n)+/, '');
  if (!options.multiline) text = text.split('\n')[0];
  if (text.trim() === '') return rejected('empty');

  text = matchIndentation(text, ctx);
  text = stopAtLoop(text);
  // What these two cut away is in the file already (a closer, the next lines) or beyond the block being filled.
  text = dropRepeatedLines(stopAtBlockEnd(text, ctx, options.multiline).trimEnd(), ctx).trimEnd();
  if (text.trim() === '') return rejected('repeatsFollowingText');
  if (rewritesLineAbove(text, ctx)) return rejected('repeatsLineAbove');

  const fitted = fitToLineSuffix(text, ctx);
  if (fitted.text.trim() === '') return rejected('repeatsFollowingText');
  return { ok: true, answer: { text: fitted.text.replace(/\n/g, ctx.eol), replaceLength: fitted.replaceLength } };
}
