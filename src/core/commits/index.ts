// The commit-message module's public surface: read and summarise a diff, read the repository's style, build the
// request, clean the answer. prepareCommitRequest does the first three in one call.
export { parseGitDiff, type DiffHunk, type FileChange, type FileDiff } from './diffParse';
export { GENERATED_GLOBS, LOCK_FILE_GLOBS, classifyDiffFile, isGeneratedFile, isLockFile, type DiffFileKind, type KindRules } from './fileKinds';
export { summariseDiff, type DiffSummary, type DiffSummaryOptions, type Shown, type SummarisedFile } from './diffSummary';
export { analyzeCommitStyle, describeCommitStyle, moodOf, ticketFromBranch, type CommitStyle, type Mood, type TicketHabit } from './style';
export { COMMIT_DIFF_TOKENS, COMMIT_SYSTEM_PROMPT, buildCommitMessagePrompt, commitDiffBudget, type CommitPrompt, type CommitPromptInput } from './prompt';
export { commitBoxIntent, prepareCommitRequest, type CommitBoxIntent, type CommitRequest, type CommitRequestInput } from './request';
export { cleanCommitMessage, type CleanOptions } from './cleanAnswer';
export { BODY_WIDTH, MAX_SUBJECT, fitSubject, formatCommitMessage, wrapBody } from './messageFormat';
