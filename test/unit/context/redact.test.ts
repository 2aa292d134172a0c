import { strict as assert } from 'node:assert';
import { redactSecrets } from '../../../src/core/providers/redact';
import { redactContextText } from '../../../src/core/context/redact';
import { createContextItem, lineCountOf } from '../../../src/core/context/items';

describe('context redaction', () => {
  it('masks key-shaped strings', () => {
    const keys = [
      'sk-proj-abcdefghijklmnop1234',
      'AIzaSyA1234567890abcdefghijklmnopq',
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'xoxb-123456789012-abcdefghijkl',
      'AKIAIOSFODNN7EXAMPLE',
    ];
    for (const key of keys) {
      const out = redactContextText(`const k = ${key};`);
      assert.ok(!out.includes(key), key);
      assert.match(out, /\[redacted key\]/);
    }
  });

  it('a context item is masked for its own text, even when an earlier text had the same version key', () => {
    // An untitled buffer closed and opened anew starts again at version 1 under the same name.
    const item = (text: string) => createContextItem({ kind: 'openEditor', path: 'Untitled-1', languageId: 'typescript', text, versionKey: 'untitled:Untitled-1@1' }, (t) => t.length);
    assert.equal(item('const a = 1;').text, 'const a = 1;');
    const withKey = item('const k = "sk-proj-abcdefghijklmnop1234";');
    assert.ok(!withKey.text.includes('sk-proj-abcdefghijklmnop1234'), withKey.text);
    assert.equal(item('const b = 2;').text, 'const b = 2;');
    assert.equal(item('const b = 2;').text, 'const b = 2;', 'the same text again, served from the memo');
  });

  it('masks PEM private key blocks and keeps the line count', () => {
    const text = 'before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\nqwertyuiop\n-----END RSA PRIVATE KEY-----\nafter\n';
    const out = redactContextText(text);
    assert.ok(!out.includes('MIIEpAIBAAKCAQEA') && !out.includes('qwertyuiop'));
    assert.match(out, /\[redacted private key\]/);
    assert.equal(lineCountOf(out), lineCountOf(text));
    assert.ok(out.startsWith('before\n') && out.endsWith('after\n'));
    const openssh = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----';
    assert.ok(!redactContextText(openssh).includes('b3BlbnNzaC1rZXk'));
  });

  it('masks quoted secrets assigned to secret-sounding names in any file', () => {
    const out = redactContextText('const password = "hunter2!";\n"apiKey": "abcd1234",\nclient_secret: \'s3cr3t-value\'');
    assert.ok(!out.includes('hunter2!') && !out.includes('abcd1234') && !out.includes('s3cr3t-value'));
    assert.match(out, /password = "\[redacted\]"/);
    // Code that merely mentions a secret keeps its meaning.
    assert.equal(redactContextText('const token = getToken();\nif (password === "") return;'), 'const token = getToken();\nif (password === "") return;');
  });

  it('masks bare assignments only in config-like files', () => {
    const env = 'DB_PASSWORD=hunter2\nexport API_KEY=abc123xyz\nDB_HOST=localhost\nTOKEN=${FROM_ENV}\n';
    const out = redactContextText(env, 'dotenv', 'deploy/app.env');
    assert.equal(out, 'DB_PASSWORD=[redacted]\nexport API_KEY=[redacted]\nDB_HOST=localhost\nTOKEN=${FROM_ENV}\n');
    assert.equal(redactContextText('db:\n  password: hunter2\n', 'yaml', 'config.yml'), 'db:\n  password: [redacted]\n');
    assert.equal(redactContextText('token=next()', 'typescript', 'src/a.ts'), 'token=next()');
  });

  it('shares key patterns with provider redaction, whose API is unchanged', () => {
    assert.equal(redactSecrets('key ghp_abcdefghijklmnopqrstuvwxyz0123456789 end'), 'key [redacted key] end');
    assert.equal(redactSecrets('my secret123 here', ['secret123']), 'my [redacted key] here');
  });
});
