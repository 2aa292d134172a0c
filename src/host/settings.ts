import * as vscode from 'vscode';
import { DEFAULT_PRICES, parsePrice, type Price } from '../core/providers/price';
import type { ModelSlot, ThinkingLevel } from '../core/providers/types';
import { THINKING_LEVELS } from '../shared/protocol';

export type GeminiProviderKind = 'gemini' | 'vertex' | 'vertexExpress' | 'cometapi';
export type GptProviderKind = 'openai' | 'cometapi' | 'openaiCompatible';

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

function wholeNumber(value: number | undefined, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : fallback;
}

export function readSettings(): TandemSettings {
  const c = vscode.workspace.getConfiguration('tandem');
  const user = <T>(key: string, fallback: T): T => userValue(c, key, fallback);
  return {
    defaultModel: user<string>('defaultModel', 'gemini') === 'gpt' ? 'gpt' : 'gemini',
    gemini: {
      provider: user<GeminiProviderKind>('gemini.provider', 'gemini'),
      model: user('gemini.model', 'gemini-3.1-flash-lite').trim() || 'gemini-3.1-flash-lite',
      baseUrl: user('gemini.baseUrl', '').trim(),
      thinkingLevel: thinkingLevel(user<unknown>('gemini.thinkingLevel', 'low')),
      contextWindow: positive(user('gemini.contextWindow', 1_048_576), 1_048_576),
      maxOutputTokens: positive(user('gemini.maxOutputTokens', 65_536), 65_536),
      price: parsePrice(user<unknown>('gemini.price', undefined), DEFAULT_PRICES.gemini),
      vertexProject: user('vertex.project', '').trim(),
      vertexLocation: user('vertex.location', 'global').trim() || 'global',
    },
    gpt: {
      provider: user<GptProviderKind>('gpt.provider', 'openai'),
      model: user('gpt.model', 'gpt-5.3-chat-latest').trim() || 'gpt-5.3-chat-latest',
      baseUrl: user('gpt.baseUrl', '').trim(),
      contextWindow: positive(user('gpt.contextWindow', 128_000), 128_000),
      maxOutputTokens: positive(user('gpt.maxOutputTokens', 16_384), 16_384),
      price: parsePrice(user<unknown>('gpt.price', undefined), DEFAULT_PRICES.gpt),
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
