// The commit-message request in one call, so the host's glue only gathers its inputs (the Git extension's diff,
// the last subjects, the settings) and streams the answer through cleanCommitMessage into the commit box.
import { summariseDiff, type DiffSummary } from './diffSummary';
import type { Counter } from '../context/items';
import type { KindRules } from './fileKinds';
import { buildCommitMessagePrompt, commitDiffBudget, type CommitPrompt, type CommitPromptInput } from './prompt';

export interface CommitRequestInput extends Omit<CommitPromptInput, 'diff'>, KindRules {
  /** The raw `git diff` text (repository.diff(true) for staged changes). */
  readonly diff: string;
  readonly limits: { readonly contextWindow: number; readonly reservedOutput: number };
  /** The token counter of the model the request goes to. */
  readonly count: Counter;
  /** Cap on the diff's tokens; COMMIT_DIFF_TOKENS by default. */
  readonly maxDiffTokens?: number;
}

export interface CommitRequest extends CommitPrompt {
  /** What was sent of the diff and what was left out, for the host's log, warnings and progress. */
  readonly summary: DiffSummary;
}

/** Room for role markers and the fence lengths the real diff may need beyond the empty prompt's. */
const PROMPT_MARGIN = 16;

export function prepareCommitRequest(input: CommitRequestInput): CommitRequest {
  const { count } = input;
  const empty = buildCommitMessagePrompt({ ...input, diff: '' });
  const promptTokens = count(empty.system) + count(empty.user) + PROMPT_MARGIN;
  const budget = commitDiffBudget({ ...input.limits, promptTokens }, input.maxDiffTokens);
  const summary = summariseDiff(input.diff, { budget, count, isExcluded: input.isExcluded, isGenerated: input.isGenerated });
  return { ...buildCommitMessagePrompt({ ...input, diff: summary.text }), summary };
}

export interface CommitBoxIntent {
  /** The box holds a message the user wrote or edited: ask before replacing it. */
  readonly ask: boolean;
  /** That message, to pass on as the user's notes on the commit when they choose to replace it. */
  readonly draft?: string;
}

/** Whether Tandem may write the commit box: yes when it is empty or holds exactly what Tandem last wrote there. */
export function commitBoxIntent(current: string, lastWrittenByTandem: string | undefined): CommitBoxIntent {
  if (current.trim() === '' || current === lastWrittenByTandem) return { ask: false };
  return { ask: true, draft: current };
}
