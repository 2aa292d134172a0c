// Git's message shape: a subject of at most 72 characters, a blank line, a body wrapped at 72. The subject is cut
// where a sentence ends when it can be; otherwise at a word with "…", the rest opening the body with "…" (how
// GitHub shortens a long title). The body is re-wrapped only where a line is too long, so lines a person or the
// model broke on purpose stay, and lists keep a hanging indent; code, URLs and trailers are never broken.

export const MAX_SUBJECT = 72;
export const BODY_WIDTH = 72;

/** A subject cut no shorter than this at a sentence end; below it, cutting at a word keeps more of the sentence. */
const MIN_SENTENCE_CUT = 24;
const LIST_ITEM = /^(\s*)([-*+•]|\d+[.)])\s+/;
const TRAILER = /^[A-Za-z][A-Za-z-]*(?:: | #)\S/;

function length(text: string): number {
  return [...text].length;
}

/** The subject within MAX_SUBJECT, and what was cut from it (to open the body), if anything. */
export function fitSubject(subject: string): { subject: string; rest?: string } {
  const text = subject.trim();
  if (length(text) <= MAX_SUBJECT) return { subject: text };
  const chars = [...text];
  const head = chars.slice(0, MAX_SUBJECT + 1).join('');
  let sentenceEnd = -1;
  for (const match of head.matchAll(/(?:[.;!?]|\s[-–—])\s/g)) if (match.index <= MAX_SUBJECT && match.index >= MIN_SENTENCE_CUT) sentenceEnd = match.index;
  if (sentenceEnd > 0) {
    const cut = head.slice(0, sentenceEnd).replace(/[.;]$/, '').trimEnd();
    const rest = chars.join('').slice(sentenceEnd).replace(/^(?:[.;!?]|\s[-–—])\s+/, '').trim();
    return { subject: cut, rest: rest.charAt(0).toUpperCase() + rest.slice(1) };
  }
  const room = chars.slice(0, MAX_SUBJECT - 1).join('');
  const space = room.lastIndexOf(' ');
  const at = space >= MIN_SENTENCE_CUT ? space : room.length;
  return { subject: `${room.slice(0, at).trimEnd()}…`, rest: `…${chars.join('').slice(at).trimStart()}` };
}

/** Words of `text` on lines of at most `width`, the first prefixed by `lead` and the rest by `indent`. */
function wrapWords(text: string, lead: string, indent: string, width: number): string[] {
  const lines: string[] = [];
  let line = lead;
  let empty = true;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (!empty && length(line) + 1 + length(word) > width) {
      lines.push(line);
      line = indent + word;
    } else line = empty ? line + word : `${line} ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}

interface Run {
  /** The list marker with its spacing ('- ', '12. '), '' for prose. */
  readonly marker: string;
  readonly indent: string;
  readonly lines: string[];
}

function isCode(line: string): boolean {
  return /^(?: {4}|\t)/.test(line);
}

/** One paragraph's runs: a list item with its continuation lines, or prose lines between items. */
function runsOf(paragraph: readonly string[]): Run[] {
  const runs: Run[] = [];
  for (const line of paragraph) {
    const item = LIST_ITEM.exec(line);
    const last = runs[runs.length - 1];
    if (item) runs.push({ marker: item[0].slice(item[1].length), indent: item[1], lines: [line] });
    else if (last && last.marker !== '' && /^\s+\S/.test(line) && !isCode(line.slice(last.indent.length))) last.lines.push(line);
    else if (last && last.marker === '' && !isCode(line) && !isCode(last.lines[last.lines.length - 1])) last.lines.push(line);
    else runs.push({ marker: '', indent: '', lines: [line] });
  }
  return runs;
}

function wrapRun(run: Run, width: number): string[] {
  if (run.lines.every((l) => length(l) <= width) || (run.marker === '' && run.lines.every(isCode))) return run.lines;
  const text = run.lines.map((l, i) => (i === 0 ? l.slice(run.indent.length + run.marker.length) : l.trim())).join(' ');
  const hanging = run.indent + ' '.repeat(length(run.marker));
  return wrapWords(text, run.indent + run.marker, hanging, width);
}

/** The body wrapped at `width`; paragraphs of trailers (Signed-off-by:, Fixes #1) and fenced code kept as they are. */
export function wrapBody(body: string, width = BODY_WIDTH): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  let inFence = false;
  const flush = (): void => {
    if (paragraph.length === 0) return;
    const trailers = paragraph.every((l) => TRAILER.test(l) && !/^BREAKING[ -]CHANGE:/.test(l));
    out.push(...(trailers ? paragraph : runsOf(paragraph).flatMap((run) => wrapRun(run, width))));
    paragraph = [];
  };
  for (const line of body.split('\n')) {
    if (/^\s*(?:```|~~~)/.test(line)) {
      flush();
      inFence = !inFence;
      out.push(line);
    } else if (inFence) out.push(line);
    else if (line.trim() === '') {
      flush();
      out.push('');
    } else paragraph.push(line);
  }
  flush();
  return out.join('\n');
}

/** Subject ≤ 72, one blank line after it, the body wrapped; trailing whitespace and extra blank lines removed. */
export function formatCommitMessage(message: string, options: { readonly subjectComplete?: boolean } = {}): string {
  const lines = message.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  if (lines.length === 0) return '';
  const [first, ...rest] = lines;
  const complete = options.subjectComplete ?? true;
  const { subject, rest: overflow } = complete ? fitSubject(first) : { subject: first.trim(), rest: undefined };
  const bodyLines = [...(overflow !== undefined ? [overflow, ''] : []), ...rest];
  while (bodyLines.length > 0 && bodyLines[0] === '') bodyLines.shift();
  const body = wrapBody(bodyLines.join('\n'))
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\s+$/, '');
  return body === '' ? subject : `${subject}\n\n${body}`;
}
