// package.json's settings follow VS Code's conventions, and no workspace can decide where a key or code goes or what
// is spent: every such setting is machine-scoped (VS Code never reads it from a workspace) and restricted.
import { strict as assert } from 'node:assert';
import { contributedSettings, readManifest } from '../../support/manifest';

/** The only settings a workspace may set: both can only make Tandem send less. */
const WORKSPACE_MAY_SET: Readonly<Record<string, string>> = {
  'tandem.context.exclude': 'resource',
  'tandem.codeActions.enabled': 'resource',
};
const SECTIONS = ['Models', 'Gemini', 'GPT', 'Context', 'Network', 'Chat', 'Completions'];

describe('manifest: settings', () => {
  const manifest = readManifest();
  const settings = contributedSettings(manifest);
  const entries = Object.entries(settings);

  it('come in sections: Models, Gemini, GPT, Context, Network, Chat, Completions, in that order', () => {
    assert.ok(Array.isArray(manifest.contributes.configuration), 'contributes.configuration is an array of sections');
    const sorted = [...manifest.contributes.configuration].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
    assert.deepEqual(sorted.map((s) => s.title), SECTIONS);
    for (const section of sorted) assert.ok(Object.keys(section.properties).length > 0, section.title);
  });

  it('each has a type, a markdownDescription and no plain description', () => {
    for (const [key, schema] of entries) {
      assert.ok(schema.type, `${key} has a type`);
      assert.ok(schema.markdownDescription && schema.markdownDescription.length > 20, `${key} has a markdownDescription`);
      assert.equal(schema.description, undefined, `${key}: markdownDescription only`);
    }
  });

  it('counts are integers; fractional numbers are only money (prices, and US-dollar caps named …Usd)', () => {
    for (const [key, schema] of entries) {
      if (schema.type === 'number' && !key.endsWith('Usd')) assert.fail(`${key} is typed number: counts, sizes and seconds are integers`);
      if (schema.type === 'number') assert.ok(typeof schema.default === 'number' && schema.minimum === 0, `${key}: a dollar amount ≥ 0`);
      if (schema.type === 'integer') assert.ok(Number.isInteger(schema.default) && schema.minimum !== undefined, `${key}: integer default and a minimum`);
    }
  });

  it('price objects: each field a number ≥ 0, all fields required, no other fields', () => {
    for (const key of ['tandem.gemini.price', 'tandem.gpt.price']) {
      const price = settings[key];
      const fields = Object.keys(price.properties ?? {});
      assert.deepEqual(fields, ['inputPerMillion', 'cachedInputPerMillion', 'outputPerMillion'], key);
      for (const field of fields) assert.deepEqual([price.properties![field].type, price.properties![field].minimum], ['number', 0], `${key}.${field}`);
      assert.deepEqual(price.required, fields, key);
      assert.equal(price.additionalProperties, false, key);
    }
  });

  it('enums explain every value; thinking levels say what they cost in latency and money', () => {
    for (const [key, schema] of entries) {
      if (!schema.enum) continue;
      const descriptions = schema.markdownEnumDescriptions ?? schema.enumDescriptions;
      assert.equal(descriptions?.length, schema.enum.length, `${key} describes each value`);
    }
    for (const text of settings['tandem.gemini.thinkingLevel'].enumDescriptions ?? []) {
      assert.match(text, /fast|first word|latest|later/i, `latency: ${text}`);
      assert.match(text, /cheap|cost|billed/i, `cost: ${text}`);
    }
  });

  it('#tandem.x# links name real settings', () => {
    const known = new Set([...Object.keys(settings), 'files.exclude', 'search.exclude']);
    for (const [key, schema] of entries) {
      const texts = [schema.markdownDescription ?? '', ...(schema.markdownEnumDescriptions ?? [])];
      for (const text of texts) for (const [, link] of text.matchAll(/#([\w.]+)#/g)) assert.ok(known.has(link), `${key} links to unknown setting ${link}`);
    }
  });

  it('everything that decides where a key or code goes, or what is spent, is machine-scoped and restricted', () => {
    const restricted = new Set(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations);
    for (const [key, schema] of entries) {
      if (WORKSPACE_MAY_SET[key]) {
        assert.equal(schema.scope, WORKSPACE_MAY_SET[key], key);
        continue;
      }
      assert.equal(schema.scope, 'machine', `${key} must be machine-scoped: a workspace could otherwise set it`);
      assert.ok(restricted.has(key), `${key} is listed in restrictedConfigurations`);
      assert.match(schema.markdownDescription ?? '', /a workspace cannot/i, `${key} says that a workspace cannot set it`);
    }
    for (const key of restricted) assert.ok(settings[key], `restrictedConfigurations names a real setting: ${key}`);
  });

  it('the spend settings the issue names are among them', () => {
    const spend = ['contextWindow', 'maxOutputTokens', 'price'].flatMap((s) => [`tandem.gemini.${s}`, `tandem.gpt.${s}`]);
    for (const key of [...spend, 'tandem.chat.autoContinueLimit', 'tandem.context.includeOpenEditors', 'tandem.network.maxRetries', 'tandem.gemini.baseUrl', 'tandem.gpt.baseUrl']) {
      assert.equal(settings[key]?.scope, 'machine', key);
    }
  });
});
