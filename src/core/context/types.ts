// What goes to the model besides the conversation: the selection, the active file, other open editors, files the
// user added on purpose, and workspace problems. The VS Code layer builds these from live (possibly unsaved)
// editor text; nothing here reads the disk.

export type ContextKind = 'selection' | 'activeFile' | 'openEditor' | 'file' | 'problems';

/** Which tokenizer a count is for: GPT is exact (o200k), Gemini an estimate. */
export type TokenFamily = 'gpt' | 'gemini';

/** 1-based, inclusive line numbers. */
export interface LineRange {
  readonly start: number;
  readonly end: number;
}

export type ProblemSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface Problem {
  /** Workspace-relative, forward slashes. */
  readonly path: string;
  /** 1-based. */
  readonly line: number;
  readonly severity: ProblemSeverity;
  readonly message: string;
}

export interface ContextItem {
  readonly id: string;
  readonly kind: ContextKind;
  /** Short name for chips, e.g. the file name. */
  readonly label: string;
  /** Workspace-relative, forward slashes ('' for problems). */
  readonly path: string;
  readonly languageId: string;
  /** Already redacted: build items with createContextItem so no raw secret reaches a prompt. */
  readonly text: string;
  /** Lines of the file that `text` covers; absent = the whole file. */
  readonly range?: LineRange;
  /** Lines the user is looking at (selection or cursor): trimming keeps a window around them. */
  readonly focus?: LineRange;
  /** Lines in the untrimmed text, so a trimmed item can say "lines 40–120 of 900". */
  readonly lineCount: number;
  /** Tokens of `text` in the family the plan uses. */
  readonly tokens: number;
  /** Distance from what the user is doing: 0 = nearest (most recently used editor); larger = farther. */
  readonly order: number;
  /** Added by the user on purpose: trimmed before it is dropped, never dropped as a "far editor". */
  readonly pinned: boolean;
}
