import * as vscode from 'vscode';
import { DEFAULT_PRICES, parsePrice, type Price } from '../core/providers/price';
import type { ModelSlot, ThinkingLevel } from '../core/providers/types';

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
  readonly context: { readonly includeOpenEditors: boolean; readonly exclude: readonly string[]; readonly maxFileSizeBytes: number };
}

/**
 * Settings that decide where a key is sent are application-scoped in package.json, so VS Code reads them from
 * user settings only; here we additionally take only the user-level value for them, in case an older editor
 * ignores the scope.
 */
function userValue<T>(config: vscode.WorkspaceConfiguration, key: string, fallback: T): T {
  const inspected = config.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

export function readSettings(): TandemSettings {
  const c = vscode.workspace.getConfiguration('tandem');
  return {
    defaultModel: c.get<ModelSlot>('defaultModel') === 'gpt' ? 'gpt' : 'gemini',
    gemini: {
      provider: userValue<GeminiProviderKind>(c, 'gemini.provider', 'gemini'),
      model: userValue(c, 'gemini.model', 'gemini-3.1-flash-lite').trim() || 'gemini-3.1-flash-lite',
      baseUrl: userValue(c, 'gemini.baseUrl', '').trim(),
      thinkingLevel: c.get<ThinkingLevel>('gemini.thinkingLevel') ?? 'low',
      contextWindow: positive(c.get('gemini.contextWindow'), 1_048_576),
      maxOutputTokens: positive(c.get('gemini.maxOutputTokens'), 65_536),
      price: parsePrice(c.get('gemini.price'), DEFAULT_PRICES.gemini),
      vertexProject: userValue(c, 'vertex.project', '').trim(),
      vertexLocation: userValue(c, 'vertex.location', 'global').trim() || 'global',
    },
    gpt: {
      provider: userValue<GptProviderKind>(c, 'gpt.provider', 'openai'),
      model: userValue(c, 'gpt.model', 'gpt-5.3-chat-latest').trim() || 'gpt-5.3-chat-latest',
      baseUrl: userValue(c, 'gpt.baseUrl', '').trim(),
      contextWindow: positive(c.get('gpt.contextWindow'), 128_000),
      maxOutputTokens: positive(c.get('gpt.maxOutputTokens'), 16_384),
      price: parsePrice(c.get('gpt.price'), DEFAULT_PRICES.gpt),
      extraBodyParameters: userValue<Record<string, unknown>>(c, 'gpt.extraBodyParameters', {}),
    },
    network: {
      firstByteTimeoutMs: positive(c.get('network.firstByteTimeoutSeconds'), 30) * 1000,
      idleTimeoutMs: positive(c.get('network.idleTimeoutSeconds'), 60) * 1000,
      maxRetries: Math.min(10, Math.max(0, Math.floor(c.get<number>('network.maxRetries') ?? 3))),
    },
    chat: { autoContinueLimit: Math.min(20, Math.max(0, Math.floor(c.get<number>('chat.autoContinueLimit') ?? 3))) },
    context: {
      includeOpenEditors: c.get<boolean>('context.includeOpenEditors') ?? true,
      exclude: c.get<string[]>('context.exclude') ?? [],
      maxFileSizeBytes: positive(c.get('context.maxFileSizeKB'), 512) * 1024,
    },
  };
}
