// The context module's public surface: build items, exclude and redact, count, plan, render, show as chips, and
// pack whole folders.
export type { ContextItem, ContextKind, LineRange, Problem, ProblemSeverity, TokenFamily } from './types';
export { countTokens, estimateGeminiTokens, preloadTokenizer, setO200kLoader, TokenCounter, type O200kEncoding } from './tokens';
export {
  DEFAULT_MAX_FILE_SIZE_KB,
  Excluder,
  isSecretPath,
  looksBinary,
  SECRET_FILE_GLOBS,
  secretVerdict,
  shouldExclude,
  type ExcludeCheck,
  type ExcludeReason,
  type ExcludeResult,
  type ExcludeRules,
  type FileFacts,
  type GitignoreFile,
} from './exclude';
export { describeIgnoreMatch, NestedIgnore, TANDEMIGNORE, type IgnoreFileSource, type IgnoreMatch } from './ignoreFiles';
export { redactContextText } from './redact';
export { createContextItem, createProblemsItem, lineCountOf, type Counter, type ItemInput } from './items';
export {
  contextBudget,
  describeDrop,
  describeTrim,
  planContext,
  REDUCTION_ORDER,
  type BudgetInput,
  type ContextPlan,
  type DropReason,
  type DroppedItem,
  type PlanOptions,
  type TrimReason,
  type TrimmedItem,
} from './budget';
export { fenceFor, locationOf, renderContext, renderItem } from './render';
export { buildContextChips, type ChipState, type ContextChip } from './chips';
export {
  DEFAULT_CONFIRM_ABOVE_TOKENS,
  describeLeftOut,
  folderDistance,
  packFolder,
  rankCandidates,
  tierOf,
  type FolderPack,
  type LeftOutFile,
  type LeftOutReason,
  type PackCandidate,
  type PackedFile,
  type PackOptions,
  type PackTier,
} from './folderPack';
