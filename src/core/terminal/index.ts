// The terminal module's public surface: a command's output as context, the prompts of the terminal actions, and
// the shell blocks of an answer with what Run in Terminal pastes.
export { renderTerminalOutput } from './screen';
export { TERMINAL_CONTEXT_TOKENS, describeExitCode, formatTerminalContext, shellName, trimTerminalOutput, type TerminalContext, type TerminalExecution, type TrimmedOutput } from './output';
export { SHELL_INTEGRATION_HINT, buildExplainLastCommandPrompt, buildFixLastCommandPrompt, buildLastCommandPrompt, buildTerminalSelectionPrompt, shellLanguage, type Platform, type TerminalPrompt } from './prompts';
export { SHELL_LANGUAGES, findShellBlocks, isShellLanguage, terminalPasteText, type ShellBlock } from './shellBlocks';
