// A recorded-style typing session for simulating completions: a TypeScript function typed into a small file,
// with the rhythm of a practised typist writing code (letters ~140 ms apart within a word, slower around spaces
// and shifted symbols, every tenth gap or so a hesitation of a third of a second or more), pauses to think,
// two typos fixed with Backspace, and a helper pasted at the end. The gaps are written as a fixed cycle rather
// than drawn at random, so every run replays the same keystrokes.

export type TraceStep =
  /** One keystroke that inserts `text` at the cursor: a character, or Enter with the editor's auto-indent. */
  | { readonly kind: 'type'; readonly text: string; readonly gapMs: number }
  | { readonly kind: 'backspace'; readonly gapMs: number }
  /** Many characters inserted at once. */
  | { readonly kind: 'paste'; readonly text: string; readonly gapMs: number };

export interface TypingTrace {
  readonly name: string;
  readonly path: string;
  readonly languageId: string;
  /** The document before the first step. */
  readonly initialText: string;
  /** Where typing starts in `initialText`. */
  readonly cursor: number;
  readonly steps: readonly TraceStep[];
}

/** Multipliers applied in turn to the base gap: mostly near 1, some quick, some hesitant. */
const RHYTHM = [0.8, 1.1, 0.7, 1.3, 0.9, 1.0, 2.4, 0.85, 1.2, 0.75, 1.05, 1.6, 0.9, 0.8, 1.15, 3.1, 0.95, 1.25, 0.7, 1.0];
const LETTER_MS = 140;
const SPACE_MS = 190;
/** Shifted symbols and brackets take a second finger. */
const SYMBOL_MS = 250;
const ENTER_MS = 320;

function baseGap(char: string, previous: string): number {
  if (char === ' ' || previous === ' ') return SPACE_MS;
  if (/[A-Za-z0-9]/.test(char)) return LETTER_MS;
  return SYMBOL_MS;
}

/** Builds a trace keystroke by keystroke; pauses add to the gap before the next keystroke. */
export class TraceBuilder {
  private readonly steps: TraceStep[] = [];
  private beat = 0;
  private extra = 0;
  private previous = '\n';

  private gap(base: number): number {
    const ms = Math.round(base * RHYTHM[this.beat++ % RHYTHM.length]) + this.extra;
    this.extra = 0;
    return ms;
  }

  type(text: string): this {
    for (const char of text) {
      this.steps.push({ kind: 'type', text: char, gapMs: this.gap(baseGap(char, this.previous)) });
      this.previous = char;
    }
    return this;
  }

  /** Enter, with the indentation the editor puts on the new line. */
  enter(indent = ''): this {
    this.steps.push({ kind: 'type', text: `\n${indent}`, gapMs: this.gap(ENTER_MS) });
    this.previous = '\n';
    return this;
  }

  /** A line typed after its indentation, then Enter with the next line's indentation. */
  line(text: string, nextIndent = ''): this {
    return this.type(text.trimStart()).enter(nextIndent);
  }

  /** `wrong` typed by mistake, then taken back with Backspace. */
  typo(wrong: string): this {
    this.type(wrong);
    for (let i = 0; i < wrong.length; i++) this.steps.push({ kind: 'backspace', gapMs: this.gap(i === 0 ? 420 : 160) });
    return this;
  }

  pause(ms: number): this {
    this.extra += ms;
    return this;
  }

  paste(text: string): this {
    this.steps.push({ kind: 'paste', text, gapMs: this.gap(ENTER_MS) });
    return this;
  }

  build(): TraceStep[] {
    return [...this.steps];
  }
}

const BEFORE = "import type { Order } from './types';\n\n";
const AFTER = '\n\nexport const VERSION = 2;\n';

function summarizeSteps(): TraceStep[] {
  return new TraceBuilder()
    .line('export function summarize(orders: Order[]): string {', '  ')
    .pause(1_400)
    .type('const paid = orders.filter((')
    .typo('ordr')
    .line('order) => order.status === \'paid\');', '  ')
    .type('const total = paid.reduce((sum, order) => ')
    .pause(700)
    .line('sum + order.amount, 0);', '  ')
    .line('if (paid.length === 0) {', '    ')
    .line("return 'No paid orders yet.';", '  ')
    .line('}', '  ')
    .pause(2_100)
    .type('const average = total / paid.len')
    .typo('ght')
    .line('gth;', '  ')
    .type('return `${paid.length} orders, ${formatMoney(total)} in total, ')
    .pause(900)
    .line('${formatMoney(average)} on average`;', '')
    .type('}')
    .pause(1_600)
    .paste('\n\nfunction formatMoney(cents: number): string {\n  return `$${(cents / 100).toFixed(2)}`;\n}')
    .build();
}

/** About 440 typed characters of TypeScript, two typos, three thinking pauses and a pasted helper. */
export const TYPESCRIPT_TRACE: TypingTrace = {
  name: 'summarize() in orders.ts',
  path: 'src/orders.ts',
  languageId: 'typescript',
  initialText: BEFORE + AFTER,
  cursor: BEFORE.length,
  steps: summarizeSteps(),
};

/** The document and cursor after each step, starting from the trace's initial state. */
export function* replayEdits(trace: TypingTrace): Generator<{ readonly step: TraceStep; readonly text: string; readonly cursor: number; readonly inserted: string }> {
  let text = trace.initialText;
  let cursor = trace.cursor;
  for (const step of trace.steps) {
    if (step.kind === 'backspace') {
      text = text.slice(0, cursor - 1) + text.slice(cursor);
      cursor--;
      yield { step, text, cursor, inserted: '' };
      continue;
    }
    text = text.slice(0, cursor) + step.text + text.slice(cursor);
    cursor += step.text.length;
    yield { step, text, cursor, inserted: step.text };
  }
}

/** The document once every step is applied. */
export function finalText(trace: TypingTrace): string {
  let last = trace.initialText;
  for (const state of replayEdits(trace)) last = state.text;
  return last;
}
