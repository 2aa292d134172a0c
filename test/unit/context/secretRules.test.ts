// One case per rule of the secret table (src/core/redactPatterns.ts): the secret is gone from both redactions,
// the text around it stays, and a rule added without a case fails here. Secret-shaped samples are assembled at
// run time, so this file holds nothing a secret scanner would flag.
import { strict as assert } from 'node:assert';
import { SECRET_RULES } from '../../../src/core/redactPatterns';
import { redactContextText } from '../../../src/core/context/redact';
import { lineCountOf } from '../../../src/core/context/items';
import { redactSecrets } from '../../../src/core/providers/redact';

const run = (chars: string, length: number) => chars.repeat(Math.ceil(length / chars.length)).slice(0, length);
const alnum = (length: number) => run('aB3dE5gH7jK9mN1pQ2sT4vW6yZ8', length);
const b64 = (length: number) => run('MIIEvQIBADANBgkqhkiG9w0BAQ+/', length);

interface Case {
  /** The text as it appears in a file, a log or a pasted message. */
  readonly text: string;
  /** What must be gone. */
  readonly secret: string;
  /** What must still be there. */
  readonly kept: readonly string[];
}

const pem = (label: string, body: string, eol = '\n') => `-----BEGIN ${label}-----${eol}${body}${eol}-----END ${label}-----`;

const CASES: Record<string, Case> = {
  'private-key-block': {
    text: `{"type": "service_account", "pem": "${pem('PRIVATE KEY', `${b64(64)}\\n${b64(40)}`, '\\n')}\\n", "client_email": "a@b.iam"}`,
    secret: b64(40),
    kept: ['-----BEGIN PRIVATE KEY-----', '-----END PRIVATE KEY-----', '"client_email": "a@b.iam"'],
  },
  'private-key-unterminated': {
    text: `here is my key, why does ssh refuse it?\n-----BEGIN OPENSSH PRIVATE KEY-----\n${b64(70)}\n${b64(30)}\nthanks`,
    secret: b64(30),
    kept: ['-----BEGIN OPENSSH PRIVATE KEY-----', 'why does ssh refuse it?', '\nthanks'],
  },
  openai: { text: `OPENAI=${'sk-'}proj-${alnum(40)} # prod`, secret: alnum(40), kept: ['OPENAI=', '# prod'] },
  'google-api-key': { text: `key: "${'AIza'}Sy${alnum(33)}"`, secret: alnum(33), kept: ['key: "'] },
  'google-oauth-token': { text: `Authorization: Bearer ${'ya29'}.${alnum(60)}`, secret: alnum(60), kept: ['Authorization: Bearer'] },
  'google-oauth-client-secret': { text: `"client_secret_value": ${'GOCSPX'}-${alnum(28)},`, secret: alnum(28), kept: ['"client_secret_value":'] },
  github: { text: `git push https://${'ghp'}_${alnum(36)}@github.com/o/r`, secret: alnum(36), kept: ['git push https://', '@github.com/o/r'] },
  'github-fine-grained': { text: `GH=${'github_pat'}_${alnum(22)}_${alnum(59)}`, secret: alnum(59), kept: ['GH='] },
  gitlab: { text: `curl --header "PRIVATE-TOKEN: ${'glpat'}-${alnum(20)}" https://gitlab.com/api/v4/projects`, secret: alnum(20), kept: ['PRIVATE-TOKEN:', 'https://gitlab.com/api/v4/projects'] },
  'hugging-face': { text: `huggingface-cli login --token ${'hf'}_${alnum(34)}`, secret: alnum(34), kept: ['huggingface-cli login --token'] },
  'slack-token': { text: `curl -H "Authorization: Bearer ${'xoxb'}-1234567890-1234567890123-${alnum(24)}" https://slack.com/api/chat.postMessage`, secret: alnum(24), kept: ['Authorization: Bearer', 'https://slack.com/api/chat.postMessage'] },
  'slack-webhook': { text: `POST https://hooks.slack.com/services/T0${alnum(8)}/B0${alnum(8)}/${alnum(24)} failed`, secret: alnum(24), kept: ['POST', 'failed'] },
  stripe: { text: `stripe.api_key = ${'sk'}_live_${alnum(24)}; restricted ${'rk'}_live_${alnum(30)}`, secret: alnum(24), kept: ['stripe.api_key =', 'restricted'] },
  sendgrid: { text: `SENDGRID=${'SG'}.${alnum(22)}.${alnum(43)}`, secret: alnum(43), kept: ['SENDGRID='] },
  'aws-access-key-id': { text: `aws_access_key_id = ${'AKIA'}${'IOSFODNN7EXAMPLE'}`, secret: 'IOSFODNN7EXAMPLE', kept: ['aws_access_key_id ='] },
  'azure-storage-key': {
    text: `DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=${b64(86)}==;EndpointSuffix=core.windows.net`,
    secret: b64(86),
    kept: ['AccountName=shop;AccountKey=', ';EndpointSuffix=core.windows.net'],
  },
  npm: { text: `//registry.npmjs.org/:_authToken=${'npm'}_${alnum(36)}`, secret: alnum(36), kept: ['//registry.npmjs.org/:_authToken='] },
  jwt: {
    text: `Cookie: session=${'eyJ'}hbGciOiJIUzI1NiJ9.${'eyJ'}zdWIiOiIxMjM0NTY3ODkwIn0.${alnum(43)}; Path=/`,
    secret: alnum(43),
    kept: ['Cookie: session=', '; Path=/'],
  },
  'url-credentials': {
    text: `DATABASE_URL=postgres://shop:${'Tr0ub4dor'}-x9@db.internal:5432/shop and redis://:${'s3cretRedis'}@cache:6379`,
    secret: 'Tr0ub4dor',
    kept: ['postgres://shop:', '@db.internal:5432/shop', 'redis://:', '@cache:6379'],
  },
};

describe('secret rules: one case per rule', () => {
  it('every rule has a case and every case a rule', () => {
    assert.deepEqual(Object.keys(CASES).sort(), SECRET_RULES.map((r) => r.id).sort());
  });

  for (const rule of SECRET_RULES) {
    it(`${rule.id}: ${rule.what}`, () => {
      const { text, secret, kept } = CASES[rule.id];
      for (const [name, out] of [['context', redactContextText(text)], ['log', redactSecrets(text)]] as const) {
        assert.ok(!out.includes(secret), `${name} redaction left the secret in: ${out}`);
        assert.ok(out.includes(rule.mask), `${name} redaction: ${out}`);
        for (const part of kept) assert.ok(out.includes(part), `${name} redaction dropped "${part}": ${out}`);
        assert.equal(lineCountOf(out), lineCountOf(text), `${name} redaction changed the line count`);
      }
    });
  }

  it('placeholders and ordinary URLs stay as they are', () => {
    const text = 'postgres://${DB_USER}:${DB_PASSWORD}@localhost/db\nhttps://example.com:8080/path\nsee https://user@host/x\n';
    assert.equal(redactContextText(text), text);
    assert.equal(redactSecrets('GET https://api.openai.com/v1/chat/completions 200'), 'GET https://api.openai.com/v1/chat/completions 200');
  });
});
