// What the editor commands ask the model. Edit commands ask for a format the edit engine parses reliably:
// the selection's replacement in one fenced block, or SEARCH/REPLACE blocks when there is no selection.
import { fenceFor } from '../context/render';

export type EditCommand = 'fix' | 'refactor' | 'docs' | 'optimize' | 'instruction' | 'tests';
export type ChatCommand = 'explain' | 'ask';

export interface CodeTarget {
  /** Workspace-relative path (or file name) shown to the model. */
  readonly path: string;
  readonly languageId: string;
  /** 0-based inclusive lines of the selection; undefined = the whole file. */
  readonly selection?: { readonly startLine: number; readonly endLine: number };
  readonly selectedText?: string;
  readonly fileText: string;
}

export interface Diagnostic {
  readonly line: number;
  readonly message: string;
  readonly source?: string;
}

const TASKS: Record<EditCommand, string> = {
  fix: 'Fix the bugs in the code. Change only what the fix needs.',
  refactor: 'Refactor the code for readability and structure without changing its behaviour.',
  docs: 'Add documentation comments in the idiomatic style of the language. Do not change any code.',
  optimize: 'Make the code faster or leaner without changing its behaviour.',
  instruction: 'Edit the code as the user asks.',
  tests: 'Write unit tests for the code.',
};

export const EDIT_SYSTEM_PROMPT = `You are Tandem, a careful code editor inside VS Code.
Reply with the edit only, in the exact format asked for, and at most two sentences of explanation before it.
Keep the file's indentation style, naming and conventions. Never invent APIs the code does not show.`;

/** Lines of `text` numbered from `first` (1-based in the prompt, as editors show them). */
function numbered(lines: readonly string[], first: number): string {
  return lines.map((line, i) => `${first + i + 1}: ${line}`).join('\n');
}

/** Context lines around a selection, so the model sees what the replacement must fit into. */
function surroundings(target: CodeTarget, radius = 40): string {
  const lines = target.fileText.split(/\r?\n/);
  const start = Math.max(0, (target.selection?.startLine ?? 0) - radius);
  const end = Math.min(lines.length, (target.selection?.endLine ?? lines.length - 1) + radius + 1);
  return numbered(lines.slice(start, end), start);
}

export function buildEditPrompt(command: EditCommand, target: CodeTarget, extras: { instruction?: string; diagnostics?: readonly Diagnostic[] } = {}): string {
  const parts: string[] = [TASKS[command]];
  if (extras.instruction) parts.push(`The user asks: ${extras.instruction}`);
  if (extras.diagnostics?.length) {
    parts.push(`Problems reported by the editor:\n${extras.diagnostics.map((d) => `- line ${d.line + 1}: ${d.message}${d.source ? ` (${d.source})` : ''}`).join('\n')}`);
  }
  if (target.selection && target.selectedText !== undefined) {
    const { startLine, endLine } = target.selection;
    const fence = fenceFor(target.selectedText);
    parts.push(
      `File ${target.path} (${target.languageId}), lines ${startLine + 1}-${endLine + 1} are selected:\n${fence}${target.languageId}\n${target.selectedText}\n${fence}`,
      `Surrounding code for reference (numbered, do not repeat it):\n${fenceFor(target.fileText)}\n${surroundings(target)}\n${fenceFor(target.fileText)}`,
      `Answer with the complete replacement for the selected lines ${startLine + 1}-${endLine + 1} in ONE fenced code block, with no line numbers, keeping their indentation.`,
    );
  } else {
    const fence = fenceFor(target.fileText);
    parts.push(
      `File ${target.path} (${target.languageId}):\n${fence}${target.languageId}\n${target.fileText}\n${fence}`,
      'Answer with SEARCH/REPLACE blocks, each exactly in this form:\n<<<<<<< SEARCH\n(exact lines copied from the file, enough to be unique)\n=======\n(the new lines)\n>>>>>>> REPLACE',
    );
  }
  return parts.join('\n\n');
}

export function buildTestsPrompt(target: CodeTarget, testPath: string, existingTests: string | undefined): string {
  const code = target.selectedText ?? target.fileText;
  const fence = fenceFor(code);
  const parts = [
    `Write unit tests for this code from ${target.path} (${target.languageId}), using the test framework the project most likely uses.`,
    `${fence}${target.languageId}\n${code}\n${fence}`,
  ];
  if (existingTests !== undefined) {
    const testFence = fenceFor(existingTests);
    parts.push(`The test file ${testPath} already exists:\n${testFence}\n${existingTests}\n${testFence}`, 'Answer with the complete updated test file in ONE fenced code block, keeping its existing tests.');
  } else {
    parts.push(`Answer with the complete new test file ${testPath} in ONE fenced code block.`);
  }
  return parts.join('\n\n');
}

export function buildChatPrompt(command: ChatCommand, target: CodeTarget, question?: string): { text: string; context: string } {
  const code = target.selectedText ?? target.fileText;
  const fence = fenceFor(code);
  const where = target.selection ? `${target.path}:${target.selection.startLine + 1}-${target.selection.endLine + 1}` : target.path;
  const context = `Selected code: ${where}\n${fence}${target.languageId}\n${code}\n${fence}`;
  const text = command === 'explain' ? `Explain the selected code from ${where}.` : (question ?? '').trim() || `About ${where}:`;
  return { text, context };
}

/** A sibling test file name in the project's usual style: cart.ts → cart.test.ts, app.py → test_app.py. */
export function testFileFor(path: string): string {
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash + 1);
  const name = path.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  if (ext === '.py') return `${dir}test_${stem}.py`;
  if (ext === '.go') return `${dir}${stem}_test.go`;
  if (ext === '.rb') return `${dir}${stem}_spec.rb`;
  if (ext === '.java' || ext === '.kt' || ext === '.cs') return `${dir}${stem}Test${ext}`;
  return `${dir}${stem}.test${ext}`;
}
