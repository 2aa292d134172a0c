// Links from model output: only http(s) is offered, and the confirmation shows the real target.
import { strict as assert } from 'node:assert';
import { checkModelLink, linkConfirmationDetail } from '../../src/shared/links';

function refused(href: string): string {
  const checked = checkModelLink(href);
  assert.equal(checked.ok, false, `${JSON.stringify(href)} must not open`);
  return checked.ok ? '' : checked.warning;
}

function detailFor(href: string, text: string): string {
  const checked = checkModelLink(href);
  assert.ok(checked.ok, `${href} should be offered`);
  return linkConfirmationDetail(checked.url, href, text);
}

describe('security: links in model output', () => {
  const hostile = [
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'DATA:image/svg+xml,<svg onload=alert(1)>',
    'file:///etc/passwd',
    'file://C:/Windows/win.ini',
    'FILE:///home/user/.ssh/id_rsa',
    'vscode:extension/evil.publisher',
    'vscode://vscode.git/clone?url=https://evil.test/repo',
    'vscode-insiders://settings/tandem.gpt.baseUrl',
    'command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%22%7D',
    'Command:workbench.action.openSettings',
    'vbscript:msgbox(1)',
    'blob:https://example.com/uuid',
    'ftp://example.com/file',
    'ms-settings:privacy',
    'mailto:victim@example.com?body=secret',
  ];
  for (const href of hostile) {
    it(`refuses ${JSON.stringify(href).slice(0, 60)}`, () => {
      assert.match(refused(href), /only http and https|could not read/);
    });
  }

  it('refuses links it cannot read (relative, protocol-relative, empty, garbage)', () => {
    for (const href of ['', 'docs/readme.md', '//evil.test/x', '#top', 'http//x', '::::']) assert.match(refused(href), /could not read/);
  });

  it('shows a hidden character in a refused link as a code point, not as itself', () => {
    const warning = refused('\u202Eexe.txt');
    assert.ok(!warning.includes('\u202E'));
    assert.match(warning, /U\+202E/);
  });

  it('offers http and https links, normalized', () => {
    assert.deepEqual(checkModelLink('https://example.com/docs'), { ok: true, url: 'https://example.com/docs' });
    assert.deepEqual(checkModelLink('HTTP://Example.COM'), { ok: true, url: 'http://example.com/' });
  });

  it('shows just the URL when the link text is the URL', () => {
    assert.equal(detailFor('https://example.com/docs', 'https://example.com/docs'), 'https://example.com/docs');
    assert.equal(detailFor('https://example.com', 'https://example.com/'), 'https://example.com/');
    assert.equal(detailFor('https://example.com/docs', ''), 'https://example.com/docs');
  });

  it('link text that looks like another URL: the confirmation shows the real one', () => {
    const detail = detailFor('https://evil.test/steal', 'https://github.com/microsoft/vscode');
    assert.equal(detail, 'The link text says "https://github.com/microsoft/vscode", but it goes to:\nhttps://evil.test/steal');
  });

  it('names the host when credentials disguise it', () => {
    const detail = detailFor('https://github.com@evil.test/login', 'https://github.com/login');
    assert.match(detail, /goes to:\nhttps:\/\/github\.com@evil\.test\/login\nHost: evil\.test$/);
  });

  it('shows a look-alike (IDN) host in punycode', () => {
    const detail = detailFor('https://аррle.com/', 'https://apple.com/');
    assert.match(detail, /goes to:\nhttps:\/\/xn--le-6kc8da\.com\/$/);
  });

  it('hidden characters in the link text are shown, not applied', () => {
    const detail = detailFor('https://evil.test/', 'https://example.com/\u202Egpj.exe\u200B');
    assert.ok(!/[\u202E\u200B]/.test(detail));
    assert.match(detail, /<U\+202E>gpj\.exe<U\+200B>/);
  });

  it('long link text is cut, the real URL never', () => {
    const href = `https://evil.test/${'a'.repeat(3000)}`;
    const detail = detailFor(href, 'x'.repeat(5000));
    assert.ok(detail.endsWith(href));
    assert.ok(detail.length < href.length + 300);
  });
});
