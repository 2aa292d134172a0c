// The webview is untrusted input to the host: a forged message is refused by parseFromWebview and dropped
// by the ChatSurface before any handler sees it.
import { strict as assert } from 'node:assert';
import type * as vscode from 'vscode';
import { ChatSurface, type ChatMessageHandler } from '../../src/host/chat/chatSurface';
import type { Log } from '../../src/host/log';
import { LIMITS } from '../../src/shared/protocol';
import { WEBVIEW_MESSAGE_TYPES, parseFromWebview, type WebviewMessage } from '../../src/shared/webviewMessages';
import { PNG, VALID } from '../support/webviewMessageExamples';

function refuses(raw: unknown, reason?: RegExp): void {
  const parsed = parseFromWebview(raw);
  assert.equal(parsed.ok, false, `accepted ${describeValue(raw)}`);
  if (reason && !parsed.ok) assert.match(parsed.reason, reason);
}

function describeValue(raw: unknown): string {
  try {
    return (JSON.stringify(raw) ?? String(raw)).slice(0, 120);
  } catch {
    return String(raw);
  }
}

describe('security: forged webview messages', () => {
  describe('parseFromWebview', () => {
    it('has a valid example of every message type the schemas define', () => {
      assert.deepEqual([...new Set(VALID.map((m) => m.type))].sort(), [...WEBVIEW_MESSAGE_TYPES].sort());
    });

    for (const message of VALID) {
      it(`accepts a valid ${message.type} ${describeValue(message).slice(0, 50)}`, () => {
        const parsed = parseFromWebview(structuredClone(message));
        assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
        assert.deepEqual(parsed.message, message);
      });
    }

    it('refuses project-knowledge messages with a wrong or missing field', () => {
      refuses({ type: 'openInstructionFile', path: '' }, /invalid field path/);
      refuses({ type: 'openInstructionFile', path: 'a'.repeat(1025) }, /invalid field path/);
      refuses({ type: 'openInstructionFile', path: 42 }, /invalid field path/);
      refuses({ type: 'openInstructionFile' }, /invalid field path/);
      refuses({ type: 'setRulesEnabled', enabled: 'false' }, /invalid field enabled/);
      refuses({ type: 'setRulesEnabled', enabled: true, chatId: 'c1' }, /unexpected field chatId/);
    });

    it('refuses values that are not objects: null, undefined, arrays, strings, numbers, booleans, functions', () => {
      for (const raw of [null, undefined, [], [{ type: 'ready' }], 'ready', '{"type":"ready"}', 42, true, () => ({ type: 'ready' })]) refuses(raw, /not an object/);
    });

    it('refuses unknown and missing types, including prototype names', () => {
      for (const type of ['evil', 'runCommand', 'READY', 'ready ', '', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) refuses({ type }, /unknown message type/);
      for (const raw of [{}, { type: undefined }, { type: null }, { type: 1 }, { type: ['ready'] }, { type: { toString: () => 'ready' } }]) refuses(raw, /unknown message type/);
    });

    it('refuses extra fields on every message type', () => {
      for (const message of VALID) refuses({ ...message, extra: 1 }, /unexpected field extra/);
      refuses({ type: 'openLink', href: 'https://example.com', text: 'x', command: 'workbench.action.terminal.new' }, /unexpected field/);
    });

    it('refuses prototype pollution attempts (__proto__ / constructor keys from JSON.parse)', () => {
      const attempts = [
        '{"type":"ready","__proto__":{"polluted":true}}',
        '{"type":"send","text":"hi","images":[],"__proto__":{"isAdmin":true}}',
        '{"type":"stop","constructor":{"prototype":{"polluted":true}}}',
        '{"type":"send","text":"hi","images":[{"mimeType":"image/png","data":"AAAA","__proto__":{"x":1}}]}',
      ];
      for (const json of attempts) {
        const raw: unknown = JSON.parse(json);
        refuses(raw);
      }
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
      // A type that only the prototype chain provides is not a message type.
      refuses(Object.create({ type: 'ready' }), /unknown message type/);
    });

    it('refuses missing and wrongly typed fields', () => {
      refuses({ type: 'send', text: 'hi' }, /invalid field images/);
      refuses({ type: 'send', images: [] }, /invalid field text/);
      refuses({ type: 'send', text: 42, images: [] }, /invalid field text/);
      refuses({ type: 'send', text: ['hi'], images: [] }, /invalid field text/);
      refuses({ type: 'send', text: 'hi', images: 'none' }, /invalid field images/);
      refuses({ type: 'send', text: 'hi', images: {} }, /invalid field images/);
      refuses({ type: 'send', text: 'hi', images: [null] }, /invalid field images/);
      refuses({ type: 'regenerate', messageId: 7 }, /invalid field messageId/);
      refuses({ type: 'regenerate' }, /invalid field messageId/);
      refuses({ type: 'setModel', model: 'claude' }, /invalid field model/);
      refuses({ type: 'setModel', model: ['gpt'] }, /invalid field model/);
      refuses({ type: 'setThinkingLevel', level: 'max' }, /invalid field level/);
      refuses({ type: 'codeAction', action: 'run', code: 'rm -rf /', language: 'sh' }, /invalid field action/);
      refuses({ type: 'codeAction', action: 'insert', code: null, language: 'ts' }, /invalid field code/);
      refuses({ type: 'hostAction', action: 'deleteKey' }, /invalid field action/);
      // Only a shell block has a Run in Terminal button: code in another language is never pasted into a terminal.
      refuses({ type: 'runInTerminal', code: 'import os', language: 'python' }, /invalid field language/);
      refuses({ type: 'runInTerminal', code: 'ls', language: '' }, /invalid field language/);
      refuses({ type: 'runInTerminal', code: 'ls', language: 'BASH' }, /invalid field language/);
      refuses({ type: 'runInTerminal', code: 7, language: 'bash' }, /invalid field code/);
      refuses({ type: 'runInTerminal', code: 'x'.repeat(LIMITS.codeChars + 1), language: 'sh' }, /invalid field code/);
      refuses({ type: 'applyAnswerEdits', messageId: '../etc' }, /invalid field messageId/);
      refuses({ type: 'applyAnswerEdits', messageId: 'x', text: 'edits' }, /unexpected field text/);
      refuses({ type: 'setIncludeOpenEditors', include: 'true' }, /invalid field include/);
      refuses({ type: 'setIncludeOpenEditors', include: 1 }, /invalid field include/);
      refuses({ type: 'openLink', href: { toString: () => 'https://x' }, text: '' }, /invalid field href/);
    });

    it('refuses ids with path characters or outside the id alphabet', () => {
      const bad = ['../x', '..', '../../etc/passwd', 'a/b', 'a\\b', '/abs', 'C:\\x', 'x\u0000', 'a b', 'a.json', '%2e%2e', '', 'x'.repeat(LIMITS.idChars + 1), 'ü'];
      for (const id of bad) {
        refuses({ type: 'openChat', chatId: id }, /invalid field chatId/);
        refuses({ type: 'deleteChat', chatId: id }, /invalid field chatId/);
        refuses({ type: 'regenerate', messageId: id }, /invalid field messageId/);
        refuses({ type: 'editResend', messageId: id, text: 'x' }, /invalid field messageId/);
        refuses({ type: 'removeContext', chipId: id }, /invalid field chipId/);
      }
    });

    it('refuses oversize payloads', () => {
      refuses({ type: 'send', text: 'x'.repeat(LIMITS.promptChars + 1), images: [] }, /invalid field text/);
      assert.ok(parseFromWebview({ type: 'send', text: 'x'.repeat(LIMITS.promptChars), images: [] }).ok, 'the limit itself is allowed');
      refuses({ type: 'editResend', messageId: 'm1', text: 'x'.repeat(LIMITS.promptChars + 1) }, /invalid field text/);
      refuses({ type: 'copy', text: 'x'.repeat(LIMITS.codeChars + 1) }, /invalid field text/);
      refuses({ type: 'codeAction', action: 'apply', code: 'x'.repeat(LIMITS.codeChars + 1), language: 'ts' }, /invalid field code/);
      refuses({ type: 'codeAction', action: 'apply', code: 'x', language: 'x'.repeat(65) }, /invalid field language/);
      refuses({ type: 'openLink', href: `https://example.com/${'a'.repeat(LIMITS.urlChars)}`, text: '' }, /invalid field href/);
      refuses({ type: 'openLink', href: 'https://example.com', text: 'x'.repeat(LIMITS.urlChars + 1) }, /invalid field text/);
    });

    it('refuses too many images, oversize images, bad base64 and wrong mime types', () => {
      const image = { mimeType: 'image/png', data: PNG };
      assert.ok(parseFromWebview({ type: 'send', text: '', images: Array(LIMITS.images).fill(image) }).ok);
      refuses({ type: 'send', text: '', images: Array(LIMITS.images + 1).fill(image) }, /invalid field images/);
      refuses({ type: 'send', text: '', images: [{ mimeType: 'image/png', data: 'A'.repeat(LIMITS.imageBase64Chars + 4) }] }, /invalid field images/);
      const badData = ['not base64!', 'AAAA AAAA', 'AAAA\nAAAA', '<svg onload=alert(1)>', 'A===', '====', 'AAAAA', 'AA=A', 'data:image/png;base64,AAAA', ''];
      for (const data of badData) refuses({ type: 'send', text: '', images: [{ mimeType: 'image/png', data }] }, /invalid field images/);
      for (const mimeType of ['image/svg+xml', 'text/html', 'application/pdf', 'IMAGE/PNG', 'image/png; charset=utf-8', '', 1])
        refuses({ type: 'send', text: '', images: [{ mimeType, data: PNG }] }, /invalid field images/);
      refuses({ type: 'send', text: '', images: [{ mimeType: 'image/png', data: PNG, name: '../../x.png' }] }, /invalid field images/);
      refuses({ type: 'send', text: '', images: [{ mimeType: 'image/png' }] }, /invalid field images/);
      const inherited = Object.assign(Object.create({ mimeType: 'image/png', data: PNG }) as object, { a: 1, b: 2 });
      refuses({ type: 'send', text: '', images: [inherited] }, /invalid field images/);
    });
  });

  describe('ChatSurface', () => {
    interface Harness {
      deliver(raw: unknown): Promise<void>;
      handled: WebviewMessage[];
      warnings: string[];
      posted: unknown[];
      surface: ChatSurface;
    }

    /** A minimal fake of the two webview members ChatSurface uses; no `vscode` at runtime. */
    function harness(): Harness {
      let listener: ((raw: unknown) => unknown) | undefined;
      const handled: WebviewMessage[] = [];
      const warnings: string[] = [];
      const posted: unknown[] = [];
      const webview = {
        onDidReceiveMessage: (l: (raw: unknown) => unknown) => {
          listener = l;
          return { dispose: () => (listener = undefined) };
        },
        postMessage: async (m: unknown) => {
          posted.push(m);
          return true;
        },
      } as unknown as vscode.Webview;
      const handler: ChatMessageHandler = { handle: (message) => void handled.push(message) };
      const log = { warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m), info: () => undefined, trace: () => undefined } as unknown as Log;
      const onDispose = (() => ({ dispose: () => undefined })) as unknown as vscode.Event<void>;
      const surface = new ChatSurface(webview, handler, log, onDispose);
      return {
        deliver: async (raw) => {
          assert.ok(listener, 'the surface listens');
          await listener(raw);
        },
        handled,
        warnings,
        posted,
        surface,
      };
    }

    it('drops a refused message without calling the controller, and logs why', async () => {
      const h = harness();
      const forged: unknown[] = [
        { type: 'runCommand', command: 'workbench.action.terminal.new' },
        { type: 'openChat', chatId: '../x' },
        { type: 'ready', extra: true },
        { type: 'send', text: 'x'.repeat(LIMITS.promptChars + 1), images: [] },
        JSON.parse('{"type":"stop","__proto__":{"polluted":true}}'),
        null,
        [{ type: 'ready' }],
        'ready',
      ];
      for (const raw of forged) await h.deliver(raw);
      assert.deepEqual(h.handled, []);
      assert.equal(h.warnings.length, forged.length);
      for (const warning of h.warnings) assert.match(warning, /^Refused a message from the chat webview: /);
      assert.equal(h.surface.isReady, false, 'a forged ready does not count');
      h.surface.post({ type: 'focusInput' });
      assert.deepEqual(h.posted, [], 'nothing is posted before a valid ready');
    });

    it('passes valid messages to the controller', async () => {
      const h = harness();
      await h.deliver({ type: 'ready' });
      await h.deliver({ type: 'stop' });
      assert.deepEqual(h.handled, [{ type: 'ready' }, { type: 'stop' }]);
      assert.equal(h.surface.isReady, true);
      assert.deepEqual(h.warnings, []);
    });

    it('stops listening once disposed', async () => {
      const h = harness();
      h.surface.dispose();
      await assert.rejects(h.deliver({ type: 'ready' }));
      assert.deepEqual(h.handled, []);
    });
  });
});
