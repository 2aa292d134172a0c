// Which loaded instruction files apply to a request, in what order, within what budget. Cheap and synchronous: the
// host loads files once (and again when a watcher fires) and selects per request.
//
// Applies:
//   - AGENTS.md: the workspace folder's root one, and the nearest one above the active file (the AGENTS.md
//     convention: "the closest AGENTS.md to the edited file wins"); AGENTS.md files elsewhere do not;
//   - .github/copilot-instructions.md: always (no front matter needed);
//   - .github/instructions/*.instructions.md: only when its `applyTo` matches a file in context; without
//     `applyTo` it is never applied automatically, as in Copilot;
//   - .tandem/rules/*.md: when its `applyTo` (or `paths`/`globs`) matches a file in context; without one, always,
//     as Cline and Claude Code treat a rule without paths.
// In a multi-root workspace a folder's files apply when the request has a file in that folder (or no file at all).
//
// Precedence, lowest first, which is also the order in the prompt (later text wins where two disagree):
//   copilot-instructions.md < root AGENTS.md < nearest AGENTS.md < .github/instructions < .tandem/rules.
// Files written for Tandem beat files written for another tool; specific beats general. Ties go by path. Over the
// budget, the lowest precedence is dropped first; a file is sent whole or not at all.
import { folderOf, workspacePath } from '../context/paths';
import { compileApplyTo } from './applyTo';
import { relativeTo, rootOf, type InstructionFile, type InstructionSource, type LoadedInstructions, type SkippedInstruction } from './instructionFiles';
import { INSTRUCTIONS_PREAMBLE, renderInstructionSection } from './instructionRender';

export type InstructionCounter = (text: string) => number;

export interface InstructionRequest {
  /** Workspace-relative path of the file the user works in. */
  readonly activeFile?: string;
  /** Other files in the request's context (open editors, added files); the active file is added to them. */
  readonly contextFiles?: readonly string[];
  /** Workspace folder prefixes, as passed to classifyInstructionPath. */
  readonly roots?: readonly string[];
  /** Sources turned off by a setting (absent = on). */
  readonly sources?: Partial<Readonly<Record<InstructionSource, boolean>>>;
  readonly count: InstructionCounter;
  /** Most tokens the instructions may take in the system prompt, framing included. */
  readonly maxTokens: number;
}

export interface AppliedInstruction {
  readonly path: string;
  readonly source: InstructionSource;
  readonly text: string;
  /** What the file adds to the request: its section, header included. */
  readonly tokens: number;
  /** Why it applies, e.g. "applyTo **\/*.ts matches src/a.ts". */
  readonly why: string;
  /** Higher wins; see the header comment. */
  readonly precedence: number;
  /** The glob that matched, for a scoped file. */
  readonly matchedGlob?: string;
}

export interface InstructionSelection {
  /** In prompt order: lowest precedence first. */
  readonly applied: readonly AppliedInstruction[];
  /** Files that do not apply to this request, with why (including everything the loader skipped). */
  readonly skipped: readonly SkippedInstruction[];
  /** Files that apply but did not fit the budget: the lowest precedence ones. */
  readonly dropped: readonly SkippedInstruction[];
  /** Tokens of renderInstructions(applied), an upper bound; always ≤ budget. */
  readonly totalTokens: number;
  readonly budget: number;
}

/** Room for the separator and for tokens that merge differently where two pieces of text meet. */
const SECTION_MARGIN = 4;
const PRECEDENCE: Readonly<Record<InstructionSource | 'nearestAgentsMd', number>> = {
  copilotInstructions: 0,
  agentsMd: 1,
  nearestAgentsMd: 2,
  githubInstructions: 3,
  tandemRules: 4,
};

/** A sensible cap: 5% of the window, at most 16K tokens (a long AGENTS.md is 2–5K). */
export function defaultInstructionBudget(contextWindow: number): number {
  return Math.max(0, Math.min(16_000, Math.floor(contextWindow * 0.05)));
}

interface Candidate {
  readonly file: InstructionFile;
  readonly precedence: number;
  readonly why: string;
  readonly matchedGlob?: string;
}

/** The AGENTS.md of each folder on the active file's way up, deepest first. */
function nearestAgentsFile(files: readonly InstructionFile[], active: string | undefined): InstructionFile | undefined {
  if (active === undefined) return undefined;
  const byDir = new Map(files.filter((f) => f.source === 'agentsMd').map((f) => [folderOf(f.path), f]));
  for (let dir = folderOf(active); ; dir = folderOf(dir)) {
    const found = byDir.get(dir);
    if (found) return found;
    if (dir === '') return undefined;
  }
}

export function selectInstructions(loaded: LoadedInstructions, request: InstructionRequest): InstructionSelection {
  const roots = request.roots ?? [''];
  const active = request.activeFile === undefined ? undefined : workspacePath(request.activeFile);
  const inContext = [...new Set([...(active === undefined ? [] : [active]), ...(request.contextFiles ?? []).map(workspacePath)])];
  const rootsInPlay = new Set(inContext.map((p) => rootOf(p, roots)).filter((r): r is string => r !== undefined));
  const skipped: SkippedInstruction[] = [...loaded.skipped];
  const skip = (file: InstructionFile, reason: SkippedInstruction['reason'], message: string) =>
    skipped.push({ path: file.path, source: file.source, reason, message });

  const nearest = nearestAgentsFile(loaded.files, active);
  const candidates: Candidate[] = [];
  for (const file of loaded.files) {
    if (request.sources?.[file.source] === false) {
      skip(file, 'sourceDisabled', `${file.path} is not used: its kind of instruction file is turned off in the settings.`);
      continue;
    }
    if (inContext.length > 0 && !rootsInPlay.has(file.root)) {
      skip(file, 'otherFolder', `${file.path} belongs to another workspace folder than the files in context.`);
      continue;
    }
    const candidate = applicability(file, nearest, inContext);
    if ('reason' in candidate) skip(file, candidate.reason, candidate.message);
    else candidates.push(candidate);
  }
  return fitBudget(candidates, skipped, request);
}

type Verdict = Candidate | { readonly reason: SkippedInstruction['reason']; readonly message: string };

function applicability(file: InstructionFile, nearest: InstructionFile | undefined, inContext: readonly string[]): Verdict {
  switch (file.source) {
    case 'copilotInstructions':
      return { file, precedence: PRECEDENCE.copilotInstructions, why: 'applies to every request' };
    case 'agentsMd': {
      if (file.relative.toLowerCase() === 'agents.md') {
        return { file, precedence: PRECEDENCE.agentsMd, why: 'the workspace folder’s AGENTS.md applies to every request' };
      }
      if (file === nearest) return { file, precedence: PRECEDENCE.nearestAgentsMd, why: 'the AGENTS.md nearest to the active file' };
      return { reason: 'notNearest', message: `${file.path} is not used: only the AGENTS.md nearest to the active file (and the root one) applies.` };
    }
    case 'githubInstructions':
    case 'tandemRules': {
      if (file.applyTo === undefined) {
        if (file.source === 'tandemRules') return { file, precedence: PRECEDENCE.tandemRules, why: 'a rule without applyTo applies to every request' };
        return { reason: 'noApplyTo', message: `${file.path} has no applyTo in its front matter, so it is never applied automatically (as in Copilot).` };
      }
      if (file.applyTo.length === 0) return { reason: 'noMatch', message: `${file.path} has an empty applyTo: it matches no file.` };
      const relative = inContext.filter((p) => rootOf(p, [file.root]) === file.root).map((p) => relativeTo(file.root, p));
      const hit = compileApplyTo(file.applyTo).match(relative);
      const precedence = PRECEDENCE[file.source];
      if (!hit) return { reason: 'noMatch', message: `${file.path} applies to ${file.applyTo.join(', ')}: no file in context matches.` };
      const why = hit.path === undefined ? `applyTo ${hit.glob} applies to every request` : `applyTo ${hit.glob} matches ${hit.path}`;
      return { file, precedence, why, matchedGlob: hit.glob };
    }
  }
}

const inPromptOrder = (a: Candidate, b: Candidate): number => a.precedence - b.precedence || a.file.path.localeCompare(b.file.path);

/**
 * Highest precedence first, each file whole if it fits what is left; the rest is dropped, with why. This is the
 * same as dropping the lowest precedence until the rest fits, then putting back any dropped file that still fits.
 */
function fitBudget(candidates: Candidate[], skipped: SkippedInstruction[], request: InstructionRequest): InstructionSelection {
  const budget = Math.max(0, Math.floor(request.maxTokens));
  const ordered = [...candidates].sort(inPromptOrder);
  const preamble = request.count(INSTRUCTIONS_PREAMBLE) + SECTION_MARGIN;
  const kept = new Map<Candidate, number>();
  const dropped: SkippedInstruction[] = [];
  let total = 0;
  for (const candidate of [...ordered].reverse()) {
    const section = renderInstructionSection({ path: candidate.file.path, text: candidate.file.text, matchedGlob: candidate.matchedGlob });
    const cost = request.count(section) + SECTION_MARGIN;
    const framing = kept.size === 0 ? preamble : 0;
    if (total + framing + cost <= budget) {
      kept.set(candidate, cost);
      total += framing + cost;
    } else {
      const { path, source } = candidate.file;
      dropped.push({ path, source, reason: 'overBudget', message: `${path} left out: its ${cost} tokens do not fit the ${budget}-token budget for instructions.` });
    }
  }
  const applied = ordered
    .filter((c) => kept.has(c))
    .map((c): AppliedInstruction => ({
      path: c.file.path,
      source: c.file.source,
      text: c.file.text,
      tokens: kept.get(c)!,
      why: c.why,
      precedence: c.precedence,
      ...(c.matchedGlob !== undefined ? { matchedGlob: c.matchedGlob } : {}),
    }));
  const promptIndex = new Map(ordered.map((c, index) => [c.file.path, index]));
  dropped.sort((a, b) => promptIndex.get(a.path)! - promptIndex.get(b.path)!);
  return { applied, skipped, dropped, totalTokens: total, budget };
}
