// Every endpoint kind Tandem can send a model's requests to, in ONE table: its name, the wire format it speaks for
// each model slot it serves, where it lives, how the key travels and which key it is. The settings' kind unions,
// the key store's credential list, the provider factory, Set API Key's picker and the status bar's route text are
// all read from here, so adding a provider is one row (plus its wire format, if that is new, and its entry in the
// package.json `tandem.<slot>.provider` enum, which a unit test keeps in step with this table).
import type { ModelSlot } from './types';

/** How a key travels: in a header of its own, or as `authorization: Bearer <key>` (Vertex's OAuth token, OpenAI's key). */
export type AuthStyle = { readonly header: 'x-goog-api-key' } | { readonly header: 'authorization'; readonly scheme: 'Bearer' };

/** The path layouts of Gemini's streamGenerateContent: the Gemini API's, Vertex AI's per project, express mode's. */
export type GeminiPathLayout = 'v1beta' | 'vertexProject' | 'vertexPublisher';

export type WireRoute =
  | { readonly wire: 'gemini'; readonly path: GeminiPathLayout; readonly auth: AuthStyle }
  | { readonly wire: 'openai-chat'; readonly auth: AuthStyle };
export type WireFormat = WireRoute['wire'];

export interface CredentialInfo {
  /** The SecretStorage entry's name (`tandem.credential.<id>`): renaming one loses users' saved keys. */
  readonly id: string;
  /** "Gemini API key": the picker's label and the word used in every message about the key. */
  readonly label: string;
  readonly detail: string;
  readonly envVar?: string;
  /** A key is optional only where a server may run without one (a local OpenAI-compatible one). */
  readonly required: boolean;
}

export interface EndpointKindInfo {
  /** Settings and the status bar: "Gemini 3.1 Flash-Lite via <label>". */
  readonly label: string;
  /** In error messages: "<providerName> rejected the key". */
  readonly providerName: string;
  /** The model slots this kind serves, each with the wire format it speaks for that slot. */
  readonly serves: Readonly<Partial<Record<ModelSlot, WireRoute>>>;
  /** Scheme + host (+ port), no trailing slash; `tandem.<slot>.baseUrl` overrides it. */
  readonly defaultBaseUrl: string;
  /** Vertex AI: the host follows `tandem.vertex.location` (see defaultBaseUrl below). */
  readonly regionalHost?: boolean;
  readonly credential: CredentialInfo;
  /**
   * Token counts for a model here use its own tokenizer (o200k for OpenAI's, an estimate corrected by what the API
   * reports for Gemini) — except behind a local OpenAI-compatible server (Ollama, vLLM…), whose model has its own
   * tokenizer that o200k only approximates: its chips say "≈".
   */
  readonly approximateTokenCounts: boolean;
}

// `as const satisfies`: the table's literal types are what the kind unions below are derived from.
const GOOGLE_KEY = { header: 'x-goog-api-key' } as const satisfies AuthStyle;
const BEARER = { header: 'authorization', scheme: 'Bearer' } as const satisfies AuthStyle;
const OPENAI_CHAT = { wire: 'openai-chat', auth: BEARER } as const satisfies WireRoute;

/** In the order Set API Key lists their keys. */
export const ENDPOINT_KINDS = {
  gemini: {
    label: 'Gemini API',
    providerName: 'the Gemini API',
    serves: { gemini: { wire: 'gemini', path: 'v1beta', auth: GOOGLE_KEY } },
    defaultBaseUrl: 'https://generativelanguage.googleapis.com',
    credential: { id: 'gemini', label: 'Gemini API key', detail: 'Google AI Studio key (AIza…) for Gemini 3.1 Flash-Lite', envVar: 'TANDEM_GEMINI_API_KEY', required: true },
    approximateTokenCounts: false,
  },
  openai: {
    label: 'OpenAI',
    providerName: 'OpenAI',
    serves: { gpt: OPENAI_CHAT },
    defaultBaseUrl: 'https://api.openai.com',
    credential: { id: 'openai', label: 'OpenAI API key', detail: 'sk-… key for GPT-5.3 Chat', envVar: 'TANDEM_OPENAI_API_KEY', required: true },
    approximateTokenCounts: false,
  },
  cometapi: {
    label: 'CometAPI',
    providerName: 'CometAPI',
    // One aggregator key for both models: Gemini through its Gemini-native route, GPT through its OpenAI one.
    serves: { gemini: { wire: 'gemini', path: 'v1beta', auth: GOOGLE_KEY }, gpt: OPENAI_CHAT },
    defaultBaseUrl: 'https://api.cometapi.com',
    credential: { id: 'cometapi', label: 'CometAPI key', detail: 'One sk-… key for both models', envVar: 'TANDEM_COMETAPI_KEY', required: true },
    approximateTokenCounts: false,
  },
  vertex: {
    label: 'Vertex AI',
    providerName: 'Vertex AI',
    serves: { gemini: { wire: 'gemini', path: 'vertexProject', auth: BEARER } },
    defaultBaseUrl: 'https://aiplatform.googleapis.com',
    regionalHost: true,
    credential: { id: 'vertex', label: 'Vertex AI access token', detail: 'OAuth access token (gcloud auth print-access-token)', required: true },
    approximateTokenCounts: false,
  },
  vertexExpress: {
    label: 'Vertex AI (express)',
    providerName: 'Vertex AI',
    serves: { gemini: { wire: 'gemini', path: 'vertexPublisher', auth: GOOGLE_KEY } },
    defaultBaseUrl: 'https://aiplatform.googleapis.com',
    credential: { id: 'vertexExpress', label: 'Vertex AI express-mode key', detail: 'API key for Vertex AI express mode', required: true },
    approximateTokenCounts: false,
  },
  openaiCompatible: {
    label: 'OpenAI-compatible server',
    providerName: 'the OpenAI-compatible server',
    serves: { gpt: OPENAI_CHAT },
    defaultBaseUrl: 'http://127.0.0.1:11434',
    credential: { id: 'openaiCompatible', label: 'OpenAI-compatible endpoint key', detail: 'Optional key for Ollama, LM Studio, vLLM…', required: false },
    approximateTokenCounts: true,
  },
} as const satisfies Readonly<Record<string, EndpointKindInfo>>;

type Table = typeof ENDPOINT_KINDS;
export type EndpointKind = keyof Table;
/** The kinds `tandem.<slot>.provider` may name: `KindServing<'gemini'>` is the Gemini slot's setting type. */
export type KindServing<S extends ModelSlot> = { [K in EndpointKind]: S extends keyof Table[K]['serves'] ? K : never }[EndpointKind];
/** The kinds that speak a wire format for some slot (the Gemini provider takes only these). */
export type KindSpeaking<W extends WireFormat> = { [K in EndpointKind]: W extends WiresOf<K> ? K : never }[EndpointKind];
type WiresOf<K extends EndpointKind> = { [S in keyof Table[K]['serves']]: Table[K]['serves'][S] extends { readonly wire: infer W } ? W : never }[keyof Table[K]['serves']];
export type CredentialId = Table[EndpointKind]['credential']['id'];

export const ENDPOINT_KIND_IDS = Object.keys(ENDPOINT_KINDS) as EndpointKind[];

/** A row as the rest of Tandem reads it: its credential id is one of the table's. */
export type EndpointKindRow = EndpointKindInfo & { readonly credential: CredentialInfo & { readonly id: CredentialId } };

export function endpointKind(kind: EndpointKind): EndpointKindRow {
  return ENDPOINT_KINDS[kind];
}

/** The kinds that serve a slot, in table order (the package.json enum of `tandem.<slot>.provider`). */
export function kindsServing<S extends ModelSlot>(slot: S): KindServing<S>[] {
  return ENDPOINT_KIND_IDS.filter((kind) => endpointKind(kind).serves[slot] !== undefined) as KindServing<S>[];
}

/** How a kind speaks the given wire format, if it does (for any slot). */
export function routeFor<W extends WireFormat>(kind: EndpointKind, wire: W): Extract<WireRoute, { wire: W }> | undefined {
  const routes = Object.values(endpointKind(kind).serves) as WireRoute[];
  return routes.find((route): route is Extract<WireRoute, { wire: W }> => route.wire === wire);
}

/** Every key Set API Key offers, one per credential id, in table order. */
export const CREDENTIALS: readonly (CredentialInfo & { readonly id: CredentialId })[] = [
  ...new Map(ENDPOINT_KIND_IDS.map((kind) => [ENDPOINT_KINDS[kind].credential.id, ENDPOINT_KINDS[kind].credential] as const)).values(),
];

export function credentialInfo(id: CredentialId): CredentialInfo | undefined {
  return CREDENTIALS.find((c) => c.id === id);
}

/** "Gemini API key": how every message names a credential. */
export function credentialLabel(id: CredentialId): string {
  return credentialInfo(id)?.label ?? id;
}

/** The header that carries a secret in the given style. */
export function authHeader(auth: AuthStyle, secret: string | undefined): Record<string, string> {
  if (!secret) return {};
  return auth.header === 'authorization' ? { authorization: `${auth.scheme} ${secret}` } : { [auth.header]: secret };
}

/** Vertex AI's multi-region locations have their own hosts; a region is a prefix of the global host. */
const VERTEX_MULTI_REGION_HOST: Readonly<Record<string, string>> = { us: 'aiplatform.us.rep.googleapis.com', eu: 'aiplatform.eu.rep.googleapis.com' };

/** Where a kind lives when no base URL is set; a regional kind follows the Vertex location. */
export function defaultBaseUrl(kind: EndpointKind, vertexLocation: string): string {
  const info = endpointKind(kind);
  if (!info.regionalHost || vertexLocation === 'global') return info.defaultBaseUrl;
  const multiRegion = Object.prototype.hasOwnProperty.call(VERTEX_MULTI_REGION_HOST, vertexLocation) ? VERTEX_MULTI_REGION_HOST[vertexLocation] : undefined;
  return `https://${multiRegion ?? `${vertexLocation}-aiplatform.googleapis.com`}`;
}
