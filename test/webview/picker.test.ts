// The composer's model and thinking pickers (src/webview/picker.ts) in Chromium: the WAI-ARIA select-only combobox
// pattern's roles, states and keys (the APG's keyboard table), the mouse, and a list that stays inside a narrow view.
import * as assert from 'node:assert/strict';
import { WebviewPage, closeBrowser } from './page';
import { MODELS, init } from './fixtures';

let view: WebviewPage;

const model = () => view.page.getByRole('combobox', { name: 'Model' });
const thinking = () => view.page.getByRole('combobox', { name: 'Thinking level' });

/** The picker's state as assistive technology reads it: expanded, the active option (by aria-activedescendant,
 * which must name an option of the list it controls), and the options marked selected. */
async function ariaState(name: string): Promise<{ expanded: string | null; active: string | null; selected: string[]; shown: string }> {
  return view.page.evaluate((label) => {
    const button = document.querySelector(`[role="combobox"][aria-label="${label}"]`)!;
    const list = document.getElementById(button.getAttribute('aria-controls') ?? '')!;
    const activeId = button.getAttribute('aria-activedescendant');
    const active = activeId ? list.querySelector(`#${CSS.escape(activeId)}[role="option"]`) : null;
    if (activeId && !active) throw new Error(`aria-activedescendant ${activeId} is not an option of the list`);
    return {
      expanded: button.getAttribute('aria-expanded'),
      active: active?.getAttribute('data-value') ?? null,
      selected: [...list.querySelectorAll('[role="option"][aria-selected="true"]')].map((o) => o.getAttribute('data-value') ?? ''),
      shown: (button.textContent ?? '').trim(),
    };
  }, name);
}

async function postedOf(type: string): Promise<unknown[]> {
  return (await view.posted()).filter((m) => m.type === type);
}

describe('model and thinking pickers (Chromium)', () => {
  afterEach(async () => view?.close());
  after(closeBrowser);

  it('is a combobox with a listbox: closed, it names the current model; a click opens it at the current one', async () => {
    view = await WebviewPage.open();
    await view.send(init());
    assert.deepEqual(await ariaState('Model'), { expanded: 'false', active: null, selected: [], shown: 'Gemini 3.1 Flash-Lite' });
    assert.equal(await view.page.getByRole('listbox', { name: 'Model' }).isVisible(), false);
    await model().click();
    assert.deepEqual(await ariaState('Model'), { expanded: 'true', active: 'gemini', selected: ['gemini'], shown: 'Gemini 3.1 Flash-Lite' });
    const options = view.page.getByRole('listbox', { name: 'Model' }).getByRole('option');
    assert.deepEqual(await options.allInnerTexts(), ['Gemini 3.1 Flash-Lite\ngemini-3.1-flash-lite', 'GPT-5.3 Chat\ngpt-5.3-chat-latest']);
    assert.equal(await model().evaluate((el) => el === document.activeElement), true, 'the button keeps the focus');
    assert.equal(await model().evaluate((el) => el.matches(':focus-visible')), false, 'a click shows no keyboard focus ring');
  });

  it('a click on an option picks it and closes; a click elsewhere closes without a pick', async () => {
    view = await WebviewPage.open();
    await view.send(init());
    await model().click();
    await view.page.mouse.click(200, 300);
    assert.equal((await ariaState('Model')).expanded, 'false');
    // The webview losing the focus (a click in the editor) closes it too.
    await model().click();
    const errors: string[] = [];
    view.page.on('pageerror', (error) => errors.push(error.message));
    await view.page.evaluate(() => window.dispatchEvent(new FocusEvent('blur')));
    assert.equal((await ariaState('Model')).expanded, 'false');
    assert.deepEqual(errors, []);
    assert.deepEqual(await postedOf('setModel'), []);
    await model().click();
    await view.page.getByRole('option', { name: /GPT-5\.3 Chat/ }).click();
    assert.deepEqual(await view.waitForPosted('setModel'), { type: 'setModel', model: 'gpt' });
    assert.deepEqual(await ariaState('Model'), { expanded: 'false', active: null, selected: [], shown: 'GPT-5.3 Chat' });
    assert.equal(await thinking().isVisible(), false, 'GPT has no thinking levels');
    // The same model again is no change.
    await model().click();
    await view.page.getByRole('option', { name: /GPT-5\.3 Chat/ }).click();
    assert.equal((await postedOf('setModel')).length, 1);
  });

  it('keys: arrows open and move, Enter picks, Escape closes without a pick and without stopping the answer', async () => {
    view = await WebviewPage.open();
    await view.send(init([], true));
    await thinking().focus();
    const keys = view.page.keyboard;
    await keys.press('ArrowDown');
    assert.deepEqual(await ariaState('Thinking level'), { expanded: 'true', active: 'low', selected: ['low'], shown: 'Low' });
    await keys.press('ArrowDown');
    await keys.press('ArrowDown');
    assert.equal((await ariaState('Thinking level')).active, 'high');
    await keys.press('ArrowDown');
    assert.equal((await ariaState('Thinking level')).active, 'high', 'the last option stays active: no wrap');
    await keys.press('Escape');
    assert.deepEqual(await ariaState('Thinking level'), { expanded: 'false', active: null, selected: [], shown: 'Low' });
    assert.deepEqual(await postedOf('stop'), [], 'Escape in the picker does not stop the answer');
    await keys.press('ArrowUp');
    await keys.press('ArrowUp');
    assert.equal((await ariaState('Thinking level')).active, 'minimal');
    await keys.press('Enter');
    assert.deepEqual(await view.waitForPosted('setThinkingLevel'), { type: 'setThinkingLevel', level: 'minimal' });
    assert.equal((await ariaState('Thinking level')).shown, 'Minimal');
  });

  it('keys: Home and End open at the ends, Space picks, Alt+Up picks, Tab picks and moves the focus on', async () => {
    view = await WebviewPage.open();
    await view.send(init());
    await thinking().focus();
    const keys = view.page.keyboard;
    await keys.press('End');
    assert.equal((await ariaState('Thinking level')).active, 'high');
    await keys.press('Home');
    assert.equal((await ariaState('Thinking level')).active, 'minimal');
    await keys.press(' ');
    assert.equal((await ariaState('Thinking level')).shown, 'Minimal');
    await keys.press('ArrowDown');
    await keys.press('End');
    await keys.press('Alt+ArrowUp');
    assert.equal((await ariaState('Thinking level')).shown, 'High');
    await keys.press('ArrowDown');
    await keys.press('ArrowUp');
    await keys.press('Tab');
    assert.deepEqual(await ariaState('Thinking level'), { expanded: 'false', active: null, selected: [], shown: 'Medium' });
    assert.equal(await thinking().evaluate((el) => el === document.activeElement), false, 'Tab moved the focus on');
    assert.deepEqual((await postedOf('setThinkingLevel')).map((m) => (m as { level: string }).level), ['minimal', 'high', 'medium']);
  });

  it('type-ahead: a letter opens at the next label starting with it, the same letter again cycles, letters typed together match a prefix', async () => {
    view = await WebviewPage.open();
    await view.send(init());
    await thinking().focus();
    const keys = view.page.keyboard;
    await keys.press('m');
    assert.equal((await ariaState('Thinking level')).active, 'medium', 'from Low, the next one starting with m');
    await keys.press('m');
    assert.equal((await ariaState('Thinking level')).active, 'minimal', 'm again cycles round');
    await keys.press('Escape');
    // Typed together (well inside the type-ahead window): "me" is Medium's prefix, not Minimal's.
    await keys.type('me');
    assert.equal((await ariaState('Thinking level')).active, 'medium');
    await keys.press('Enter');
    assert.equal((await ariaState('Thinking level')).shown, 'Medium');
    // Once the window has passed, Space picks again (a wait the machine's speed can only lengthen).
    await keys.press('ArrowDown');
    await keys.press('h');
    await view.page.waitForTimeout(1000);
    await keys.press(' ');
    assert.deepEqual(await ariaState('Thinking level'), { expanded: 'false', active: null, selected: [], shown: 'High' });
  });

  it('in a high-contrast theme (no selection background) the active option has the theme’s contrast outline', async () => {
    view = await WebviewPage.open();
    await view.send(init());
    await view.page.evaluate(() => document.documentElement.style.setProperty('--vscode-contrastActiveBorder', 'rgb(243, 133, 24)'));
    await model().click();
    const outline = await view.page.locator('[role="option"].active').evaluate((el) => {
      const style = getComputedStyle(el);
      return `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`;
    });
    assert.equal(outline, 'dashed 1px rgb(243, 133, 24)');
  });

  it('the host’s model change shows without a pick being posted', async () => {
    view = await WebviewPage.open();
    await view.send(init());
    await view.send({ type: 'models', models: MODELS, model: 'gpt', thinkingLevel: 'high' });
    await view.page.waitForFunction(() => document.querySelector('[data-testid="model-picker"]')?.textContent?.includes('GPT'));
    assert.deepEqual(await postedOf('setModel'), []);
    // The same models again (the host repeats them) leave an open list open.
    await model().click();
    await view.send({ type: 'models', models: MODELS, model: 'gpt', thinkingLevel: 'high' });
    assert.deepEqual(await ariaState('Model'), { expanded: 'true', active: 'gpt', selected: ['gpt'], shown: 'GPT-5.3 Chat' });
  });

  it('in a narrow sidebar the button shows the family name and the open list stays inside the view', async () => {
    view = await WebviewPage.open({ width: 260 });
    await view.send(init());
    await view.page.waitForFunction(() => document.querySelector('[data-testid="model-picker"]')?.textContent?.trim() === 'Gemini');
    await model().click();
    const box = await view.page.getByRole('listbox', { name: 'Model' }).boundingBox();
    const width = await view.page.evaluate(() => document.documentElement.clientWidth);
    assert.ok(box && box.x >= 0 && box.x + box.width <= width && box.y >= 0, `the list at ${JSON.stringify(box)} in a view ${width} px wide`);
    const clipped = await view.page.evaluate(() => [...document.querySelectorAll('[role="option"] .picker-option-label')].filter((l) => l.scrollWidth > l.clientWidth).length);
    assert.equal(clipped, 0, 'the model names are whole; only the ids may be cut');
  });
});
