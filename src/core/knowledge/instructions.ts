// The whole instruction pipeline in one call, for hosts that do not cache: find the instruction files among the
// workspace's paths, read them (through the exclusion rules), and select what applies to this request.
import { findInstructionFiles, loadInstructionFiles, type InstructionReader, type LoadOptions } from './instructionFiles';
import { selectInstructions, type InstructionRequest, type InstructionSelection } from './instructionSelect';

export interface DiscoverInput extends InstructionRequest, LoadOptions {
  /** Workspace-relative paths to look among (e.g. the result of findFiles with INSTRUCTION_FILE_GLOBS). */
  readonly paths: readonly string[];
  readonly read: InstructionReader;
}

export async function discoverInstructions(input: DiscoverInput): Promise<InstructionSelection> {
  const refs = findInstructionFiles(input.paths, input.roots);
  const loaded = await loadInstructionFiles(refs, input.read, { exclude: input.exclude, trusted: input.trusted });
  return selectInstructions(loaded, input);
}
