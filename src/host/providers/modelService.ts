import * as vscode from 'vscode';
import type { ModelOption } from '../../shared/protocol';
import { usageCost } from '../../core/providers/price';
import type { Chunk, ModelInfo, ModelProvider, ModelSlot, ProviderErrorInfo, Usage } from '../../core/providers/types';
import type { GatewayRequest, ModelGateway } from '../chat/modelGateway';
import { MODEL_CARD_SLOTS, modelCard, modelLabel } from '../../core/providers/modelCards';
import { originsFor, resolveEndpoint, type ResolvedEndpoint } from './endpoints';
import type { Log } from '../log';
import type { StatusModel } from './statusBar';
import { credentialLabel, type CredentialId } from '../../core/providers/endpointKinds';
import type { KeyStore } from './keyStore';
import type { TandemSettings } from '../settings';
import { latencyMark } from '../latencyMarks';

/** Builds a wire-format provider for one request from plain values (see src/core/providers). */
export type ProviderFactory = (endpoint: ResolvedEndpoint, secret: string | undefined, settings: TandemSettings) => ModelProvider;

export type ConnectionTest = { ok: true; ms: number } | { ok: false; error: ProviderErrorInfo };

const TEST_PROMPT = 'Reply with the single word OK.';

/**
 * The chat's door to the models: resolves a slot to an endpoint and a key, asks before a key goes to an origin
 * it was not saved for, and prices usage. Settings are read per request, so a change applies to the next one.
 */
export class ModelService implements ModelGateway, vscode.Disposable {
  private readonly spent = new vscode.EventEmitter<number>();
  readonly onDidSpend = this.spent.event;

  constructor(
    private readonly keys: KeyStore,
    private readonly log: Log,
    private readonly settings: () => TandemSettings,
    private readonly createProvider: ProviderFactory,
  ) {}

  models(): ModelOption[] {
    const s = this.settings();
    return MODEL_CARD_SLOTS.map((slot) => ({ slot, label: modelLabel(slot, s[slot].model), modelId: s[slot].model, supportsThinking: modelCard(slot).thinking !== undefined }));
  }

  modelOptions(): ModelOption[] {
    return this.models();
  }

  label(slot: ModelSlot): string {
    return modelLabel(slot, this.settings()[slot].model);
  }

  modelId(slot: ModelSlot): string {
    return resolveEndpoint(slot, this.settings()).model;
  }

  endpointLabel(slot: ModelSlot): string {
    return resolveEndpoint(slot, this.settings()).label;
  }

  /** The status bar's words for a slot: "Gemini", "Gemini 3.1 Flash-Lite", "via Vertex AI · `gemini-3.1-flash-lite`". */
  statusModel(slot: ModelSlot): StatusModel {
    const endpoint = resolveEndpoint(slot, this.settings());
    return { shortName: modelCard(slot).shortLabel, label: modelLabel(slot, endpoint.model), route: `via ${endpoint.kindLabel} · \`${endpoint.model}\`` };
  }

  credentialFor(slot: ModelSlot): CredentialId {
    return resolveEndpoint(slot, this.settings()).credential;
  }

  credentialsInUse(): CredentialId[] {
    return [...new Set(MODEL_CARD_SLOTS.map((slot) => this.credentialFor(slot)))];
  }

  originsFor(id: CredentialId): string[] {
    return originsFor(id, this.settings());
  }

  /** Slots that can make a request now: a key is set, or the endpoint needs none. */
  async configuredSlots(): Promise<ModelSlot[]> {
    const settings = this.settings();
    const slots: ModelSlot[] = [];
    for (const slot of MODEL_CARD_SLOTS) {
      const endpoint = resolveEndpoint(slot, settings);
      if (!endpoint.credentialRequired || (await this.keys.get(endpoint.credential))) slots.push(slot);
    }
    return slots;
  }

  costUsd(slot: ModelSlot, usage: Usage): number {
    return usageCost(usage, this.settings()[slot].price);
  }

  async *stream(request: GatewayRequest, signal: AbortSignal): AsyncIterable<Chunk> {
    const settings = this.settings();
    const endpoint = resolveEndpoint(request.slot, settings);
    const secret = await this.authorizedSecret(endpoint);
    if (typeof secret === 'object') {
      yield { type: 'error', error: secret };
      return;
    }
    const provider = this.createProvider(endpoint, secret, settings);
    const slotLimit = settings[request.slot].maxOutputTokens;
    const maxOutputTokens = Math.min(slotLimit, request.maxOutputTokens ?? slotLimit);
    // A model without a reasoning control is never sent a thinking level.
    const thinkingLevel = modelCard(request.slot).thinking ? request.thinkingLevel : undefined;
    this.log.trace(`Request to ${endpoint.label} (${endpoint.origin}), model ${endpoint.model}.`);
    latencyMark('requestStarted');
    for await (const chunk of provider.stream(
      { model: endpoint.model, system: request.system, messages: request.messages, maxOutputTokens, thinkingLevel },
      signal,
    )) {
      if (chunk.type === 'usage') this.spent.fire(this.costUsd(request.slot, chunk.usage));
      yield chunk;
    }
  }

  /** Spend the provider never reported as usage (a completion stopped early is priced from its prompt). */
  recordSpend(amountUsd: number): void {
    if (Number.isFinite(amountUsd) && amountUsd > 0) this.spent.fire(amountUsd);
  }

  /** The models the slot's endpoint lists, or the error to show. */
  async listModels(slot: ModelSlot, signal: AbortSignal): Promise<{ ok: true; models: ModelInfo[] } | { ok: false; message: string }> {
    const settings = this.settings();
    const endpoint = resolveEndpoint(slot, settings);
    const secret = await this.authorizedSecret(endpoint);
    if (typeof secret === 'object') return { ok: false, message: secret.message };
    try {
      return { ok: true, models: await this.createProvider(endpoint, secret, settings).listModels(signal) };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }

  async testConnection(slot: ModelSlot, signal: AbortSignal): Promise<ConnectionTest> {
    const started = Date.now();
    let error: ProviderErrorInfo | undefined;
    let answered = false;
    for await (const chunk of this.stream({ slot, system: '', messages: [{ role: 'user', parts: [{ kind: 'text', text: TEST_PROMPT }] }], thinkingLevel: 'minimal' }, signal)) {
      if (chunk.type === 'error') error = chunk.error;
      if (chunk.type === 'text' || chunk.type === 'finish') answered = true;
    }
    if (error) return { ok: false, error };
    if (!answered) return { ok: false, error: { kind: 'protocol', message: 'The server answered, but with no text.', action: 'openSettings' } };
    return { ok: true, ms: Date.now() - started };
  }

  /** The secret to send, or the error to show instead. Asks before a key goes to a new origin. */
  private async authorizedSecret(endpoint: ResolvedEndpoint): Promise<string | undefined | ProviderErrorInfo> {
    const credential = await this.keys.get(endpoint.credential);
    if (!credential) {
      if (!endpoint.credentialRequired) return undefined;
      return { kind: 'auth', message: `No ${credentialLabel(endpoint.credential)} is set. Run 'Tandem: Set API Key'.`, action: 'setKey' };
    }
    if (credential.origins === 'any' || credential.origins.includes(endpoint.origin)) return credential.secret;
    const allowed = credential.origins.join(', ');
    const choice = await vscode.window.showWarningMessage(
      `Send your ${credentialLabel(endpoint.credential)} to ${endpoint.origin}?`,
      { modal: true, detail: `It was saved for ${allowed}. Your settings now send ${endpoint.label} requests to ${endpoint.origin}.` },
      'Send Key',
    );
    if (choice !== 'Send Key') {
      return { kind: 'auth', message: `Your key was not sent to ${endpoint.origin}. Set a key for that endpoint with 'Tandem: Set API Key'.`, action: 'setKey' };
    }
    await this.keys.allowOrigin(endpoint.credential, endpoint.origin);
    this.log.info(`${credentialLabel(endpoint.credential)} may now also go to ${endpoint.origin}.`);
    return credential.secret;
  }

  dispose(): void {
    this.spent.dispose();
  }
}
