import { strict as assert } from 'node:assert';
import {
  authHeader,
  CREDENTIALS,
  credentialLabel,
  defaultBaseUrl,
  ENDPOINT_KIND_IDS,
  ENDPOINT_KINDS,
  endpointKind,
  kindsServing,
  routeFor,
  type EndpointKind,
  type KindServing,
  type KindSpeaking,
} from '../../../src/core/providers/endpointKinds';
import type { GeminiEndpointKind } from '../../../src/core/providers/gemini';
import { MODEL_CARD_SLOTS, MODEL_CARDS } from '../../../src/core/providers/modelCards';
import type { ModelSlot } from '../../../src/core/providers/types';
import { originsFor, resolveEndpoint } from '../../../src/host/providers/endpoints';
import type { GeminiProviderKind, GptProviderKind, TandemSettings } from '../../../src/host/settings';
import { contributedSettings } from '../../support/manifest';

// The derived unions, checked where they are computed (without listing the kinds, so a new row needs no edit here).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Never<A> = [A] extends [never] ? true : false;
const derivedTypes: [
  Same<GeminiProviderKind, KindServing<'gemini'>>,
  Same<GptProviderKind, KindServing<'gpt'>>,
  Same<GeminiEndpointKind, KindSpeaking<'gemini'>>,
  Same<KindSpeaking<'openai-chat'>, KindServing<'gpt'>>,
  Same<KindServing<'gpt'>, EndpointKind>,
  Never<KindServing<'gemini'>>,
  'vertex' extends GptProviderKind ? true : false,
  'cometapi' extends GeminiProviderKind & GptProviderKind ? true : false,
] = [true, true, true, true, false, false, false, true];

/** Kinds meant to share one key (none today: CometAPI's one key serves both slots from ONE row). */
const SHARED_CREDENTIALS: readonly (readonly EndpointKind[])[] = [];

function settings(slot: ModelSlot, kind: EndpointKind, overrides: { baseUrl?: string; vertexLocation?: string } = {}): TandemSettings {
  const price = MODEL_CARDS.gemini.price;
  const gemini = { provider: 'gemini' as GeminiProviderKind, model: 'gemini-3.1-flash-lite', baseUrl: '', thinkingLevel: 'low' as const, contextWindow: 1_048_576, maxOutputTokens: 65_536, price, vertexProject: 'p', vertexLocation: overrides.vertexLocation ?? 'global' };
  const gpt = { provider: 'openai' as GptProviderKind, model: 'gpt-5.3-chat-latest', baseUrl: '', contextWindow: 128_000, maxOutputTokens: 16_384, price, extraBodyParameters: {} };
  return {
    defaultModel: 'gemini',
    gemini: slot === 'gemini' ? { ...gemini, provider: kind as GeminiProviderKind, baseUrl: overrides.baseUrl ?? '' } : gemini,
    gpt: slot === 'gpt' ? { ...gpt, provider: kind as GptProviderKind, baseUrl: overrides.baseUrl ?? '' } : gpt,
    network: { firstByteTimeoutMs: 30_000, idleTimeoutMs: 60_000, maxRetries: 3 },
    chat: { autoContinueLimit: 3 },
    context: { includeOpenEditors: true, exclude: [], maxFileSizeBytes: 512 * 1024 },
    commitMessage: { instructions: '' },
  };
}

const servedPairs = ENDPOINT_KIND_IDS.flatMap((kind) => MODEL_CARD_SLOTS.filter((slot) => endpointKind(kind).serves[slot]).map((slot) => [kind, slot] as const));

describe('endpoint kinds table', () => {
  it('derives its types from the rows', () => assert.deepEqual(derivedTypes, [true, true, true, true, false, false, false, true]));

  for (const kind of ENDPOINT_KIND_IDS) {
    it(`${kind}: every field is filled in, and its base URL and routes are well formed`, () => {
      const row = endpointKind(kind);
      assert.ok(row.label.trim() && row.providerName.trim(), 'a label and a provider name');
      const url = new URL(row.defaultBaseUrl);
      assert.ok(!row.defaultBaseUrl.endsWith('/') && !url.search && !url.hash && !url.username, 'a base URL: origin and path prefix, no trailing slash');
      assert.ok(url.protocol === 'https:' || ['127.0.0.1', 'localhost'].includes(url.hostname), 'http: only for a local server');
      const routes = Object.entries(row.serves);
      assert.ok(routes.length > 0, 'serves at least one slot');
      for (const [slot, route] of routes) {
        assert.ok((MODEL_CARD_SLOTS as string[]).includes(slot), `${slot} is a model slot`);
        assert.ok(route.wire === 'gemini' || route.wire === 'openai-chat', 'a wire format Tandem speaks');
        assert.ok(route.auth.header === 'x-goog-api-key' || (route.auth.header === 'authorization' && route.auth.scheme === 'Bearer'));
      }
      const credential = row.credential;
      assert.ok(credential.id && /(key|token)$/.test(credential.label) && credential.detail.trim(), 'a credential with a label and a detail');
      if (credential.envVar !== undefined) assert.match(credential.envVar, /^[A-Z][A-Z0-9_]*$/);
    });
  }

  it('gives each kind its own credential, env var and key label, unless the kinds are meant to share one', () => {
    const byCredential = new Map<string, EndpointKind[]>();
    for (const kind of ENDPOINT_KIND_IDS) byCredential.set(endpointKind(kind).credential.id, [...(byCredential.get(endpointKind(kind).credential.id) ?? []), kind]);
    const shared = [...byCredential.values()].filter((kinds) => kinds.length > 1);
    assert.deepEqual(shared, SHARED_CREDENTIALS);
    const envVars = CREDENTIALS.flatMap((c) => (c.envVar ? [c.envVar] : []));
    assert.equal(new Set(envVars).size, envVars.length, 'no two keys read one environment variable');
    assert.equal(new Set(CREDENTIALS.map((c) => c.label)).size, CREDENTIALS.length, 'no two keys look alike in Set API Key');
  });

  it('lists every credential once in Set API Key, in table order, named as the table says', () => {
    assert.deepEqual(CREDENTIALS.map((c) => c.id), [...new Set(ENDPOINT_KIND_IDS.map((kind) => endpointKind(kind).credential.id))]);
    assert.deepEqual(CREDENTIALS.slice(0, 2).map((c) => c.id), ['gemini', 'openai'], 'the two default providers\' keys come first');
    for (const kind of ENDPOINT_KIND_IDS) assert.equal(credentialLabel(endpointKind(kind).credential.id), endpointKind(kind).credential.label);
  });

  for (const slot of MODEL_CARD_SLOTS) {
    it(`offers in tandem.${slot}.provider exactly the kinds that serve ${slot}, with a description each`, () => {
      const setting = contributedSettings()[`tandem.${slot}.provider`];
      assert.deepEqual([...(setting.enum ?? [])].sort(), [...kindsServing(slot)].sort());
      assert.equal(setting.enumDescriptions?.length, setting.enum?.length);
      assert.ok(kindsServing(slot).includes(setting.default as never), 'the default serves the slot');
    });
  }

  for (const [kind, slot] of servedPairs) {
    it(`resolves ${slot} via ${kind} from its row: route, credential, label, origin`, () => {
      const endpoint = resolveEndpoint(slot, settings(slot, kind));
      const row = ENDPOINT_KINDS[kind];
      assert.deepEqual(endpoint.route, endpointKind(kind).serves[slot]);
      assert.equal(endpoint.credential, row.credential.id);
      assert.equal(endpoint.credentialRequired, row.credential.required);
      assert.equal(endpoint.label, `${MODEL_CARDS[slot].displayName} via ${row.label}`);
      assert.equal(endpoint.baseUrl, row.defaultBaseUrl);
      assert.equal(endpoint.origin, new URL(row.defaultBaseUrl).origin);
      assert.deepEqual(originsFor(endpoint.credential, settings(slot, kind)), [endpoint.origin]);
    });
  }

  it('sends one aggregator key to one origin when it serves both slots', () => {
    const both = { ...settings('gemini', 'cometapi'), gpt: settings('gpt', 'cometapi').gpt };
    assert.deepEqual(originsFor('cometapi', both), ['https://api.cometapi.com']);
  });

  it('knows where an unused credential would go: its kind\'s default origin', () => {
    assert.deepEqual(originsFor('vertex', settings('gemini', 'gemini', { vertexLocation: 'europe-west4' })), ['https://aiplatform.googleapis.com']);
    assert.deepEqual(originsFor('openaiCompatible', settings('gemini', 'gemini')), ['http://127.0.0.1:11434']);
  });

  it('follows the Vertex location only for the regional kind', () => {
    assert.equal(defaultBaseUrl('vertex', 'us-central1'), 'https://us-central1-aiplatform.googleapis.com');
    assert.equal(defaultBaseUrl('vertexExpress', 'us-central1'), 'https://aiplatform.googleapis.com');
    assert.equal(defaultBaseUrl('gemini', 'eu'), 'https://generativelanguage.googleapis.com');
  });

  it('finds a kind\'s route for a wire format, and none for one it does not speak', () => {
    assert.equal(routeFor('cometapi', 'gemini')?.path, 'v1beta');
    assert.equal(routeFor('cometapi', 'openai-chat')?.wire, 'openai-chat');
    assert.equal(routeFor('openai', 'gemini'), undefined);
    assert.equal(routeFor('vertex', 'openai-chat'), undefined);
  });

  it('puts a secret in the header its auth style names, and no header without one', () => {
    assert.deepEqual(authHeader({ header: 'x-goog-api-key' }, 'AIza-k'), { 'x-goog-api-key': 'AIza-k' });
    assert.deepEqual(authHeader({ header: 'authorization', scheme: 'Bearer' }, 'sk-k'), { authorization: 'Bearer sk-k' });
    assert.deepEqual(authHeader({ header: 'authorization', scheme: 'Bearer' }, undefined), {});
  });
});
