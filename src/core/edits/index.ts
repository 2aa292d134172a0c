// The edit engine's public surface: from a model's answer to the exact edit of a document, and its hunks.
export { type AnswerEdit, type EditBody, type ParsedAnswer, parseAnswer, parseCodeBlock } from './answer';
export {
  type AnswerEdits,
  type EditOutcome,
  type Fallback,
  type FileEdit,
  type TargetDocument,
  codeBlockPath,
  editFromCodeBlock,
  editFromCommandAnswer,
  editsFromAnswer,
  samePath,
} from './answerEdits';
export { type EditOptions, type EditProposal, type EditResult, type LineSelection, computeEdit } from './engine';
export { type Hunk, type HunkRange, applyHunks, computeHunks, hunkRanges } from './hunks';
export { type SearchReplaceBlock } from './searchReplace';
export { isElision } from './snippet';
export type { Eol, IndentStyle } from './text';
