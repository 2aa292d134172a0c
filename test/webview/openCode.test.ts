// Code blocks as they stream in, in real Chromium: after every delta and frame, each block shows a prefix of its final
// code and nothing that comes after its closing fence, whatever the deltas split (a fence, a line that only looks like
// one, a quote line, a longer fence holding a shorter one).
import * as assert from 'node:assert/strict';
import { init, user } from './fixtures';
import { WebviewPage, closeBrowser } from './page';

// CommonMark's rules for a closing fence: up to three spaces of indent (four make it code), at least the opening's
// length, the same character, nothing after it but spaces.
const FIRST = ['const a = 1;', '  ``not a fence', '> quoted', '~~~ not the fence', '   ```ts not a closing fence either', '    ``` four spaces: still code', 'const b = 2;'].join('\n');
const SECOND = ['```', 'inner', '```'].join('\n');
const TEXT = `Steps:\n\n\`\`\`ts\n${FIRST}\n\`\`\`   \n\nAfter the block.\n\n\`\`\`\`md\n${SECOND}\n\`\`\`\`\n\nThe end.`;

interface Step {
  codes: string[];
  paragraphs: string[];
}

describe('code blocks as they stream in (Chromium)', function () {
  let view: WebviewPage;
  afterEach(async () => view?.close());
  after(closeBrowser);

  for (const chunk of [1, 3, 7, 40]) {
    it(`each block shows a prefix of its code, and what follows its fence only after it (deltas of ${chunk})`, async () => {
      view = await WebviewPage.open();
      await view.send(init([user('u1', 'q')]));
      await view.send({ type: 'busy', busy: true });
      await view.send({ type: 'messageAdded', message: { id: 'a1', role: 'assistant', text: '', model: 'gemini' } });
      const steps: Step[] = [];
      for (let i = 0; i < TEXT.length; i += chunk) {
        await view.send({ type: 'delta', messageId: 'a1', kind: 'text', text: TEXT.slice(i, i + chunk) });
        // Two frames between deltas, as a model's text comes (rendering may wait for a later one).
        await view.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        steps.push(
          await view.page.evaluate(() => {
            const body = document.querySelector('[data-message-id=a1] .markdown')!;
            return {
              codes: [...body.querySelectorAll('pre code')].map((code) => code.textContent ?? ''),
              paragraphs: [...body.querySelectorAll('p')].map((p) => p.textContent ?? ''),
            };
          }),
        );
      }
      const finals = [FIRST, SECOND];
      steps.forEach((step, n) => {
        const at = `after ${Math.min((n + 1) * chunk, TEXT.length)} characters`;
        assert.ok(step.codes.length <= 2, `${at}: ${step.codes.length} blocks`);
        step.codes.forEach((code, i) => assert.ok(finals[i].startsWith(code), `${at}: block ${i + 1} shows ${JSON.stringify(code)}`));
        assert.ok(!step.paragraphs.some((p) => p.includes('inner') || p.includes('const')), `${at}: code in a paragraph: ${JSON.stringify(step.paragraphs)}`);
      });
      // Rendering is paced by its own cost: the last text may come a few frames later.
      await view.page.waitForFunction(() => [...document.querySelectorAll('[data-message-id=a1] .markdown p')].some((p) => p.textContent === 'The end.'));
      const last = await view.page.evaluate(() => {
        const body = document.querySelector('[data-message-id=a1] .markdown')!;
        return { codes: [...body.querySelectorAll('pre code')].map((code) => code.textContent ?? ''), paragraphs: [...body.querySelectorAll('p')].map((p) => p.textContent ?? '') };
      });
      assert.deepEqual(last.codes, finals, 'both blocks whole before the answer ends');
      assert.deepEqual(last.paragraphs, ['Steps:', 'After the block.', 'The end.']);
    });
  }
});
