// A code block too long to colour (over 200,000 characters), in real Chromium: it is shown in pieces the browser
// lays out only near the view, and still reads, selects, copies and scrolls as one block of exactly its code.
import * as assert from 'node:assert/strict';
import { DONE, MODES, type Mode, finishLive, streamLive } from '../support/hugeAnswers';
import { answer, init, user } from './fixtures';
import { WebviewPage, closeBrowser } from './page';

/** 3,000 numbered lines (~230K characters), with empty lines, a run of them at the 200-line marks where a piece may
 * end, and a last line without a newline. */
function hugeCode(): string {
  const lines: string[] = [];
  for (let i = 1; i <= 3000; i++) {
    if ((i % 200 === 0 || i % 200 === 1 || i % 37 === 0) && i !== 3000) lines.push('');
    else lines.push(`const line${String(i).padStart(5, '0')} = compute(${i}, "a fairly long argument to fill the line");`);
  }
  return lines.join('\n');
}

const BLOCK = '[data-message-id=a1] [data-testid=code-block]';

async function show(view: WebviewPage, mode: Mode, text: string): Promise<void> {
  if (mode === 'live') {
    // Deltas of 4,999 characters: the block crosses the limit while it streams, and deltas end mid-line.
    await streamLive(view, text, 4_999);
    await finishLive(view, text);
  } else {
    await view.send(init([user('u1', 'q'), answer('a1', text)]));
  }
  await view.page.waitForSelector(DONE);
}

interface Shown {
  pieces: number;
  selected: string;
  piecesEndAtNewlines: boolean;
  heightBefore: number;
  heightAfter: number;
  lineHeight: number;
}

/** What the block shows: its pieces, a select-all of its code (what a user copies), and its height before and after
 * every piece has been scrolled into view and laid out. */
async function shown(view: WebviewPage): Promise<Shown> {
  return view.page.evaluate(async (block) => {
    const code = document.querySelector(`${block} pre code`) as HTMLElement;
    const pre = code.closest('pre') as HTMLElement;
    const pieces = [...code.querySelectorAll('.code-piece')];
    const selection = getSelection()!;
    selection.selectAllChildren(code);
    const selected = selection.toString();
    selection.removeAllRanges();
    // (In-page code: no named inner functions, which the test's transpiler would wrap in a helper the page lacks.)
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const heightBefore = pre.getBoundingClientRect().height;
    for (const piece of pieces) {
      piece.scrollIntoView({ block: 'start' });
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
    return {
      pieces: pieces.length,
      selected,
      piecesEndAtNewlines: pieces.slice(0, -1).every((p) => (p.textContent ?? '').endsWith('\n')),
      heightBefore,
      heightAfter: pre.getBoundingClientRect().height,
      lineHeight: Number.parseFloat(getComputedStyle(code).lineHeight),
    };
  }, BLOCK);
}

describe('a code block too long to colour (Chromium)', function () {
  let view: WebviewPage;
  afterEach(async () => view?.close());
  after(closeBrowser);

  for (const mode of MODES) {
    it(`is shown in pieces that add up to exactly its code, line for line, and scroll without a jump (${mode})`, async () => {
      const code = hugeCode();
      assert.ok(code.length > 200_000, `the code is over the limit (${code.length})`);
      view = await WebviewPage.open();
      await show(view, mode, `The file:\n\n\`\`\`typescript\n${code}\n\`\`\`\n\nThat is all.`);
      const s = await shown(view);
      assert.equal(s.pieces, 15, '3,000 lines in pieces of 200');
      let at = 0;
      while (at < code.length && s.selected[at] === code[at]) at++;
      assert.equal(s.selected, code, `selecting the block gives its code exactly; first difference at ${at}: ${JSON.stringify(code.slice(at - 80, at + 20))} vs ${JSON.stringify(s.selected.slice(at - 80, at + 20))}`);
      assert.ok(s.piecesEndAtNewlines, 'each piece but the last ends with its last line');
      // Its height is that of 3,000 lines while pieces are not laid out yet, so it does not jump as they are: within
      // the rounding of each line box to the layout grid (1/64 px; 200 lines a piece), far below a line a piece.
      const rounding = (lines: number) => lines / 64;
      assert.ok(Math.abs(s.heightBefore - s.heightAfter) <= rounding(3000), `height ${s.heightBefore} before, ${s.heightAfter} after laying out every piece`);
      // The padding and borders of the block, then the same rounding.
      assert.ok(Math.abs(s.heightAfter - 3000 * s.lineHeight) <= 40 + rounding(3000), `${s.heightAfter} px for 3,000 lines of ${s.lineHeight} px (and the padding)`);
      assert.equal(await view.page.locator('[data-message-id=a1] code.hljs').count(), 0, 'not coloured');
      await view.page.locator(BLOCK).hover();
      await view.page.locator(`${BLOCK} [data-testid=code-copy]`).click();
      assert.deepEqual(await view.waitForPosted('copy'), { type: 'copy', text: code }, 'Copy gives its code');
    });
  }
});
