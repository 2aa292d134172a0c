// The settings of the project-knowledge feature. All are machine-scoped (package.json) and read from the user's own
// value only, as host/settings.ts does: a cloned repository cannot turn its instructions on for itself, nor raise
// the threshold above which @folder asks before spending.
import * as vscode from 'vscode';
import { DEFAULT_CONFIRM_ABOVE_TOKENS } from '../../core/context/folderPack';
import { INSTRUCTION_SOURCES, type InstructionSource } from '../../core/knowledge';
import { readUntilChanged } from '../settings';

export interface KnowledgeSettings {
  /** Each kind of instruction file, on unless turned off. */
  readonly sources: Readonly<Record<InstructionSource, boolean>>;
  readonly promptFiles: boolean;
  /** `tandem.context.confirmAboveTokens`: above this many tokens of @folder context, ask once before sending. */
  readonly confirmAboveTokens: number;
}

export const SOURCE_SETTING: Readonly<Record<InstructionSource, string>> = {
  agentsMd: 'instructions.agentsMd',
  copilotInstructions: 'instructions.copilotInstructions',
  githubInstructions: 'instructions.githubInstructions',
  tandemRules: 'instructions.tandemRules',
};

/** Read again after a change to `tandem.*` (each request's instructions read them). */
export const readKnowledgeSettings = readUntilChanged('tandem', readKnowledgeSettingsNow);

function readKnowledgeSettingsNow(): KnowledgeSettings {
  const c = vscode.workspace.getConfiguration('tandem');
  const user = <T>(key: string): T | undefined => {
    const inspected = c.inspect<T>(key);
    return inspected?.globalValue ?? inspected?.defaultValue;
  };
  const sources = Object.fromEntries(INSTRUCTION_SOURCES.map((s) => [s, user<boolean>(SOURCE_SETTING[s]) !== false])) as Record<InstructionSource, boolean>;
  const threshold = user<number>('context.confirmAboveTokens');
  return {
    sources,
    promptFiles: user<boolean>('promptFiles.enabled') !== false,
    confirmAboveTokens: typeof threshold === 'number' && Number.isFinite(threshold) && threshold >= 0 ? Math.floor(threshold) : DEFAULT_CONFIRM_ABOVE_TOKENS,
  };
}
