// The composer's pickers at sidebar widths in real Chromium: from the narrowest usual sidebar (300 px) to a wide one,
// the selected model and thinking level show whole (short model names below 400 px) and the toolbar never overflows.
import * as assert from 'node:assert/strict';
import { WebviewPage, closeBrowser } from './page';
import { init } from './fixtures';

/** The picker's label: its text, the width it needs and the width it has (an ellipsis when short of room). */
async function pickerFit(view: WebviewPage, testId: string): Promise<{ text: string; needed: number; room: number }> {
  return view.page.getByTestId(testId).locator('.picker-label').evaluate((label) => ({ text: label.textContent ?? '', needed: label.scrollWidth, room: label.clientWidth }));
}

describe('composer pickers at sidebar widths (Chromium)', () => {
  let view: WebviewPage;
  afterEach(async () => view?.close());
  after(closeBrowser);

  for (const [width, model] of [[300, 'Gemini'], [340, 'Gemini'], [420, 'Gemini 3.1 Flash-Lite'], [600, 'Gemini 3.1 Flash-Lite']] as const) {
    it(`${width} px: "${model}" and the thinking level show whole, the toolbar fits`, async () => {
      view = await WebviewPage.open({ width });
      await view.send(init());
      await view.page.waitForFunction((name) => document.querySelector('[data-testid=model-picker] .picker-label')?.textContent === name, model);
      for (const id of ['model-picker', 'thinking-picker']) {
        const fit = await pickerFit(view, id);
        assert.ok(fit.needed <= fit.room, `${id} at ${width} px: "${fit.text}" needs ${fit.needed.toFixed(0)} px, has ${fit.room.toFixed(0)}`);
      }
      assert.equal(await view.page.getByTestId('thinking-picker').textContent(), 'Low');
      const overflow = await view.page.locator('.composer-toolbar').evaluate((el) => el.scrollWidth - el.clientWidth);
      assert.ok(overflow <= 0, `the toolbar overflows by ${overflow} px`);
      assert.match((await view.page.getByTestId('model-picker').getAttribute('title')) ?? '', /Gemini 3\.1 Flash-Lite \(gemini-3\.1-flash-lite\)/, 'the full name is the tooltip');
    });
  }
});
