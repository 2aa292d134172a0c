// Bracket bookkeeping outside strings and line comments, without a parser: enough to tell a closing bracket
// an answer opened itself from one that closes code before the cursor, in any brace language.
import type { LanguageHints } from './languages';

const PAIRS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set(Object.values(PAIRS));

export function isCloser(char: string): boolean {
  return CLOSERS.has(char);
}

export function closerOf(opener: string): string {
  return PAIRS[opener];
}

export interface BracketEvent {
  readonly index: number;
  readonly char: string;
  readonly kind: 'open' | 'close';
}

export interface ScanEnd {
  /** Openers not yet closed, innermost last. */
  readonly openers: readonly string[];
  /** The quote of a string still open at the end, if any. */
  readonly quote: string | undefined;
}

/** Brackets outside strings and comments, starting inside a string of `quote` when given. */
export function bracketEvents(text: string, hints: LanguageHints, quote?: string): BracketEvent[] {
  const events: BracketEvent[] = [];
  scan(text, hints, quote, (event) => events.push(event));
  return events;
}

function scan(text: string, hints: LanguageHints, startQuote: string | undefined, onEvent: (event: BracketEvent) => void): string | undefined {
  let quote = startQuote;
  const comment = hints.lineComment;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      // Only template literals span lines; a newline ends an unterminated ordinary string.
      else if (c === '\n' && quote !== '`') quote = undefined;
      continue;
    }
    if (comment && c === comment[0] && text.startsWith(comment, i)) {
      const end = text.indexOf('\n', i);
      if (end === -1) break;
      i = end;
      continue;
    }
    if (hints.quotes.includes(c)) quote = c;
    else if (PAIRS[c] !== undefined) onEvent({ index: i, char: c, kind: 'open' });
    else if (CLOSERS.has(c)) onEvent({ index: i, char: c, kind: 'close' });
  }
  return quote;
}

/** What is left open at the end of `text`: used on the cursor's line to know what the answer may close. */
export function scanEnd(text: string, hints: LanguageHints, startQuote?: string): ScanEnd {
  const openers: string[] = [];
  const quote = scan(text, hints, startQuote, (event) => {
    if (event.kind === 'open') openers.push(event.char);
    else if (openers.length > 0 && PAIRS[openers[openers.length - 1]] === event.char) openers.pop();
    // A closer that matches nothing on this line closes an earlier line's opener: it leaves this line's alone.
  });
  return { openers, quote };
}

/**
 * The index of the first closer in `text` that closes neither a bracket `text` opened nor one of `outer`
 * (innermost last, consumed as they close); -1 when every closer is accounted for.
 */
export function firstUnmatchedCloser(text: string, hints: LanguageHints, outer: readonly string[] = [], quote?: string): number {
  const local: string[] = [];
  const enclosing = [...outer];
  for (const event of bracketEvents(text, hints, quote)) {
    if (event.kind === 'open') {
      local.push(event.char);
      continue;
    }
    const stack = local.length > 0 ? local : enclosing;
    if (stack.length > 0 && PAIRS[stack[stack.length - 1]] === event.char) stack.pop();
    else return event.index;
  }
  return -1;
}

/** Net bracket depth of `text`: openers minus closers, outside strings and comments. */
export function bracketDepth(text: string, hints: LanguageHints, quote?: string): number {
  let depth = 0;
  for (const event of bracketEvents(text, hints, quote)) depth += event.kind === 'open' ? 1 : -1;
  return depth;
}
