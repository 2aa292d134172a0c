// What the terminal actions ask. Fix Last Command asks for the corrected command in a block of the terminal's own
// shell language, so the answer's Run in Terminal button pastes something that shell understands; nothing is ever
// run by Tandem, the user presses Enter.
import { fenceFor } from '../context/render';
import { redactContextText } from '../context/redact';
import { renderTerminalOutput } from './screen';
import type { Counter } from '../context/items';
import { formatTerminalContext, shellName, describeExitCode, type TerminalExecution } from './output';

export interface TerminalPrompt {
  /** The user's message as the chat shows it. */
  readonly text: string;
  /** The terminal context attached to it. */
  readonly context: string;
}

export type Platform = 'linux' | 'darwin' | 'win32';

/** The fence language answers should use for a shell, so their blocks get a Run in Terminal button. */
export function shellLanguage(shell: string | undefined, platform?: Platform): string {
  const name = shell ? shellName(shell) : '';
  if (/^(?:pwsh|powershell)/.test(name)) return 'powershell';
  if (name === 'cmd') return 'cmd';
  if (name === 'fish' || name === 'zsh') return name;
  if (name === '' && platform === 'win32') return 'powershell';
  return 'bash';
}

const OS_NAME: Record<Platform, string> = { linux: 'Linux', darwin: 'macOS', win32: 'Windows' };

export function buildFixLastCommandPrompt(
  execution: TerminalExecution,
  options: { readonly budget: number; readonly count: Counter; readonly platform?: Platform },
): TerminalPrompt {
  const language = shellLanguage(execution.shell, options.platform);
  const command = redactContextText(execution.command.trim(), 'shellscript');
  const on = options.platform ? ` on ${OS_NAME[options.platform]}` : '';
  const ask = [
    `Fix my last terminal command: \`${command.split('\n')[0]}\`${command.includes('\n') ? ' …' : ''} ended with ${describeExitCode(execution.exitCode, execution.shell)}.`,
    'Say in a sentence or two what went wrong, from the output.',
    `Then give the corrected command in one \`\`\`${language} block, for ${language === 'bash' ? 'a POSIX shell' : language}${on}. If the fix is not a command (code, a config file, a missing install), say what to change instead.`,
    'Warn before anything that deletes data, needs sudo or changes system settings.',
  ].join(' ');
  const { text: context } = formatTerminalContext(execution, options);
  return { text: ask, context };
}

/** Explain a command that succeeded: what it did and what its output says. */
export function buildExplainLastCommandPrompt(execution: TerminalExecution, options: { readonly budget: number; readonly count: Counter }): TerminalPrompt {
  const command = redactContextText(execution.command.trim(), 'shellscript');
  const text = `Explain my last terminal command \`${command.split('\n')[0]}\`${command.includes('\n') ? ' …' : ''}: what it did, and what its output says.`;
  return { text, context: formatTerminalContext(execution, options).text };
}

/** Explain/Fix Last Command: a fix for a command that failed (or whose exit code is unknown), else an explanation. */
export function buildLastCommandPrompt(
  execution: TerminalExecution,
  options: { readonly budget: number; readonly count: Counter; readonly platform?: Platform },
): TerminalPrompt & { readonly intent: 'fix' | 'explain' } {
  return execution.exitCode === 0 ? { ...buildExplainLastCommandPrompt(execution, options), intent: 'explain' } : { ...buildFixLastCommandPrompt(execution, options), intent: 'fix' };
}

/** A selection copied from the terminal, explained or just attached to the chat. */
export function buildTerminalSelectionPrompt(selection: string, intent: 'explain' | 'attach'): TerminalPrompt {
  const text = redactContextText(renderTerminalOutput(selection), 'shellscript');
  const fence = fenceFor(text);
  const context = `Terminal selection:\n${fence}text\n${text}\n${fence}`;
  return { text: intent === 'explain' ? 'Explain this terminal output: what it means and, if it shows a problem, how to fix it.' : '', context };
}

/** Said when the active terminal has no shell integration, so `@terminal` cannot read its last command. */
export const SHELL_INTEGRATION_HINT =
  "Tandem reads the terminal's last command through VS Code's shell integration, which is not active in this terminal. " +
  'Check that terminal.integrated.shellIntegration.enabled is on and that the terminal runs bash, zsh, fish or PowerShell, then open a new terminal. ' +
  'For a shell VS Code does not start itself (ssh, tmux, a container), install it by hand: https://code.visualstudio.com/docs/terminal/shell-integration#_manual-installation';
