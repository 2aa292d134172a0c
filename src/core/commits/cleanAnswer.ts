// From the model's answer to the text that goes in the commit box. Models asked for "the message only" still
// wrap it in a fence, open with "Here is your commit message:", label the parts ("Subject:", "**Body:**"), add
// markdown emphasis or a closing "Let me know if…", and local reasoning models prefix a <think> block. All of it
// goes; what is left is shaped by formatCommitMessage. Safe on a partial answer: the host cleans the text
// streamed so far at each chunk, and a line that may still become a preamble or a fence is held back.
import { formatCommitMessage } from './messageFormat';

const PREAMBLE = [
  /^(?:sure|okay|ok|certainly|of course|absolutely|great|alright)\b[^\n]*$/i,
  /^(?:here(?:'s| is| are)|below is|this is|i(?:'ve| have) (?:written|generated|created))\b[^\n]*\b(?:commit|message)\b[^\n]*$/i,
  /^(?:(?:a |the )?(?:suggested|proposed|generated|possible|concise)\s+)?commit(?: message)?:?$/i,
  /^based on (?:the|these|your|this)\b[^\n]*[:.,]$/i,
  /^(?:looking at|after (?:reviewing|analy[sz]ing)) (?:the|these|your)\b[^\n]*[:.,]$/i,
];
const POSTSCRIPT = /^(?:this commit message|this message|the commit message above|let me know|feel free|i hope|hope this|you can (?:adjust|modify|edit)|if you(?:'d| would)? (?:like|want|need))\b/i;
const LABEL = /^(?:commit message|subject(?: line)?|title|summary|header)\s*:\s+(?=\S)/i;
const BODY_LABEL = /^(?:body|description|details|message body)\s*:\s*$/i;
const FENCE = /^\s*(`{3,}|~{3,})[^\n`]*$/;
/** How preambles, postscripts, fences and think tags begin: a streaming line that may still become one waits. */
const OPENERS = ['here', 'sure', 'okay', 'certainly', 'of course', 'absolutely', 'great', 'alright', 'based', 'below', 'this is', "i've", 'i have', 'looking', 'after', 'commit', 'suggested', 'proposed', 'generated', 'let me', 'feel free', 'i hope', 'hope this', 'you can', 'if you', '```', '~~~', '<think', '**'];

function mayBecomeChatter(line: string): boolean {
  const start = line.trimStart().toLowerCase();
  return start !== '' && OPENERS.some((o) => o.startsWith(start) || start.startsWith(o));
}

function withoutMarkdown(line: string): string {
  return line
    .replace(/^#{1,6}\s+/, '')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1')
    .replace(/^(\s*)•\s+/, '$1- ');
}

/** The first fenced block's lines, when only preamble comes before it; else the lines without fence markers. */
function unfenced(lines: readonly string[]): string[] {
  const open = lines.findIndex((l) => FENCE.test(l));
  if (open < 0) return [...lines];
  const before = lines.slice(0, open).filter((l) => l.trim() !== '');
  // A short line ending in a colon just above the fence introduces it ("Option 1:", "Suggested message:").
  if (before.every((l) => isPreamble(l) || /^.{0,48}:$/.test(l.trim()))) {
    const marker = FENCE.exec(lines[open])![1];
    const close = lines.findIndex((l, i) => i > open && l.trim().startsWith(marker[0].repeat(marker.length)) && l.trim().replace(/[`~]/g, '') === '');
    return lines.slice(open + 1, close < 0 ? lines.length : close);
  }
  return lines.filter((l) => !FENCE.test(l));
}

function isPreamble(line: string): boolean {
  const plain = withoutMarkdown(line.trim()).replace(/[*_]/g, '').trim();
  return PREAMBLE.some((p) => p.test(plain));
}

/** Paragraphs at the end that talk about the message instead of being part of it. */
function withoutPostscript(lines: string[]): string[] {
  let end = lines.length;
  for (;;) {
    while (end > 0 && lines[end - 1].trim() === '') end--;
    let start = end;
    while (start > 0 && lines[start - 1].trim() !== '') start--;
    // Never the subject's paragraph: a one-paragraph answer is the message, however it reads.
    if (start === 0 || !POSTSCRIPT.test(lines[start].trim())) break;
    end = start;
  }
  return lines.slice(0, end);
}

function unquoted(text: string): string {
  const t = text.trim();
  for (const q of ['"""', "'''", '"', '`', "'"]) {
    if (t.length > 2 * q.length && t.startsWith(q) && t.endsWith(q) && !t.slice(q.length, -q.length).includes(q)) return t.slice(q.length, -q.length).trim();
  }
  return t;
}

export interface CleanOptions {
  /** The answer is still streaming: hold back a last line that may become a preamble, and leave the subject uncut until its line ends. */
  readonly partial?: boolean;
}

export function cleanCommitMessage(answer: string, options: CleanOptions = {}): string {
  let text = answer.replace(/\r\n?/g, '\n').replace(/<think>[\s\S]*?<\/think>/gi, '');
  // A think block still open: nothing of the message has come yet.
  if (/<think>/i.test(text)) text = text.slice(0, text.search(/<think>/i));
  let lines = text.split('\n');
  const lastLineOpen = options.partial === true && !text.endsWith('\n');
  const opensParagraph = lines.length === 1 || lines[lines.length - 2].trim() === '';
  if (lastLineOpen && opensParagraph && mayBecomeChatter(lines[lines.length - 1])) lines = lines.slice(0, -1);
  lines = unfenced(lines);
  while (lines.length > 0 && (lines[0].trim() === '' || isPreamble(lines[0]))) lines.shift();
  lines = withoutPostscript(lines).map(withoutMarkdown).filter((l) => !BODY_LABEL.test(l.trim()));
  if (lines.length === 0) return '';
  lines[0] = unquoted(lines[0].replace(LABEL, '')).replace(LABEL, '');
  const message = lines.length === 1 ? lines[0] : unquoted(lines.join('\n'));
  const subjectComplete = !lastLineOpen || message.includes('\n');
  return formatCommitMessage(message, { subjectComplete });
}
