// The terminal in the chat: `@terminal` attaches the active terminal's last command, Explain/Fix Last Command
// (terminal context menu) asks about it, Explain with Tandem takes the terminal's selection, and an answer's
// shell blocks paste into the terminal without running. Tandem never presses Enter: the user runs what is pasted.
import * as vscode from 'vscode';
import { modelCard } from '../../core/providers/modelCards';
import type { Counter } from '../../core/context/items';
import { TokenCounter } from '../../core/context/tokens';
import { SHELL_INTEGRATION_HINT, TERMINAL_CONTEXT_TOKENS, buildLastCommandPrompt, buildTerminalSelectionPrompt, formatTerminalContext, terminalPasteText, type Platform } from '../../core/terminal';
import type { TerminalTarget } from '../chat/chatController';
import type { TandemServices } from '../services';
import { hasShellIntegration } from './shellIntegrationApi';
import type { RecordedExecution, TerminalHistory } from './terminalHistory';

export const TERMINAL_MENTION = /(^|\s)@terminal\b/i;
/** How long the clipboard may take to hold a terminal selection after the copy command. */
const COPY_SETTLE_MS = 50;

type LastCommand = { ok: true; execution: RecordedExecution; terminal: vscode.Terminal } | { ok: false; message: string; hint: boolean };

export class TerminalCommands implements TerminalTarget {
  constructor(
    private readonly services: TandemServices,
    private readonly history: TerminalHistory,
  ) {}

  register(): vscode.Disposable[] {
    const { chat, context } = this.services;
    chat.setTerminalTarget(this);
    return [
      new vscode.Disposable(() => chat.setTerminalTarget(undefined)),
      context.registerMention({ pattern: TERMINAL_MENTION, provide: (_slot, count) => this.mentionContext(count) }),
      vscode.commands.registerCommand('tandem.terminal.explainLastCommand', (arg?: unknown) => this.explainLastCommand(arg)),
      vscode.commands.registerCommand('tandem.terminal.explainSelection', () => this.explainSelection()),
    ];
  }

  /** The last command of the active terminal, or why there is none. */
  lastCommand(terminal = vscode.window.activeTerminal): LastCommand {
    if (!terminal) return { ok: false, message: 'There is no open terminal: run a command in the integrated terminal first.', hint: false };
    if (!this.history.supported) return { ok: false, message: 'This version of VS Code cannot tell extensions about terminal commands (shell integration needs VS Code 1.93 or later).', hint: false };
    const execution = this.history.last(terminal);
    if (execution) return { ok: true, execution, terminal };
    if (!hasShellIntegration(terminal)) return { ok: false, message: SHELL_INTEGRATION_HINT, hint: true };
    return { ok: false, message: `No command has finished in the terminal "${terminal.name}" since Tandem started: run one, then ask again.`, hint: false };
  }

  /** `@terminal` in the composer: the command, its exit code and its output, or a line saying why there is none. */
  private async mentionContext(count: Counter): Promise<string | undefined> {
    const last = this.lastCommand();
    if (!last.ok) {
      void this.tell(last);
      // The model is told too, so it does not guess at a terminal it never saw.
      return `The user mentioned @terminal, but Tandem could not read the terminal: ${last.hint ? 'shell integration is not active in it' : last.message}`;
    }
    const { command, exitCode, output } = last.execution;
    this.services.log.info(`@terminal: "${command.slice(0, 80)}", ${exitCode === undefined ? 'no exit code' : `exit code ${exitCode}`}, ${output.length} characters of output.`);
    return formatTerminalContext(last.execution, { budget: TERMINAL_CONTEXT_TOKENS, count }).text;
  }

  private async explainLastCommand(arg: unknown): Promise<void> {
    const terminal = isTerminal(arg) ? arg : vscode.window.activeTerminal;
    const last = this.lastCommand(terminal);
    if (!last.ok) return this.tell(last);
    const prompt = buildLastCommandPrompt(last.execution, { budget: TERMINAL_CONTEXT_TOKENS, count: this.counter(), platform: platform() });
    this.services.log.info(`${prompt.intent === 'fix' ? 'Fix' : 'Explain'} Last Command: "${last.execution.command.slice(0, 80)}".`);
    await this.services.chatViews.reveal();
    await this.services.chat.send(prompt.text, [], prompt.context);
  }

  /**
   * The terminal's selection, read through its Copy command (the extension API has no stable way to read it); the
   * clipboard is put back afterwards.
   */
  private async explainSelection(): Promise<void> {
    const saved = await vscode.env.clipboard.readText();
    let selection = '';
    try {
      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand('workbench.action.terminal.copySelection');
      await new Promise((resolve) => setTimeout(resolve, COPY_SETTLE_MS));
      selection = await vscode.env.clipboard.readText();
    } finally {
      await vscode.env.clipboard.writeText(saved);
    }
    if (selection.trim() === '') {
      void vscode.window.showInformationMessage('Select some text in the terminal first.');
      return;
    }
    const prompt = buildTerminalSelectionPrompt(selection, 'explain');
    await this.services.chatViews.reveal();
    await this.services.chat.send(prompt.text, [], prompt.context);
  }

  /**
   * Run in Terminal: the block's commands go to the active terminal (a new one when none is open) at the prompt,
   * without Enter. One line is typed with sendText(text, false). Several lines are pasted through the terminal's
   * own Paste command, so the shell's bracketed paste keeps every line from running (and VS Code warns before a
   * multi-line paste into a shell without it); sendText would press Enter after each line but the last.
   */
  async paste(code: string, language: string): Promise<void> {
    const text = terminalPasteText(language, code);
    if (!text) {
      void vscode.window.showInformationMessage('That block has no command to paste.');
      return;
    }
    const terminal = vscode.window.activeTerminal ?? vscode.window.createTerminal();
    terminal.show(false);
    if (!text.paste.includes('\n')) {
      terminal.sendText(text.paste, false);
    } else {
      const saved = await vscode.env.clipboard.readText();
      try {
        await vscode.env.clipboard.writeText(text.paste);
        await vscode.commands.executeCommand('workbench.action.terminal.paste');
      } finally {
        await vscode.env.clipboard.writeText(saved);
      }
    }
    this.services.log.info(`Run in Terminal: pasted ${text.commands.length} command(s) into "${terminal.name}" (not run).`);
  }

  private async tell(last: Extract<LastCommand, { ok: false }>): Promise<void> {
    if (!last.hint) {
      void vscode.window.showInformationMessage(last.message);
      return;
    }
    const choice = await vscode.window.showWarningMessage(last.message, 'Open Setting', 'Learn More');
    if (choice === 'Open Setting') void vscode.commands.executeCommand('workbench.action.openSettings', 'terminal.integrated.shellIntegration.enabled');
    else if (choice === 'Learn More') void vscode.env.openExternal(vscode.Uri.parse('https://code.visualstudio.com/docs/terminal/shell-integration'));
  }

  private counter(): Counter {
    const counter = new TokenCounter(modelCard(this.services.choice.slot).tokens.family);
    return (text) => counter.count(text);
  }
}

function isTerminal(value: unknown): value is vscode.Terminal {
  return typeof value === 'object' && value !== null && (vscode.window.terminals as readonly unknown[]).includes(value);
}

function platform(): Platform | undefined {
  return process.platform === 'win32' || process.platform === 'darwin' || process.platform === 'linux' ? process.platform : undefined;
}
