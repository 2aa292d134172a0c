// The webview message schemas are the protocol: these tests read the schemas themselves, so a message type or a
// field added without an exact object, a size cap or a valid example fails here before it reaches the host.
import { strict as assert } from 'node:assert';
import type * as v from 'valibot';
import { WEBVIEW_MESSAGE_SCHEMAS, WEBVIEW_MESSAGE_TYPES, parseFromWebview } from '../../src/shared/webviewMessages';
import { VALID } from '../support/webviewMessageExamples';

type AnySchema = v.BaseSchema<unknown, unknown, v.BaseIssue<unknown>> & {
  readonly pipe?: readonly { readonly kind: string; readonly type: string; readonly requirement?: unknown }[];
  readonly entries?: Readonly<Record<string, AnySchema>>;
  readonly item?: AnySchema;
  /** What v.optional / v.nullable wrap. */
  readonly wrapped?: AnySchema;
  readonly literal?: unknown;
};

/** The schemas and actions one field is made of (a piped schema lists its base schema first). */
function parts(schema: AnySchema): readonly { readonly kind: string; readonly type: string; readonly requirement?: unknown }[] {
  return schema.pipe ?? [schema];
}

/** What is wrong with a schema and everything inside it, as "path: problem" lines. */
function problems(schema: AnySchema, path: string): string[] {
  const found: string[] = [];
  const items = parts(schema);
  const types = items.filter((p) => p.kind === 'schema').map((p) => p.type);
  const capped = items.some((p) => p.type === 'max_length');
  if (types.includes('string') && !capped) found.push(`${path}: a string without a maxLength`);
  if (types.includes('array') && !capped) found.push(`${path}: a list without a maxLength`);
  if (types.some((t) => t === 'object' || t === 'loose_object' || t === 'object_with_rest')) found.push(`${path}: an object that is not strict`);
  if (types.includes('strict_object') && types[0] !== 'custom') found.push(`${path}: an object without the own-fields check`);
  if (types.some((t) => t === 'unknown' || t === 'any')) found.push(`${path}: a field of any value`);
  for (const part of schema.pipe ?? [schema]) {
    const inner = part as AnySchema;
    if (inner.entries) for (const [key, entry] of Object.entries(inner.entries)) found.push(...problems(entry, `${path}.${key}`));
    // A list may first be read as a list of anything (to count it) and then item by item: only the last counts.
    if (inner.item && inner.item.type !== 'unknown') found.push(...problems(inner.item, `${path}[]`));
    if (inner.wrapped) found.push(...problems(inner.wrapped, path));
  }
  return found;
}

/** The entries of a message schema (the strict object inside its pipe). */
function entriesOf(schema: AnySchema): Readonly<Record<string, AnySchema>> {
  const object = (schema.pipe ?? []).find((p) => p.type === 'strict_object') as AnySchema | undefined;
  assert.ok(object?.entries, 'a message schema holds a strict object');
  return object.entries;
}

function maxLengthOf(schema: AnySchema): number | undefined {
  const cap = parts(schema).find((p) => p.type === 'max_length');
  return typeof cap?.requirement === 'number' ? cap.requirement : undefined;
}

describe('security: webview message schemas', () => {
  it('define every message type once, each under its own type', () => {
    assert.ok(WEBVIEW_MESSAGE_TYPES.length >= 21, 'the 21 message types of today are all there');
    assert.deepEqual(Object.keys(WEBVIEW_MESSAGE_SCHEMAS).sort(), [...WEBVIEW_MESSAGE_TYPES].sort());
    for (const type of WEBVIEW_MESSAGE_TYPES) {
      const entries = entriesOf(WEBVIEW_MESSAGE_SCHEMAS[type] as AnySchema);
      assert.equal(entries.type?.literal, type, `the schema under ${type} accepts type ${String(entries.type?.literal)}`);
    }
  });

  it('are exact objects all the way down, with a cap on every string and list', () => {
    const found = WEBVIEW_MESSAGE_TYPES.flatMap((type) => problems(WEBVIEW_MESSAGE_SCHEMAS[type] as AnySchema, type));
    assert.deepEqual(found, []);
  });

  it('the checker above finds a string without a cap, a loose object and a field of any value', () => {
    const loose = { kind: 'schema', type: 'object', entries: { note: { kind: 'schema', type: 'string' }, raw: { kind: 'schema', type: 'unknown' } } };
    assert.deepEqual(problems(loose as unknown as AnySchema, 'probe'), ['probe: an object that is not strict', 'probe.note: a string without a maxLength', 'probe.raw: a field of any value']);
  });

  it('refuses one character over the cap of every string field, and accepts the cap itself', () => {
    let checked = 0;
    for (const example of VALID) {
      const entries = entriesOf(WEBVIEW_MESSAGE_SCHEMAS[example.type] as AnySchema);
      for (const [field, schema] of Object.entries(entries)) {
        const cap = maxLengthOf(schema);
        if (field === 'type' || cap === undefined || typeof (example as Record<string, unknown>)[field] !== 'string') continue;
        const atCap = parseFromWebview({ ...example, [field]: 'x'.repeat(cap) });
        assert.ok(atCap.ok, `${example.type}.${field} at its cap of ${cap}: ${atCap.ok ? '' : atCap.reason}`);
        const over = parseFromWebview({ ...example, [field]: 'x'.repeat(cap + 1) });
        assert.equal(over.ok, false, `${example.type}.${field} over its cap of ${cap} was accepted`);
        if (!over.ok) assert.equal(over.reason, `${example.type}: invalid field ${field}`);
        checked++;
      }
    }
    assert.ok(checked >= 12, `every capped string field was tried (${checked})`);
  });

  it('refuses an extra field, and a field only the prototype supplies, on every message type', () => {
    for (const example of VALID) {
      const extra = parseFromWebview({ ...example, extra: 'x' });
      assert.deepEqual(extra, { ok: false, reason: `${example.type}: unexpected field extra` });
      const inherited = Object.assign(Object.create({ extra: 'x' }) as object, example);
      assert.equal(parseFromWebview(inherited).ok, false, `${example.type} with an inherited field was accepted`);
    }
  });

  it('hands the host a copy made by the schema, not the object the webview sent', () => {
    const raw = { type: 'send', text: 'hi', images: [] };
    const parsed = parseFromWebview(raw);
    assert.ok(parsed.ok);
    assert.notEqual(parsed.message, raw);
    assert.deepEqual(parsed.message, raw);
  });
});
