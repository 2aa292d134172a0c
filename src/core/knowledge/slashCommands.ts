// The composer's slash commands: Tandem's built-ins and the workspace's prompt files, in one list. A prompt file
// may take a built-in's name (a team's own /tests is a fair wish), but never silently: the merge says so, and the
// command carries what it replaces. Between prompt files, .tandem/prompts hides .github/prompts.
import type { EditCommand } from '../edits/prompts';
import type { PromptInput } from './placeholders';
import type { PromptFile } from './promptFiles';

/** What a built-in runs: the editor commands of prompts.ts. */
export type BuiltinAction = 'explain' | Extract<EditCommand, 'fix' | 'tests' | 'docs'>;

export interface BuiltinSlashCommand {
  readonly source: 'builtin';
  readonly name: string;
  readonly description: string;
  readonly action: BuiltinAction;
}

export interface PromptSlashCommand {
  readonly source: 'promptFile';
  readonly name: string;
  readonly description: string;
  readonly prompt: PromptFile;
  /** Set when this file took a built-in's name. */
  readonly replacesBuiltin?: BuiltinAction;
}

export type SlashCommand = BuiltinSlashCommand | PromptSlashCommand;

export const BUILTIN_SLASH_COMMANDS: readonly BuiltinSlashCommand[] = [
  { source: 'builtin', name: 'explain', description: 'Explain the selected code', action: 'explain' },
  { source: 'builtin', name: 'fix', description: 'Fix the bugs in the selected code', action: 'fix' },
  { source: 'builtin', name: 'tests', description: 'Write unit tests for the selected code', action: 'tests' },
  { source: 'builtin', name: 'doc', description: 'Add documentation comments', action: 'docs' },
];

export interface SlashCommandNotice {
  readonly name: string;
  readonly kind: 'replacesBuiltin' | 'hiddenByOtherFile';
  /** The prompt file the notice is about. */
  readonly path: string;
  readonly message: string;
}

export interface SlashCommandSet {
  /** Sorted by name. */
  readonly commands: readonly SlashCommand[];
  readonly notices: readonly SlashCommandNotice[];
}

function describePrompt(prompt: PromptFile): string {
  return prompt.description ?? `Prompt from ${prompt.path}`;
}

export function buildSlashCommands(prompts: readonly PromptFile[], builtins: readonly BuiltinSlashCommand[] = BUILTIN_SLASH_COMMANDS): SlashCommandSet {
  const notices: SlashCommandNotice[] = [];
  const byName = new Map<string, SlashCommand>(builtins.map((b) => [b.name, b]));
  const ranked = [...prompts].sort((a, b) => a.folderRank - b.folderRank || a.path.localeCompare(b.path));
  const taken = new Map<string, PromptFile>();
  for (const prompt of ranked) {
    const winner = taken.get(prompt.name);
    if (winner) {
      notices.push({
        name: prompt.name,
        kind: 'hiddenByOtherFile',
        path: prompt.path,
        message: `/${prompt.name} from ${prompt.path} is hidden by ${winner.path}, which has the same name.`,
      });
      continue;
    }
    taken.set(prompt.name, prompt);
    const existing = byName.get(prompt.name);
    const replaces = existing?.source === 'builtin' ? existing.action : undefined;
    if (replaces !== undefined) {
      notices.push({ name: prompt.name, kind: 'replacesBuiltin', path: prompt.path, message: `/${prompt.name} from ${prompt.path} replaces the built-in /${prompt.name}.` });
    }
    byName.set(prompt.name, { source: 'promptFile', name: prompt.name, description: describePrompt(prompt), prompt, ...(replaces !== undefined ? { replacesBuiltin: replaces } : {}) });
  }
  return { commands: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)), notices };
}

/**
 * Completion while the user types a command: for "/", every command; for "/re", the commands starting with "re",
 * then those containing it. Nothing once the command is followed by a space, or for text not starting with "/".
 */
export function completeSlashCommand(commands: readonly SlashCommand[], typed: string): SlashCommand[] {
  const match = /^\/([^\s/]*)$/.exec(typed.trimStart());
  if (!match) return [];
  const prefix = match[1].toLowerCase();
  const starts = commands.filter((c) => c.name.startsWith(prefix));
  const contains = commands.filter((c) => !c.name.startsWith(prefix) && c.name.includes(prefix));
  return [...starts, ...contains];
}

export interface SlashInvocation {
  readonly name: string;
  /** What follows the command, trimmed (without the ":" VS Code allows after the name). */
  readonly args: string;
}

/** "/review: focus on errors" → { name: 'review', args: 'focus on errors' }; undefined for an ordinary message. */
export function parseSlashInvocation(message: string): SlashInvocation | undefined {
  const match = /^\s*\/([A-Za-z0-9][\w.-]*):?(?:\s+([\s\S]*))?$/.exec(message);
  if (!match) return undefined;
  return { name: match[1].toLowerCase(), args: (match[2] ?? '').trim() };
}

export function findSlashCommand(commands: readonly SlashCommand[], name: string): SlashCommand | undefined {
  return commands.find((c) => c.name === name.toLowerCase());
}

export interface ArgumentInputs {
  readonly values: Readonly<Record<string, string>>;
  /** Argument text that filled no input: the user's extra words, to send after the prompt. */
  readonly rest: string;
}

/**
 * Input values from what was typed after the command: `name=value` or `name="a value"` pairs as in VS Code
 * (`/create-form: formName=Login`); when the prompt has exactly one input and no pair was given, the whole text.
 */
export function inputsFromArguments(inputs: readonly PromptInput[], args: string): ArgumentInputs {
  const known = new Set(inputs.map((i) => i.name));
  const values: Record<string, string> = {};
  const pair = /(?:^|\s)([A-Za-z_][\w-]*)=(?:"([^"]*)"|'([^']*)'|(\S*))/g;
  let rest = args;
  for (const m of args.matchAll(pair)) {
    if (!known.has(m[1])) continue;
    values[m[1]] = m[2] ?? m[3] ?? m[4] ?? '';
    rest = rest.replace(m[0].trim(), '');
  }
  rest = rest.replace(/\s{2,}/g, ' ').trim();
  if (Object.keys(values).length === 0 && inputs.length === 1 && rest !== '') return { values: { [inputs[0].name]: rest }, rest: '' };
  return { values, rest };
}
