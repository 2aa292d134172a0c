// Which workspace files are instructions, and reading them. The host lists candidate paths (findFiles with
// INSTRUCTION_FILE_GLOBS, or a watcher event checked with classifyInstructionPath) and passes a reader; nothing
// here touches the disk. Files are read through the exclusion rules (readChecked).
import type { ExcludeCheck } from '../context/exclude';
import { fileNameOf, workspacePath } from '../context/paths';
import { redactContextText } from '../context/redact';
import { frontMatterGlobs, frontMatterString, parseFrontMatter } from './frontMatter';
import { readChecked, type TextReader } from './readChecked';

/**
 * Where an instruction comes from. Each can be turned off by a setting.
 *   agentsMd             AGENTS.md at any depth (the open convention read by Codex, Cline, Roo, Copilot…)
 *   copilotInstructions  .github/copilot-instructions.md
 *   githubInstructions   .github/instructions/**\/*.instructions.md, scoped by `applyTo`
 *   tandemRules          .tandem/rules/**\/*.md, scoped by `applyTo` (or Cline's `paths`, Cursor's `globs`)
 */
export type InstructionSource = 'agentsMd' | 'copilotInstructions' | 'githubInstructions' | 'tandemRules';

export const INSTRUCTION_SOURCES: readonly InstructionSource[] = ['agentsMd', 'copilotInstructions', 'githubInstructions', 'tandemRules'];

/** For the host's file search and watcher, relative to each workspace folder. */
export const INSTRUCTION_FILE_GLOBS: readonly string[] = [
  '**/AGENTS.md',
  '.github/copilot-instructions.md',
  '.github/instructions/**/*.instructions.md',
  '.tandem/rules/**/*.md',
];

export interface InstructionFileRef {
  /** As the host gave it: relative to the workspace, forward slashes. */
  readonly path: string;
  /** The workspace folder it belongs to ('' for a single-folder workspace). */
  readonly root: string;
  /** `path` relative to `root`. */
  readonly relative: string;
  readonly source: InstructionSource;
}

export interface InstructionFile extends InstructionFileRef {
  /** The instructions: front matter removed, secrets redacted, trimmed. */
  readonly text: string;
  /** The `applyTo` globs; undefined when the file has none. */
  readonly applyTo?: readonly string[];
  readonly description?: string;
}

export type SkipReason =
  | 'untrustedWorkspace'
  | 'excluded'
  | 'unreadable'
  | 'empty'
  | 'sourceDisabled'
  | 'noApplyTo'
  | 'noMatch'
  | 'notNearest'
  | 'otherFolder'
  | 'overBudget';

export interface SkippedInstruction {
  readonly path: string;
  readonly source: InstructionSource;
  readonly reason: SkipReason;
  /** In words the user sees. */
  readonly message: string;
}

export interface LoadedInstructions {
  readonly files: readonly InstructionFile[];
  readonly skipped: readonly SkippedInstruction[];
}

export type InstructionReader = TextReader;

/** The deepest root `path` is in: roots are folder prefixes ('' = the whole workspace). */
export function rootOf(path: string, roots: readonly string[] = ['']): string | undefined {
  let best: string | undefined;
  for (const raw of roots) {
    const root = workspacePath(raw).replace(/\/+$/, '');
    const inside = root === '' || path === root || path.startsWith(`${root}/`);
    if (inside && (best === undefined || root.length > best.length)) best = root;
  }
  return best;
}

export function relativeTo(root: string, path: string): string {
  return root === '' ? path : path.slice(root.length + 1);
}

/** What kind of instruction file `path` is, or undefined for any other file. */
export function classifyInstructionPath(rawPath: string, roots: readonly string[] = ['']): InstructionFileRef | undefined {
  const path = workspacePath(rawPath);
  const root = rootOf(path, roots);
  if (root === undefined) return undefined;
  const relative = relativeTo(root, path);
  const source = sourceOf(relative);
  return source ? { path, root, relative, source } : undefined;
}

function sourceOf(relative: string): InstructionSource | undefined {
  const lower = relative.toLowerCase();
  if (lower === '.github/copilot-instructions.md') return 'copilotInstructions';
  if (lower.startsWith('.github/instructions/') && lower.endsWith('.instructions.md')) return 'githubInstructions';
  if (lower.startsWith('.tandem/rules/') && lower.endsWith('.md')) return 'tandemRules';
  // The convention names the file AGENTS.md; VS Code also accepts other cases, and so do we.
  if (fileNameOf(lower) === 'agents.md') return 'agentsMd';
  return undefined;
}

/** The instruction files among `paths`, once each, in path order. */
export function findInstructionFiles(paths: readonly string[], roots: readonly string[] = ['']): InstructionFileRef[] {
  const found = new Map<string, InstructionFileRef>();
  for (const path of paths) {
    const ref = classifyInstructionPath(path, roots);
    if (ref) found.set(ref.path, ref);
  }
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
}

export interface LoadOptions {
  readonly exclude?: ExcludeCheck;
  /** False in Restricted Mode: nothing is read, and the result says so. */
  readonly trusted?: boolean;
}

/** Reads each file once; files that cannot count as instructions are returned as skipped, with why. */
export async function loadInstructionFiles(refs: readonly InstructionFileRef[], read: InstructionReader, options: LoadOptions = {}): Promise<LoadedInstructions> {
  const skipped: SkippedInstruction[] = [];
  const skip = (ref: InstructionFileRef, reason: SkipReason, message: string) => skipped.push({ path: ref.path, source: ref.source, reason, message });
  if (options.trusted === false) {
    for (const ref of refs) skip(ref, 'untrustedWorkspace', `${ref.path} was not read: the workspace is not trusted (Restricted Mode).`);
    return { files: [], skipped };
  }
  const files: InstructionFile[] = [];
  for (const ref of refs) {
    const result = await readChecked(ref.path, read, options.exclude);
    if (!result.ok) {
      skip(ref, result.reason, result.message);
      continue;
    }
    const file = parseInstructionFile(ref, result.text);
    if (file.text === '') skip(ref, 'empty', `${ref.path} has no instructions (empty after its front matter).`);
    else files.push(file);
  }
  return { files, skipped };
}

/** Front matter off, secrets masked. Only the scoped sources read `applyTo` (and its aliases). */
export function parseInstructionFile(ref: InstructionFileRef, raw: string): InstructionFile {
  const { fields, body } = parseFrontMatter(raw);
  const scoped = ref.source === 'githubInstructions' || ref.source === 'tandemRules';
  const applyTo = scoped ? frontMatterGlobs(fields, 'applyTo', 'paths', 'globs') : undefined;
  const description = frontMatterString(fields, 'description');
  const text = redactContextText(body, 'markdown', ref.path).trim();
  return { ...ref, text, ...(applyTo !== undefined ? { applyTo } : {}), ...(description !== undefined ? { description } : {}) };
}
