// Prompt files: `.tandem/prompts/*.prompt.md` and `.github/prompts/*.prompt.md` (VS Code's format), each a slash
// command named after its file. Front matter, all optional: `description`, `name` (overrides the file name, as in
// VS Code), `model` (gemini or gpt, or a model id naming one), `thinking` (minimal…high; also `thinkingLevel`),
// `mode` (ask or edit; VS Code's `agent` field is read the same way). What Tandem cannot honour is a warning,
// never a reason to refuse the file.
import type { ExcludeCheck } from '../context/exclude';
import { fileNameOf, workspacePath } from '../context/paths';
import type { ModelSlot, ThinkingLevel } from '../providers/types';
import { frontMatterString, parseFrontMatter } from './frontMatter';
import { expandPlaceholders, findPlaceholders, inputsOf, type Expansion, type Placeholder, type PromptInput, type PromptValues } from './placeholders';
import { readChecked, type TextReader } from './readChecked';

export const PROMPT_FILE_SUFFIX = '.prompt.md';
/** Folders searched, highest precedence first: a Tandem prompt hides a Copilot one of the same name. */
export const PROMPT_FOLDERS: readonly string[] = ['.tandem/prompts', '.github/prompts'];
export const PROMPT_FILE_GLOBS: readonly string[] = PROMPT_FOLDERS.map((dir) => `${dir}/*${PROMPT_FILE_SUFFIX}`);

export type PromptMode = 'ask' | 'edit';

export interface PromptFile {
  readonly path: string;
  /** The command without its slash: `review` for /review. */
  readonly name: string;
  readonly description?: string;
  readonly model?: ModelSlot;
  readonly thinkingLevel?: ThinkingLevel;
  readonly mode?: PromptMode;
  readonly body: string;
  /** Where the body starts in the file (offset, 1-based line): placeholder offsets are in the file. */
  readonly bodyOffset: number;
  readonly bodyLine: number;
  readonly placeholders: readonly Placeholder[];
  readonly inputs: readonly PromptInput[];
  /** Front matter Tandem cannot honour, in words the user sees. */
  readonly warnings: readonly string[];
  /** Index in PROMPT_FOLDERS (0 = highest precedence). */
  readonly folderRank: number;
}

export interface SkippedPromptFile {
  readonly path: string;
  readonly reason: 'untrustedWorkspace' | 'excluded' | 'unreadable' | 'invalidName';
  readonly message: string;
}

export interface LoadedPromptFiles {
  readonly prompts: readonly PromptFile[];
  readonly skipped: readonly SkippedPromptFile[];
}

const THINKING: readonly ThinkingLevel[] = ['minimal', 'low', 'medium', 'high'];

/** `Write Tests.prompt.md` → `write-tests`; undefined when nothing usable is left. */
export function commandNameOf(fileOrName: string): string | undefined {
  const base = fileNameOf(fileOrName);
  const stem = base.toLowerCase().endsWith(PROMPT_FILE_SUFFIX) ? base.slice(0, -PROMPT_FILE_SUFFIX.length) : base;
  const name = stem
    .trim()
    .replace(/^\/+/, '')
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/[^a-z0-9.-]/g, '')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return name === '' ? undefined : name;
}

/** The folder rank of a prompt file path, or undefined when it is not one (roots as for instruction files). */
export function promptFolderRank(rawPath: string, roots: readonly string[] = ['']): number | undefined {
  const path = workspacePath(rawPath);
  if (!path.toLowerCase().endsWith(PROMPT_FILE_SUFFIX)) return undefined;
  const dir = path.slice(0, path.lastIndexOf('/') + 1);
  for (const root of roots) {
    const prefix = workspacePath(root).replace(/\/+$/, '');
    const rank = PROMPT_FOLDERS.findIndex((folder) => dir === `${prefix === '' ? '' : `${prefix}/`}${folder}/`);
    if (rank !== -1) return rank;
  }
  return undefined;
}

export function findPromptFiles(paths: readonly string[], roots: readonly string[] = ['']): string[] {
  return [...new Set(paths.map(workspacePath))].filter((p) => promptFolderRank(p, roots) !== undefined).sort((a, b) => a.localeCompare(b));
}

function modelSlotOf(value: string): ModelSlot | undefined {
  const v = value.toLowerCase();
  if (v.includes('gemini')) return 'gemini';
  if (/\bgpt\b|^gpt|gpt-/.test(v)) return 'gpt';
  return undefined;
}

export function parsePromptFile(path: string, text: string, folderRank = 0): PromptFile | SkippedPromptFile {
  const { fields, body, bodyOffset } = parseFrontMatter(text);
  const warnings: string[] = [];
  const nameField = frontMatterString(fields, 'name');
  const name = commandNameOf(nameField ?? path);
  if (name === undefined) return { path, reason: 'invalidName', message: `${path}: no command name can be made from “${nameField ?? path}”.` };

  const modelField = frontMatterString(fields, 'model');
  const model = modelField === undefined ? undefined : modelSlotOf(modelField);
  if (modelField !== undefined && model === undefined) warnings.push(`model “${modelField}” is not Gemini or GPT: the chat’s model is used.`);

  const thinkingField = frontMatterString(fields, 'thinking', 'thinkingLevel', 'thinking-level', 'thinking_level');
  const thinking = thinkingField?.toLowerCase() as ThinkingLevel | undefined;
  const thinkingLevel = thinking !== undefined && THINKING.includes(thinking) ? thinking : undefined;
  if (thinkingField !== undefined && thinkingLevel === undefined) warnings.push(`thinking “${thinkingField}” is not one of ${THINKING.join(', ')}: the chat’s level is used.`);

  const modeField = frontMatterString(fields, 'mode', 'agent');
  const modeValue = modeField?.toLowerCase();
  const mode = modeValue === 'ask' || modeValue === 'edit' ? modeValue : undefined;
  if (modeField !== undefined && mode === undefined) warnings.push(`mode “${modeField}” is not ask or edit: the prompt runs as ask.`);

  const placeholders = findPlaceholders(body).map((p) => ({ ...p, offset: p.offset + bodyOffset }));
  const description = frontMatterString(fields, 'description');
  return {
    path,
    name,
    ...(description !== undefined ? { description } : {}),
    ...(model !== undefined ? { model } : {}),
    ...(thinkingLevel !== undefined ? { thinkingLevel } : {}),
    ...(mode !== undefined ? { mode } : {}),
    body,
    bodyOffset,
    bodyLine: text.slice(0, bodyOffset).split('\n').length,
    placeholders,
    inputs: inputsOf(placeholders),
    warnings,
    folderRank,
  };
}

export function isPromptFile(parsed: PromptFile | SkippedPromptFile): parsed is PromptFile {
  return 'body' in parsed;
}

export interface PromptLoadOptions {
  readonly exclude?: ExcludeCheck;
  readonly trusted?: boolean;
  readonly roots?: readonly string[];
}

export async function loadPromptFiles(paths: readonly string[], read: TextReader, options: PromptLoadOptions = {}): Promise<LoadedPromptFiles> {
  const prompts: PromptFile[] = [];
  const skipped: SkippedPromptFile[] = [];
  for (const path of findPromptFiles(paths, options.roots)) {
    if (options.trusted === false) {
      skipped.push({ path, reason: 'untrustedWorkspace', message: `${path} was not read: the workspace is not trusted (Restricted Mode).` });
      continue;
    }
    const result = await readChecked(path, read, options.exclude);
    if (!result.ok) {
      skipped.push({ path, reason: result.reason, message: result.message });
      continue;
    }
    const parsed = parsePromptFile(path, result.text, promptFolderRank(path, options.roots) ?? 0);
    if (isPromptFile(parsed)) prompts.push(parsed);
    else skipped.push(parsed);
  }
  return { prompts, skipped };
}

/**
 * The message a prompt file sends: its body with every placeholder filled. Errors (unknown placeholders outside
 * code, values the editor does not have, inputs not given) come back instead, with offsets in the prompt file.
 */
export function expandPromptFile(prompt: PromptFile, values: PromptValues): Expansion {
  const expanded = expandPlaceholders(prompt.body, values);
  if (expanded.ok) return { ok: true, text: expanded.text.trim() };
  // Offsets and lines in the file, where the user will fix them.
  return {
    ok: false,
    errors: expanded.errors.map((e) => ({ ...e, offset: e.offset + prompt.bodyOffset, line: e.line + prompt.bodyLine - 1 })),
  };
}
