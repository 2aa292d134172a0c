import * as vscode from 'vscode';
import { kindsServing, type KindServing } from '../core/providers/endpointKinds';
import { isModelSlot, MODEL_CARDS } from '../core/providers/modelCards';
import { parsePrice, type Price } from '../core/providers/price';
import { THINKING_LEVELS, type ModelSlot, type ThinkingLevel } from '../core/vocabulary';

/** The endpoint kinds `tandem.<slot>.provider` may name: those whose row in endpointKinds.ts serves the slot. */
export type GeminiProviderKind = KindServing<'gemini'>;
export type GptProviderKind = KindServing<'gpt'>;

/** A plain snapshot of Tandem's settings: nothing below the host layer reads configuration itself. */
export interface TandemSettings {
  readonly defaultModel: ModelSlot;
  readonly gemini: {
    readonly provider: GeminiProviderKind;
    readonly model: string;
    readonly baseUrl: string;
    readonly thinkingLevel: ThinkingLevel;
    readonly contextWindow: number;
    readonly maxOutputTokens: number;
    readonly price: Price;
    readonly vertexProject: string;
    readonly vertexLocation: string;
  };
  readonly gpt: {
    readonly provider: GptProviderKind;
    readonly model: string;
    readonly baseUrl: string;
    readonly contextWindow: number;
    readonly maxOutputTokens: number;
    readonly price: Price;
    readonly extraBodyParameters: Readonly<Record<string, unknown>>;
  };
  readonly network: { readonly firstByteTimeoutMs: number; readonly idleTimeoutMs: number; readonly maxRetries: number };
  readonly chat: { readonly autoContinueLimit: number };
  /** `tandem.commitMessage.instructions`: the user's own rules for commit messages ('' for none). */
  readonly commitMessage: { readonly instructions: string };
  readonly context: {
    readonly includeOpenEditors: boolean;
    /** The window's `tandem.context.exclude`, for files outside the workspace; folders: `contextExclude(folder)`. */
    readonly exclude: readonly string[];
    readonly maxFileSizeBytes: number;
  };
}

/**
 * Settings that decide where a key or code is sent, or what is spent, are `machine`-scoped in package.json: VS Code
 * never reads them from a workspace or folder. Here they are also taken from the user-level value only, so an
 * editor that ignores the scope (an old fork) still cannot be steered by a cloned repository's .vscode/settings.json.
 */
function userValue<T>(config: vscode.WorkspaceConfiguration, key: string, fallback: T): T {
  const inspected = config.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function thinkingLevel(value: unknown): ThinkingLevel {
  return (THINKING_LEVELS as readonly unknown[]).includes(value) ? (value as ThinkingLevel) : 'low';
}

/** A kind that does not serve the slot (a hand-edited settings.json) falls back to the default, as an unknown enum value would. */
function providerKind<S extends ModelSlot>(slot: S, value: unknown, fallback: KindServing<S>): KindServing<S> {
  return (kindsServing(slot) as readonly unknown[]).includes(value) ? (value as KindServing<S>) : fallback;
}

function wholeNumber(value: number | undefined, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : fallback;
}

interface Memo {
  readonly section: string;
  clear(): void;
}
const memos: Memo[] = [];
let watching = false;

/**
 * `read`, called again only after a configuration change under `section`. Each `inspect()` costs the 1.139
 * extension host about 1 ms (it resolves every language override), and one chat send read the settings six times:
 * ~25 ms of its ~45 ms before the request left (bench/latency.ts). Outside an activated extension (no watcher)
 * every call reads afresh.
 */
export function readUntilChanged<T>(section: string, read: () => T): () => T {
  let value: { readonly current: T } | undefined;
  memos.push({ section, clear: () => (value = undefined) });
  return () => {
    if (!watching) return read();
    value ??= { current: read() };
    return value.current;
  };
}

/** Clears the memos on each change. Registered first in activate(), so every other configuration listener, which
 * VS Code calls in the order they were added, already reads the new values. */
export function watchSettingChanges(): vscode.Disposable {
  const clearAll = () => memos.forEach((memo) => memo.clear());
  clearAll();
  watching = true;
  const listener = vscode.workspace.onDidChangeConfiguration((event) => {
    for (const memo of memos) if (event.affectsConfiguration(memo.section)) memo.clear();
  });
  return new vscode.Disposable(() => {
    watching = false;
    clearAll();
    listener.dispose();
  });
}

/** The settings snapshot, read again after a change to `tandem.*`. */
export const readSettings = readUntilChanged('tandem', readSettingsNow);

function readSettingsNow(): TandemSettings {
  const c = vscode.workspace.getConfiguration('tandem');
  const user = <T>(key: string, fallback: T): T => userValue(c, key, fallback);
  const { gemini, gpt } = MODEL_CARDS;
  const defaultModel = user<unknown>('defaultModel', 'gemini');
  return {
    defaultModel: isModelSlot(defaultModel) ? defaultModel : 'gemini',
    gemini: {
      provider: providerKind('gemini', user<unknown>('gemini.provider', 'gemini'), 'gemini'),
      model: user('gemini.model', gemini.id).trim() || gemini.id,
      baseUrl: user('gemini.baseUrl', '').trim(),
      thinkingLevel: thinkingLevel(user<unknown>('gemini.thinkingLevel', 'low')),
      contextWindow: positive(user('gemini.contextWindow', gemini.contextWindow), gemini.contextWindow),
      maxOutputTokens: positive(user('gemini.maxOutputTokens', gemini.maxOutputTokens), gemini.maxOutputTokens),
      price: parsePrice(user<unknown>('gemini.price', undefined), gemini.price),
      vertexProject: user('vertex.project', '').trim(),
      vertexLocation: user('vertex.location', 'global').trim() || 'global',
    },
    gpt: {
      provider: providerKind('gpt', user<unknown>('gpt.provider', 'openai'), 'openai'),
      model: user('gpt.model', gpt.id).trim() || gpt.id,
      baseUrl: user('gpt.baseUrl', '').trim(),
      contextWindow: positive(user('gpt.contextWindow', gpt.contextWindow), gpt.contextWindow),
      maxOutputTokens: positive(user('gpt.maxOutputTokens', gpt.maxOutputTokens), gpt.maxOutputTokens),
      price: parsePrice(user<unknown>('gpt.price', undefined), gpt.price),
      extraBodyParameters: user<Record<string, unknown>>('gpt.extraBodyParameters', {}),
    },
    network: {
      firstByteTimeoutMs: positive(user('network.firstByteTimeoutSeconds', 30), 30) * 1000,
      idleTimeoutMs: positive(user('network.idleTimeoutSeconds', 60), 60) * 1000,
      maxRetries: wholeNumber(user('network.maxRetries', 3), 3, 0, 10),
    },
    chat: { autoContinueLimit: wholeNumber(user('chat.autoContinueLimit', 3), 3, 0, 20) },
    commitMessage: { instructions: String(user<unknown>('commitMessage.instructions', '') ?? '').trim() },
    context: {
      includeOpenEditors: user<boolean>('context.includeOpenEditors', true) !== false,
      exclude: contextExclude(),
      maxFileSizeBytes: positive(user('context.maxFileSizeKB', 512), 512) * 1024,
    },
  };
}

/**
 * `tandem.context.exclude` is resource-scoped: each workspace folder may exclude more. Without a folder (files
 * outside the workspace) the window's value applies. Excluding more is always safe, so a workspace may set it.
 */
export function contextExclude(folder?: vscode.Uri): readonly string[] {
  const value = vscode.workspace.getConfiguration('tandem', folder ?? null).get<unknown>('context.exclude');
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
}

/** Offer the lightbulb's Tandem actions for this document (resource-scoped: a folder may turn them off). */
export function codeActionsEnabled(document: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration('tandem', document).get<boolean>('codeActions.enabled') !== false;
}
