// The project's own knowledge, as the host wires it: instruction files (find, load once per change, select per
// request, render into the system prompt, show as one chip) and prompt files (load, expand). Slash commands, which
// merge prompt files with the built-ins, are in core/knowledge/slashCommands.ts.
export { frontMatterField, frontMatterGlobs, frontMatterString, parseFrontMatter, splitOutside, type FrontMatter, type FrontMatterValue } from './frontMatter';
export { compileApplyTo, isAlwaysGlob, type ApplyToMatcher } from './applyTo';
export {
  classifyInstructionPath,
  findInstructionFiles,
  INSTRUCTION_FILE_GLOBS,
  INSTRUCTION_SOURCES,
  loadInstructionFiles,
  parseInstructionFile,
  type InstructionFile,
  type InstructionFileRef,
  type InstructionReader,
  type InstructionSource,
  type LoadedInstructions,
  type LoadOptions,
  type SkippedInstruction,
  type SkipReason,
} from './instructionFiles';
export {
  defaultInstructionBudget,
  selectInstructions,
  type AppliedInstruction,
  type InstructionCounter,
  type InstructionRequest,
  type InstructionSelection,
} from './instructionSelect';
export { INSTRUCTIONS_PREAMBLE, renderInstructions, renderInstructionSection, withInstructions, type InstructionSectionInput } from './instructionRender';
export { discoverInstructions, type DiscoverInput } from './instructions';
export { buildRulesChip, rulesChipText, type RulesChip, type RulesChipFile, type RulesChipOptions, type RulesChipState } from './rulesChip';
export { readChecked, type CheckedRead, type TextReader } from './readChecked';
export {
  codeRanges,
  expandPlaceholders,
  findPlaceholders,
  inputsOf,
  placeholderErrors,
  PROMPT_VARIABLES,
  type Expansion,
  type Placeholder,
  type PlaceholderError,
  type PromptInput,
  type PromptValues,
  type PromptVariable,
} from './placeholders';
export {
  commandNameOf,
  expandPromptFile,
  findPromptFiles,
  isPromptFile,
  loadPromptFiles,
  parsePromptFile,
  PROMPT_FILE_GLOBS,
  PROMPT_FILE_SUFFIX,
  PROMPT_FOLDERS,
  promptFolderRank,
  type LoadedPromptFiles,
  type PromptFile,
  type PromptLoadOptions,
  type PromptMode,
  type SkippedPromptFile,
} from './promptFiles';
