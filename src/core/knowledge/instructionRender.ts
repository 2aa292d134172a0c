// How applied instructions read in the system prompt: one short preamble, then one section per file, lowest
// precedence first, so that "the later one wins" is true of the text the model sees.
import { isAlwaysGlob } from './applyTo';

export const INSTRUCTIONS_PREAMBLE =
  "# Project instructions\nThe repository's own instruction files follow. Follow them unless the user asks otherwise; where two disagree, the later one wins.";

export const SECTION_SEPARATOR = '\n\n';

export interface InstructionSectionInput {
  readonly path: string;
  readonly text: string;
  /** Shown for a scoped file so the model knows the rule is about those files only. */
  readonly matchedGlob?: string;
}

export function renderInstructionSection(section: InstructionSectionInput): string {
  const scope = section.matchedGlob && !isAlwaysGlob(section.matchedGlob) ? ` (for files matching ${section.matchedGlob})` : '';
  return `## From ${section.path}${scope}\n${section.text}`;
}

/** The block to append to a request's system prompt; undefined when no instruction applies. */
export function renderInstructions(applied: readonly InstructionSectionInput[]): string | undefined {
  if (applied.length === 0) return undefined;
  return [INSTRUCTIONS_PREAMBLE, ...applied.map(renderInstructionSection)].join(SECTION_SEPARATOR);
}

/** A system prompt with the instructions after it (the command's own prompt stays first and intact). */
export function withInstructions(systemPrompt: string, applied: readonly InstructionSectionInput[]): string {
  const block = renderInstructions(applied);
  return block === undefined ? systemPrompt : `${systemPrompt}${SECTION_SEPARATOR}${block}`;
}
