// The one chip that stands for every instruction file of a request: "Rules: AGENTS.md, 2 more · 430 tokens". It
// lists the files (to open them) and says what did not fit. Token numbers stay numbers: the webview formats them
// as it formats every other count.
import type { InstructionSelection } from './instructionSelect';

export type RulesChipState = 'on' | 'off' | 'restricted';

export interface RulesChipFile {
  readonly path: string;
  readonly label: string;
  readonly tokens: number;
  readonly state: 'applied' | 'dropped';
  /** Why it applies, or why it was left out. */
  readonly note: string;
}

export interface RulesChip {
  readonly state: RulesChipState;
  /** "Rules: AGENTS.md, 2 more", "Rules (off): AGENTS.md", "Rules: not read (Restricted Mode)". */
  readonly title: string;
  /** Tokens the instructions add to the request (0 when off or not read). */
  readonly tokens: number;
  /** Applied files in prompt order, then dropped ones. */
  readonly files: readonly RulesChipFile[];
  /** What the user should know: files left out for the budget. */
  readonly notes: readonly string[];
}

export interface RulesChipOptions {
  /** False when the user turned rules off for this chat. */
  readonly enabled?: boolean;
}

/** AGENTS.md files are told apart by their folder; other files by name. */
function labelOf(path: string, source: string): string {
  if (source === 'agentsMd') {
    const parts = path.split('/');
    return parts.slice(-2).join('/');
  }
  return path.slice(path.lastIndexOf('/') + 1);
}

function named(files: readonly RulesChipFile[]): string {
  if (files.length === 0) return 'none fit';
  return files.length === 1 ? files[0].label : `${files[0].label}, ${files.length - 1} more`;
}

/** Undefined when the request has no instruction file at all: no chip. */
export function buildRulesChip(selection: InstructionSelection, options: RulesChipOptions = {}): RulesChip | undefined {
  if (selection.skipped.some((s) => s.reason === 'untrustedWorkspace')) {
    return {
      state: 'restricted',
      title: 'Rules: not read (Restricted Mode)',
      tokens: 0,
      files: [],
      notes: ['Instruction files are not read in an untrusted workspace. Trust the workspace to use them.'],
    };
  }
  const applied = selection.applied.map((a): RulesChipFile => ({ path: a.path, label: labelOf(a.path, a.source), tokens: a.tokens, state: 'applied', note: a.why }));
  const dropped = selection.dropped.map((d): RulesChipFile => ({ path: d.path, label: labelOf(d.path, d.source), tokens: 0, state: 'dropped', note: d.message }));
  if (applied.length === 0 && dropped.length === 0) return undefined;
  const files = [...applied, ...dropped];
  const notes = dropped.map((d) => d.note);
  if (options.enabled === false) return { state: 'off', title: `Rules (off): ${named(applied.length ? applied : dropped)}`, tokens: 0, files, notes };
  return { state: 'on', title: `Rules: ${named(applied)}`, tokens: selection.totalTokens, files, notes };
}

/** The chip as one line; pass the webview's formatTokens for "1.2K". */
export function rulesChipText(chip: RulesChip, formatTokens: (n: number) => string = String): string {
  return chip.state === 'on' && chip.tokens > 0 ? `${chip.title} · ${formatTokens(chip.tokens)} tokens` : chip.title;
}
