// Per-language corrections of the Gemini estimate, learned from what answers report. A request's real size
// (promptTokenCount) is one number for a mix of languages: the system prompt and the talk ("prose") and the files in
// the context, each in its language. Each answer's request is split by language (the context's fenced blocks say
// theirs), and the factors move so that the weighted estimate of that request equals what it really was (a
// normalized least-mean-squares step): the language that made up most of the request moves most. Across answers
// and chats each factor converges on its language's own error, so a new chat's first estimate is corrected too,
// before its own answers can correct it (promptTokens.ts). Only upwards: the estimate errs high on purpose, and a
// factor learned below 1 took that margin away (measured against Gemma 3's tokenizer, bench/gemini-estimate.ts:
// other files of a language then came out more than 10% low, a context-length error). Within a chat, its own
// ratio may still go below 1: that is the same text again.

/** The talk: system prompt, questions, answers, headers: everything not inside a file's block. */
export const PROSE = '';
const MIN_FACTOR = 1;
const MAX_FACTOR = 2;
/** A step never moves a factor by more than this share at once: one odd request must not swing the rest. */
const MAX_STEP = 0.25;

export type LanguageFactors = Readonly<Record<string, number>>;

/** One piece of a request, with the language it is counted in (PROSE for the talk). */
export interface LanguagePiece {
  readonly languageId: string;
  readonly text: string;
}

/** The factor for a language; 1 until an answer has taught one. */
export function factorOf(factors: LanguageFactors, languageId: string | undefined): number {
  return factors[languageId ?? PROSE] ?? 1;
}

/**
 * A rendered context block (render.ts: a header line, then a fence with the language, the text, the same fence) cut
 * into its files' texts in their languages and the rest as prose. Text it cannot read as a block stays prose.
 */
export function splitContextByLanguage(context: string): LanguagePiece[] {
  const pieces: LanguagePiece[] = [];
  const lines = context.split('\n');
  let prose: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})([\w#+.-]*)$/.exec(lines[i]);
    const close = open ? lines.indexOf(open[1], i + 1) : -1;
    if (!open || close === -1) {
      prose.push(lines[i]);
      continue;
    }
    prose.push(lines[i]);
    if (prose.length) pieces.push({ languageId: PROSE, text: prose.join('\n') });
    prose = [lines[close]];
    pieces.push({ languageId: open[2] || 'plaintext', text: `${lines.slice(i + 1, close).join('\n')}\n` });
    i = close;
  }
  if (prose.length) pieces.push({ languageId: PROSE, text: prose.join('\n') });
  return pieces;
}

/**
 * The factors after one answer: `estimated` is the request's uncorrected estimate per language, `reported` its real
 * size less what is not text (images, framing). The step makes the corrected estimate equal the report, spread over
 * the languages by their share of the request.
 */
export function learnFactors(factors: LanguageFactors, estimated: ReadonlyMap<string, number>, reported: number): LanguageFactors {
  let predicted = 0;
  let squares = 0;
  for (const [language, tokens] of estimated) {
    predicted += factorOf(factors, language) * tokens;
    squares += tokens * tokens;
  }
  if (predicted <= 0 || squares <= 0 || reported <= 0) return factors;
  const error = reported - predicted;
  const next: Record<string, number> = { ...factors };
  for (const [language, tokens] of estimated) {
    const old = factorOf(factors, language);
    const step = Math.max(-MAX_STEP * old, Math.min(MAX_STEP * old, (error * tokens) / squares));
    next[language] = Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, old + step));
  }
  return next;
}

/** Reads stored factors, dropping anything that is not a sane number (the store may hold an older shape). */
export function parseFactors(stored: unknown): LanguageFactors {
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return {};
  const factors: Record<string, number> = {};
  for (const [language, value] of Object.entries(stored as Record<string, unknown>)) {
    if (typeof value === 'number' && Number.isFinite(value) && value >= MIN_FACTOR && value <= MAX_FACTOR && language.length <= 64) factors[language] = value;
  }
  return factors;
}
