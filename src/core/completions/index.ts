// The completion core's public surface. The host wires it in a few lines:
//   const scheduler = new CompletionScheduler({ fetch, settings, restricted, isExcluded, spend, onStatus });
//   fetch = (doc, signal) => requestCompletion(provider, buildCompletionPrompt({ document: doc, snippets, instructions }, options), price, signal);
//   provideInlineCompletionItems → scheduler.complete(doc, signal) → an item for answer.text over [offset, offset + replaceLength);
//   onDidChangeTextDocument → scheduler.noteEdit(path, change.text) for each change.
export type { CompletionAnswer, CompletionDocument, MultilineMode } from './types';
export { type Clock, systemClock, VirtualClock } from './clock';
export { canCompleteBefore, cursorContext, lineSuffixOf, type CursorContext } from './cursor';
export { wantsMultiline } from './multiline';
export {
  buildCompletionPrompt,
  DEFAULT_BUDGETS,
  DEFAULT_OUTPUT_LIMITS,
  type CompletionPrompt,
  type CompletionPromptInput,
  type CompletionPromptOptions,
  type PromptBudgets,
} from './prompt';
export { chooseSnippets, importSpecifiers, type ChosenSnippet, type CompletionSnippet } from './snippets';
export { postprocessCompletion, type CompletionRejection, type PostprocessOptions, type PostprocessResult } from './postprocess';
export { estimateCost, requestCompletion, type CompletionRequestResult } from './request';
export {
  CompletionScheduler,
  rhythmDebounce,
  type CompletionFetch,
  type CompletionOutcome,
  type CompletionState,
  type CompletionStats,
  type CompletionStatus,
  type FetchedCompletion,
  type NoSuggestionReason,
  type SchedulerOptions,
} from './scheduler';
export {
  COMPLETION_SETTING,
  DEFAULT_COMPLETION_SETTINGS,
  DEFAULT_LANGUAGES,
  describeBlock,
  languageEnabled,
  parseCompletionSettings,
  type CompletionBlock,
  type CompletionSettings,
} from './settings';
export { DailySpend, localDay, type SpendState } from './spend';
export { foresightModel, simulateTyping, type FakeModel, type SimulationOptions, type SimulationReport } from './simulation';
export { finalText, replayEdits, TraceBuilder, TYPESCRIPT_TRACE, type TraceStep, type TypingTrace } from './typingTrace';
