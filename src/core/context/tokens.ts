// Token counts for budgeting. GPT: exact, with the o200k_base encoding GPT-4o/GPT-5 models use. Gemini: an
// estimate, because its tokenizer is not published for offline use. The estimate walks the text once, counting
// word pieces, digits, punctuation, whitespace runs and non-ASCII characters with weights fitted against o200k on
// source code, digits as Gemma 3's published tokenizer splits them (bench/gemini-estimate.ts measures it against that
// tokenizer), with a margin so it errs high: a plan that overestimates leaves unused room, one that underestimates
// causes a context-length error. Once a chat's answers report their real prompt size, the estimate is
// corrected per chat (promptTokens.ts).
import type { TokenFamily } from './types';

/** The part of gpt-tokenizer's o200k_base module used here. */
export interface O200kEncoding {
  countTokens(text: string, options: { disallowedSpecial: Set<string> }): number;
}

// Not a string literal in require(): esbuild would then inline the 2.4 MB of ranks into the extension bundle, and
// parsing them costs ~50 ms at every activation. The host points setO200kLoader at a separately built file.
const O200K_MODULE = 'gpt-tokenizer/cjs/encoding/o200k_base';

let loadO200k: () => O200kEncoding = () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(O200K_MODULE) as O200kEncoding;
};
let o200k: O200kEncoding | null | undefined;

/** Where the o200k encoding comes from, e.g. `() => require(path.join(__dirname, 'o200k.js'))` in the bundle. */
export function setO200kLoader(load: () => O200kEncoding): void {
  loadO200k = load;
  o200k = undefined;
}

function encoding(): O200kEncoding | null {
  if (o200k === undefined) {
    try {
      o200k = loadO200k();
    } catch {
      // Without the ranks GPT counts fall back to the estimate, which errs high: budgets stay safe.
      o200k = null;
    }
  }
  return o200k;
}

/** Loads the o200k ranks (~100 ms) ahead of the first count, off the activation path. True when GPT counts are exact. */
export function preloadTokenizer(): boolean {
  return encoding() !== null;
}

// Special-token text such as "<|endoftext|>" inside a file is plain text to the API, and must not throw here.
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

export function countTokens(text: string, family: TokenFamily): number {
  if (text.length === 0) return 0;
  const exact = family === 'gpt' ? encoding() : null;
  return exact ? exact.countTokens(text, AS_PLAIN_TEXT) : estimateGeminiTokens(text);
}

const WORD_PIECE = 6;
const GEMINI_MARGIN = 1.1;


function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

export function estimateGeminiTokens(text: string): number {
  let tokens = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isLetter(c)) {
      const start = i;
      while (i < n && isLetter(text.charCodeAt(i))) i++;
      tokens += Math.ceil((i - start) / WORD_PIECE);
    } else if (isDigit(c)) {
      // Gemini's SentencePiece vocabulary (Gemma 3's, the published one) splits every digit into a token of its own.
      const start = i;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      tokens += i - start;
    } else if (c === 32 || c === 9) {
      const start = i;
      while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
      // A single space joins the next word's token, but not a digit's; indentation runs are one token per few columns.
      if (i - start > 1) tokens += Math.ceil((i - start) / 8);
      else if (i < n && isDigit(text.charCodeAt(i))) tokens += 1;
    } else if (c === 10 || c === 13) {
      while (i < n && (text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13)) i++;
      tokens += 1;
    } else if (c < 128) {
      i++;
      tokens += 0.5;
    } else {
      i++;
      tokens += 0.9;
    }
  }
  return Math.ceil(tokens * GEMINI_MARGIN);
}

/** Counts with a cache keyed by a caller's version key (e.g. `uri@version`), so unchanged editors are not recounted. */
export class TokenCounter {
  private readonly cache = new Map<string, number>();

  constructor(
    readonly family: TokenFamily,
    private readonly maxEntries = 500,
  ) {}

  count(text: string, versionKey?: string): number {
    if (versionKey === undefined) return countTokens(text, this.family);
    const key = `${versionKey}\u0000${text.length}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const tokens = countTokens(text, this.family);
    this.cache.set(key, tokens);
    if (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
    return tokens;
  }
}

