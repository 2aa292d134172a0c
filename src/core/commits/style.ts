// A repository's commit-subject habits, read from its recent subjects, so a generated message fits in. Each habit
// is reported only when most subjects share it: a mixed history gives no instruction rather than a wrong one.
// Merges, reverts, fixups and bare version numbers are written by tools, not people, and are left out.

export type Mood = 'imperative' | 'past' | 'present';

export interface TicketHabit {
  /** `ABC-123` (tracker keys) or `#123` (issue numbers). */
  readonly kind: 'key' | 'number';
  readonly position: 'start' | 'end';
  /** The ticket as the subjects write it, with the id as {id}: `[{id}] `, `{id}: `, ` ({id})`. */
  readonly shape: string;
  /** Tracker keys seen (ABC in ABC-123), so a branch name is read only for a key this repository uses. */
  readonly keys: readonly string[];
}

export interface CommitStyle {
  /** Subjects the style was read from. */
  readonly sampleSize: number;
  /** Conventional Commits, when most subjects use them: types and scopes by how often they appear. */
  readonly conventional?: { readonly types: readonly string[]; readonly scopes: readonly string[]; readonly usesScope: boolean };
  /** `area: description` without a Conventional type (Go's `net/http: …`, or `Edits: …`). */
  readonly areaPrefix?: { readonly examples: readonly string[] };
  readonly ticket?: TicketHabit;
  /** Subjects end with ` (#123)`: the pull request number GitHub adds when it squash-merges. */
  readonly pullRequestSuffix: boolean;
  readonly mood?: Mood;
  /** Whether the description's first letter is a capital (after any type, area or ticket). */
  readonly capitalised?: boolean;
  readonly trailingPeriod?: boolean;
  /** Subjects start with an emoji or a :shortcode: (gitmoji). */
  readonly emoji: boolean;
  readonly length: { readonly typical: number; readonly longest: number };
}

/** Share of subjects a habit needs to count as the repository's. */
const MOST = 0.6;
const CONVENTIONAL_TYPES = new Set(['feat', 'fix', 'docs', 'doc', 'style', 'refactor', 'perf', 'test', 'tests', 'build', 'ci', 'chore', 'revert', 'deps', 'release', 'wip', 'security', 'i18n', 'types', 'hotfix', 'config', 'infra', 'ops', 'init']);
const TOOL_WRITTEN = /^(?:Merge (?:branch|pull request|remote-tracking branch|tag|commit)\b|Merge .* into |Revert "|(?:fixup|squash|amend)! |v?\d+\.\d+(?:\.\d+)?(?:[-+][\w.]+)?$)/;
const EMOJI = /^(?::[a-z0-9_+-]+:|\p{Extended_Pictographic}\uFE0F?)\s*/u;
const KEY = /[A-Z][A-Z0-9]{1,9}-\d+/;
const TICKET_START = new RegExp(String.raw`^(\[|\()?(${KEY.source}|#\d+)(\]|\))?(:?\s+|\s*-\s+)`);
const TICKET_END = new RegExp(String.raw`(\s*)(\[|\()?(${KEY.source}|#\d+)(\]|\))?\.?$`);
const CONVENTIONAL = /^([a-z]+)(?:\(([^)]+)\))?(!)?: (.+)$/i;
const AREA = /^([\w./@-]+(?: [\w./@-]+){0,2}(?: \([^)]*\))?): (.+)$/;

/** Base forms of verbs that commit subjects start with. */
const VERBS = new Set(
  ('accept add adjust allow apply avoid bring build bump cache catch change check clarify clean close configure convert copy correct create ' +
    'deduplicate delete deprecate disable document drop emit enable ensure expose extend extract fetch find fix format generate get give guard ' +
    'handle harden hide ignore implement import improve include increase decrease inline install integrate introduce keep limit list load log ' +
    'lower make map mark match merge migrate move normalize normalise open optimize optimise parse pass pin polish prepare prevent print provide ' +
    'raise read redirect reduce refactor register reject release remove rename render reorder replace report require reset resolve respect ' +
    'restore retry return reuse revert rework rewrite run save scroll select send separate set share shorten show simplify skip sort speed split ' +
    'start stop store strip stub support switch sync tag teach test throw tidy track translate trim tweak unify unpin update upgrade use ' +
    'validate warn wire wrap write').split(' '),
);
const IRREGULAR_PAST: Record<string, string> = {
  made: 'make', wrote: 'write', rewrote: 'rewrite', built: 'build', ran: 'run', broke: 'break', chose: 'choose', did: 'do', found: 'find',
  got: 'get', gave: 'give', kept: 'keep', left: 'leave', lost: 'lose', sent: 'send', began: 'begin', threw: 'throw', caught: 'catch',
  taught: 'teach', brought: 'bring', hid: 'hide', undid: 'undo', shown: 'show',
};

/** The mood of a subject's first word, or undefined when it is not a verb this list knows. */
export function moodOf(word: string): Mood | undefined {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (VERBS.has(w)) return 'imperative';
  if (IRREGULAR_PAST[w] !== undefined) return 'past';
  if (w.endsWith('ed')) {
    const stems = [w.slice(0, -1), w.slice(0, -2), w.slice(0, -3), w.endsWith('ied') ? `${w.slice(0, -3)}y` : ''];
    if (stems.some((s) => VERBS.has(s))) return 'past';
  }
  if (w.endsWith('s')) {
    const stems = [w.slice(0, -1), w.slice(0, -2), w.endsWith('ies') ? `${w.slice(0, -3)}y` : ''];
    if (stems.some((s) => VERBS.has(s))) return 'present';
  }
  return undefined;
}

interface Parsed {
  readonly subject: string;
  readonly emoji: boolean;
  readonly ticket?: { kind: 'key' | 'number'; position: 'start' | 'end'; shape: string; id: string };
  readonly pullRequest: boolean;
  readonly conventional?: { type: string; scope?: string };
  readonly area?: string;
  readonly description: string;
}

/** Names with a number that are standards or versions, not tickets: UTF-8, SHA-256, ES-2020, GPT-5, RFC-9110. */
const NOT_A_TRACKER = new Set(['UTF', 'UCS', 'ISO', 'SHA', 'MD', 'AES', 'RSA', 'ECMA', 'ES', 'PEP', 'RFC', 'CVE', 'CWE', 'GPT', 'HTTP', 'TLS', 'SSL', 'COVID', 'IEEE', 'ANSI', 'WCAG', 'ARM', 'IPV', 'PHP', 'PY', 'NODE', 'V']);

function isTicket(id: string): boolean {
  return id.startsWith('#') || !NOT_A_TRACKER.has(id.split('-')[0]);
}

function ticketKind(id: string): 'key' | 'number' {
  return id.startsWith('#') ? 'number' : 'key';
}

function parseSubject(subject: string): Parsed {
  let rest = subject.trim();
  const emoji = EMOJI.exec(rest);
  if (emoji) rest = rest.slice(emoji[0].length);
  let ticket: Parsed['ticket'];
  let pullRequest = false;
  const start = TICKET_START.exec(rest);
  if (start && isTicket(start[2]) && (start[1] === undefined) === (start[3] === undefined)) {
    ticket = { kind: ticketKind(start[2]), position: 'start', shape: `${start[1] ?? ''}{id}${start[3] ?? ''}${start[4].replace(/\s+/, ' ')}`, id: start[2] };
    rest = rest.slice(start[0].length);
  }
  const end = TICKET_END.exec(rest);
  if (end && !ticket && end.index > 0 && isTicket(end[3]) && (end[2] === undefined) === (end[4] === undefined) && (end[1] !== '' || end[2] !== undefined)) {
    if (end[3].startsWith('#') && end[2] === '(') pullRequest = true;
    else ticket = { kind: ticketKind(end[3]), position: 'end', shape: `${end[1] === '' ? '' : ' '}${end[2] ?? ''}{id}${end[4] ?? ''}`, id: end[3] };
    rest = rest.slice(0, end.index);
  }
  const conventional = CONVENTIONAL.exec(rest);
  if (conventional && CONVENTIONAL_TYPES.has(conventional[1].toLowerCase())) {
    return { subject, emoji: !!emoji, ticket, pullRequest, conventional: { type: conventional[1], scope: conventional[2] }, description: conventional[4] };
  }
  const area = AREA.exec(rest);
  if (area) return { subject, emoji: !!emoji, ticket, pullRequest, area: area[1], description: area[2] };
  return { subject, emoji: !!emoji, ticket, pullRequest, description: rest };
}

/** The values sorted by how often they appear, most first (first seen first when equal). */
function byFrequency(values: readonly string[]): string[] {
  const seen = new Map<string, number>();
  for (const v of values) seen.set(v, (seen.get(v) ?? 0) + 1);
  return [...seen.entries()].sort((a, b) => b[1] - a[1]).map(([v]) => v);
}

/** true/false when at least MOST of the known cases agree, undefined when mixed or too few. */
function habit(values: readonly (boolean | undefined)[], total: number): boolean | undefined {
  const known = values.filter((v): v is boolean => v !== undefined);
  if (known.length < Math.max(2, total * 0.4)) return undefined;
  const yes = known.filter((v) => v).length;
  if (yes >= known.length * MOST) return true;
  if (known.length - yes >= known.length * MOST) return false;
  return undefined;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

export function analyzeCommitStyle(subjects: readonly string[]): CommitStyle {
  const parsed = subjects
    .map((s) => s.split('\n')[0].trim())
    .filter((s) => s !== '' && !TOOL_WRITTEN.test(s))
    .map(parseSubject);
  const n = parsed.length;
  const lengths = parsed.map((p) => [...p.subject].length).sort((a, b) => a - b);
  const conventional = parsed.filter((p) => p.conventional);
  const areas = parsed.filter((p) => p.area !== undefined);
  const tickets = parsed.map((p) => p.ticket).filter((t) => t !== undefined);
  const moods = parsed.map((p) => moodOf(p.description.split(/\s+/)[0] ?? ''));
  const knownMoods = moods.filter((m) => m !== undefined);
  const topMood = byFrequency(knownMoods)[0] as Mood | undefined;
  const firstLetters = parsed.map((p) => (/^\p{L}/u.test(p.description) ? p.description[0] !== p.description[0].toLowerCase() : undefined));
  const shapes = byFrequency(tickets.map((t) => `${t.position}\u0000${t.shape}`));
  const [position, shape] = (shapes[0] ?? '').split('\u0000') as ['start' | 'end', string];
  return {
    sampleSize: n,
    ...(n > 0 && conventional.length >= n * 0.5
      ? {
          conventional: {
            types: byFrequency(conventional.map((p) => p.conventional!.type)),
            scopes: byFrequency(conventional.map((p) => p.conventional!.scope).filter((s) => s !== undefined)),
            usesScope: conventional.filter((p) => p.conventional!.scope !== undefined).length >= conventional.length * 0.5,
          },
        }
      : {}),
    ...(n > 0 && areas.length >= n * MOST ? { areaPrefix: { examples: byFrequency(areas.map((p) => p.area!)).slice(0, 3) } } : {}),
    ...(n > 0 && tickets.length >= Math.max(2, n * 0.25)
      ? { ticket: { kind: ticketKind(tickets.find((t) => t.shape === shape)!.id), position, shape, keys: byFrequency(tickets.filter((t) => t.kind === 'key').map((t) => t.id.split('-')[0])) } }
      : {}),
    pullRequestSuffix: n > 0 && parsed.filter((p) => p.pullRequest).length >= Math.max(2, n * 0.25),
    ...(topMood && knownMoods.length >= Math.max(2, n * 0.4) && knownMoods.filter((m) => m === topMood).length >= knownMoods.length * MOST ? { mood: topMood } : {}),
    ...optional('capitalised', habit(firstLetters, n)),
    ...optional('trailingPeriod', habit(parsed.map((p) => p.subject.endsWith('.')), n)),
    emoji: n > 0 && parsed.filter((p) => p.emoji).length >= n * MOST,
    length: { typical: percentile(lengths, 0.5), longest: lengths[lengths.length - 1] ?? 0 },
  };
}

function optional<K extends string>(key: K, value: boolean | undefined): { [P in K]?: boolean } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: boolean };
}

/**
 * A ticket id in a branch name (feature/abc-123-login → ABC-123), only for a tracker key the subjects use, or an
 * issue number (123-fix-login → #123) when the subjects carry issue numbers: anything else would be a guess.
 */
export function ticketFromBranch(branch: string | undefined, ticket: TicketHabit | undefined): string | undefined {
  if (!branch || !ticket) return undefined;
  if (ticket.kind === 'key') {
    for (const match of branch.toUpperCase().matchAll(/([A-Z][A-Z0-9]{1,9})-(\d+)/g)) if (ticket.keys.includes(match[1])) return `${match[1]}-${match[2]}`;
    return undefined;
  }
  const number = /(?:^|\/)(?:issue-|gh-)?(\d+)(?:-|$)/i.exec(branch);
  return number ? `#${number[1]}` : undefined;
}

const MOOD_RULE: Record<Mood, string> = {
  imperative: 'Imperative mood, as in "Add", "Fix" (not "Added" or "Adds").',
  past: 'Past tense, as in "Added", "Fixed", as this repository does.',
  present: 'Third person present, as in "Adds", "Fixes", as this repository does.',
};

/** Fewer subjects than this say nothing reliable about a style. */
const MIN_SAMPLE = 3;

function quoted(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

/** The style as a short instruction for the prompt; empty when the history is too short to say. */
export function describeCommitStyle(style: CommitStyle, options: { readonly branch?: string } = {}): string {
  if (style.sampleSize < MIN_SAMPLE) return '';
  const rules: string[] = [];
  if (style.emoji) rules.push('Start the subject with an emoji, as the recent subjects do.');
  if (style.conventional) {
    const { types, scopes, usesScope } = style.conventional;
    const form = usesScope ? '`type(scope): description`' : '`type: description`';
    const scopeNote = usesScope && scopes.length > 0 ? ` Scopes seen: ${scopes.slice(0, 8).join(', ')}.` : '';
    rules.push(`Conventional Commits: ${form}, types used here: ${types.slice(0, 8).join(', ')}.${scopeNote}`);
  } else if (style.areaPrefix) {
    rules.push(`Start with the area the change is in and a colon, like ${quoted(style.areaPrefix.examples.map((a) => `${a}: `))}.`);
  }
  if (style.ticket) {
    const where = style.ticket.position === 'start' ? 'at the start' : 'at the end';
    const example = style.ticket.shape.replace('{id}', style.ticket.kind === 'key' ? `${style.ticket.keys[0] ?? 'ABC'}-123` : '#123');
    const known = ticketFromBranch(options.branch, style.ticket);
    rules.push(
      known
        ? `Put the ticket id ${where}, written like "${example}": the branch name gives ${known}.`
        : `Subjects often carry a ticket id ${where} ("${example}"); add one only if the user's instructions give it, never invent one.`,
    );
  }
  if (style.pullRequestSuffix) rules.push('Do not add a pull request number like " (#123)": GitHub adds it when it merges.');
  if (style.mood) rules.push(MOOD_RULE[style.mood]);
  if (style.capitalised !== undefined) rules.push(style.capitalised ? 'The description starts with a capital letter.' : 'The description starts with a lowercase letter.');
  if (style.trailingPeriod !== undefined) rules.push(style.trailingPeriod ? 'End the subject with a period.' : 'No period at the end of the subject.');
  rules.push(
    style.length.typical <= 72
      ? `Subjects here are typically ${style.length.typical} characters long; never longer than 72.`
      : `Recent subjects run long (typically ${style.length.typical} characters), but keep this one to 72 and put the details in the body.`,
  );
  return `This repository's commit style, from its last ${style.sampleSize} subjects:\n${rules.map((r) => `- ${r}`).join('\n')}`;
}
