// Following the end of a streaming answer, in real Chromium, driven by the user's own input: the wheel and the keys.
// Only the user's scrolls decide whether the view follows; the browser's own moves of the view (scroll anchoring, a
// clamp, chunks laid out for the first time) must not. On a fresh CI machine one of them pulled a reader back down.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { WebviewPage, closeBrowser } from './page';
import { MarkdownWriter } from '../support/markdownWriter';
import { init, user } from './fixtures';

// The page functions are strings, so the test transpiler adds no helpers to them.

function frames(page: Page, n: number): Promise<unknown> {
  return page.evaluate(`new Promise((resolve) => { let left = ${n}; const step = () => (left-- <= 0 ? resolve() : requestAnimationFrame(step)); step(); })`);
}

function gapToEnd(page: Page): Promise<number> {
  return page.evaluate(() => {
    const s = document.querySelector('.scroller')!;
    return s.scrollHeight - s.scrollTop - s.clientHeight;
  });
}

/** Does `act` (the user's input), then waits for the browser to end the scroll it made: a scrollend that found the
 * view moved since the input, not one of an earlier scroll. The page's own scrollend listener has run by then. */
async function userScroll(page: Page, input: 'wheel' | 'keydown', act: () => Promise<void>): Promise<void> {
  await page.evaluate(`(() => {
    const s = document.querySelector('.scroller');
    window.__userScrolled = new Promise((resolve) => {
      let from;
      (${JSON.stringify(input)} === 'wheel' ? s : window).addEventListener(${JSON.stringify(input)}, () => { from = s.scrollTop; }, { once: true });
      const end = () => { if (from !== undefined && s.scrollTop !== from) { s.removeEventListener('scrollend', end); resolve(); } };
      s.addEventListener('scrollend', end);
    });
  })()`);
  await act();
  await page.evaluate('window.__userScrolled');
}

/** The element in the middle of the view and where it is on screen: what the user is reading. */
async function markReading(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const s = document.querySelector('.scroller');
    const box = s.getBoundingClientRect();
    window.__reading = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    window.__readingTop = window.__reading.getBoundingClientRect().top;
  })()`);
}

/** How far (px) what the user was reading has moved on screen; scroll anchoring keeps it still. */
function readingMoved(page: Page): Promise<number> {
  return page.evaluate('Math.abs(window.__reading.getBoundingClientRect().top - window.__readingTop)');
}

describe('following the end of a streaming answer (Chromium)', function () {
  let view: WebviewPage;
  afterEach(async () => view?.close());
  after(closeBrowser);

  /** Opens a chat whose answer (about `chars` characters) streams in deltas; `stream(from, to)` posts a range of them,
   * 40 to a post (`to` past the end means all), and `quarter` is a quarter of their count. */
  async function streaming(seed: number, chars: number): Promise<{ page: Page; quarter: number; stream: (from: number, to: number) => Promise<void> }> {
    const writer = new MarkdownWriter(seed);
    const deltas = writer.deltas(writer.answer(chars));
    view = await WebviewPage.open();
    await view.send(init([user('u1', 'Tell me everything')]));
    await view.send({ type: 'busy', busy: true });
    await view.send({ type: 'messageAdded', message: { id: 'a1', role: 'assistant', text: '', model: 'gemini' } });
    const stream = async (from: number, to: number): Promise<void> => {
      // Big posts straight after one another: the chat grows again before the event for the last follow-scroll.
      for (let i = from; i < Math.min(to, deltas.length); i += 40) await view.send({ type: 'delta', messageId: 'a1', kind: 'text', text: deltas.slice(i, i + 40).join('') });
      // A backlog renders in slices, a frame each: wait until it is all in and its last growth was followed or not.
      await frames(view.page, 3);
      await view.page.waitForSelector('[data-message-id=a1] .markdown:not([aria-busy])', { state: 'attached', timeout: 30_000 });
      await frames(view.page, 3);
    };
    return { page: view.page, quarter: Math.floor(deltas.length / 4), stream };
  }

  it('the wheel and the browser: any move up lets go of the end; only the user\'s own scroll down to it takes hold again', async () => {
    const { page, quarter, stream } = await streaming(3, 30_000);
    await page.mouse.move(200, 300);
    await stream(0, quarter);
    assert.ok((await gapToEnd(page)) < 2, 'follows the end while streaming');

    // Something else moves the view up, away from the end (find in page, an element scrolled into view): it lets go.
    await page.evaluate(() => {
      document.querySelector('.scroller')!.scrollTop -= 2000;
    });
    await frames(page, 2);
    await markReading(page);
    await stream(quarter, quarter + 400);
    assert.equal(await readingMoved(page), 0, 'a move away from the end lets go of it');
    await page.evaluate(() => {
      const s = document.querySelector('.scroller')!;
      s.scrollTop = s.scrollHeight;
    });
    await frames(page, 2);
    await stream(quarter + 400, quarter + 800);
    assert.ok((await gapToEnd(page)) > 500, 'going back to the end by itself does not take hold of it: only the user does');
    for (let turns = 0; (await gapToEnd(page)) >= 2 && turns < 50; turns++) await userScroll(page, 'wheel', () => page.mouse.wheel(0, 5_000));
    await stream(quarter + 800, quarter + 1200);
    assert.ok((await gapToEnd(page)) < 2, 'the wheel down to the end takes hold of it again');

    await userScroll(page, 'wheel', () => page.mouse.wheel(0, -600));
    assert.ok((await gapToEnd(page)) > 500, 'the wheel scrolled up');
    await markReading(page);
    await stream(quarter + 1200, 2 * quarter);
    assert.equal(await readingMoved(page), 0, 'what the user reads stays where it is');
    assert.ok((await gapToEnd(page)) > 500, 'the view does not follow the end');

    // The browser moves the view near the end by itself, as scroll anchoring or a clamp can: that is not the user
    // coming back to it.
    await page.evaluate(() => {
      const s = document.querySelector('.scroller')!;
      s.scrollTop = s.scrollHeight - s.clientHeight - 30;
    });
    await frames(page, 2);
    await markReading(page);
    await stream(2 * quarter, 3 * quarter);
    assert.equal(await readingMoved(page), 0, 'a move the user did not make does not take hold of the end');

    // One turn of the wheel scrolls a few screens at most: the user turns it until they are at the end.
    for (let turns = 0; (await gapToEnd(page)) >= 2 && turns < 50; turns++) await userScroll(page, 'wheel', () => page.mouse.wheel(0, 5_000));
    await stream(3 * quarter, Infinity);
    assert.ok((await gapToEnd(page)) < 2, 'follows again once the user scrolled back to the end');
  });

  it('the keys: Up in the composer keeps following, Page Up in the chat lets go, End takes hold again', async () => {
    const { page, quarter, stream } = await streaming(4, 20_000);
    await stream(0, quarter);
    await page.getByTestId('prompt-input').focus();
    await page.keyboard.press('ArrowUp');
    await stream(quarter, 2 * quarter);
    assert.ok((await gapToEnd(page)) < 2, 'Up in the composer (prompt recall) is not a scroll of the chat');

    // A click on the answer's text puts the keys to the chat; the focus stays on the page.
    await page.locator('[data-message-id=a1] .markdown p').last().click({ position: { x: 2, y: 2 } });
    await userScroll(page, 'keydown', () => page.keyboard.press('PageUp'));
    assert.ok((await gapToEnd(page)) > 100, 'Page Up scrolled the chat');
    await markReading(page);
    await stream(2 * quarter, 3 * quarter);
    assert.equal(await readingMoved(page), 0, 'what the user reads stays where it is');

    // The browser's End scrolls to where the end was when it began, while the chunks it passes over take their real
    // height: it stopped screens short. End goes to the real end and follows it.
    await userScroll(page, 'keydown', () => page.keyboard.press('End'));
    assert.ok((await gapToEnd(page)) < 2, 'End went to the end');
    await stream(3 * quarter, Infinity);
    assert.ok((await gapToEnd(page)) < 2, 'follows again after End');
  });
});
