// The project-knowledge surfaces of the chat webview in real Chromium: the `/` completion in the composer (built-ins
// and prompt files, filtered as the user types, keys and mouse) and the rules chip (its text, the files it opens,
// the per-chat switch, Restricted Mode).
import * as assert from 'node:assert/strict';
import type { HostMessage, SlashCommandView } from '../../src/shared/protocol';
import { WebviewPage, closeBrowser } from './page';
import { init } from './fixtures';

const COMMANDS: SlashCommandView[] = [
  { name: 'doc', description: 'Add documentation comments', source: 'builtin' },
  { name: 'explain', description: 'Explain the selected code', source: 'builtin' },
  { name: 'fix', description: 'Fix the bugs in the selected code', source: 'builtin' },
  { name: 'release-notes', description: 'Draft release notes', source: 'promptFile' },
  { name: 'review', description: 'Review the change for bugs', source: 'promptFile' },
  { name: 'tests', description: 'Write unit tests for the selected code', source: 'builtin' },
];

const RULES: HostMessage = {
  type: 'rules',
  chip: {
    state: 'on',
    title: 'Rules: AGENTS.md, 2 more',
    tokens: 430,
    files: [
      { path: 'AGENTS.md', label: 'AGENTS.md', tokens: 210, state: 'applied', note: 'the workspace folder’s AGENTS.md applies to every request' },
      { path: '.tandem/rules/ts.md', label: 'ts.md', tokens: 120, state: 'applied', note: 'applyTo **/*.ts matches src/a.ts' },
      { path: '.github/copilot-instructions.md', label: 'copilot-instructions.md', tokens: 100, state: 'applied', note: 'applies to every request' },
      { path: '.tandem/rules/huge.md', label: 'huge.md', tokens: 0, state: 'dropped', note: '.tandem/rules/huge.md left out: its 9000 tokens do not fit' },
    ],
    notes: ['.tandem/rules/huge.md left out: its 9000 tokens do not fit'],
  },
};

describe('project knowledge in the chat webview (Chromium)', () => {
  let view: WebviewPage;
  afterEach(async () => view?.close());
  after(closeBrowser);

  const names = async () => view.page.getByTestId('slash-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-name')));

  it('typing / lists built-ins and prompt files; more letters filter; Enter completes without sending', async () => {
    view = await WebviewPage.open({ width: 360 });
    await view.send(init());
    await view.send({ type: 'slashCommands', commands: COMMANDS });
    const input = view.page.getByTestId('prompt-input');
    await input.click();
    await input.pressSequentially('/');
    await view.page.getByTestId('slash-menu').waitFor();
    assert.deepEqual(await names(), COMMANDS.map((c) => c.name));
    await input.pressSequentially('re');
    assert.deepEqual(await names(), ['release-notes', 'review'], 'starting with "re" first');
    await input.pressSequentially('v');
    assert.deepEqual(await names(), ['review']);
    await input.press('Enter');
    assert.equal(await input.inputValue(), '/review ');
    assert.ok(await view.page.getByTestId('slash-menu').isHidden(), 'the list closes once a command is chosen');
    assert.ok(!(await view.posted()).some((m) => m.type === 'send'), 'completing never sends');
    await input.press('Enter');
    const sent = await view.waitForPosted('send');
    assert.deepEqual(sent, { type: 'send', text: '/review ', images: [] });
  });

  it('arrow keys move the choice, Tab takes it, Escape closes, a click takes it; a space after the name closes it', async () => {
    view = await WebviewPage.open({ width: 360 });
    await view.send(init());
    await view.send({ type: 'slashCommands', commands: COMMANDS });
    const input = view.page.getByTestId('prompt-input');
    await input.click();
    await input.pressSequentially('/e');
    // "explain" starts with e; "release-notes", "review", "tests" contain it.
    assert.deepEqual(await names(), ['explain', 'release-notes', 'review', 'tests']);
    await input.press('ArrowDown');
    await input.press('ArrowDown');
    assert.equal(await view.page.locator('.slash-item.active').getAttribute('data-name'), 'review');
    await input.press('ArrowUp');
    await input.press('Tab');
    assert.equal(await input.inputValue(), '/release-notes ');
    await input.fill('');
    await input.pressSequentially('/f');
    await input.press('Escape');
    assert.ok(await view.page.getByTestId('slash-menu').isHidden());
    assert.equal(await input.inputValue(), '/f', 'Escape keeps the text');
    await input.pressSequentially('i');
    await view.page.getByTestId('slash-item').filter({ hasText: '/fix' }).click();
    assert.equal(await input.inputValue(), '/fix ');
    await input.pressSequentially('x');
    assert.ok(await view.page.getByTestId('slash-menu').isHidden(), 'arguments are not completed');
    await input.fill('please /review');
    await input.dispatchEvent('input');
    assert.ok(await view.page.getByTestId('slash-menu').isHidden(), 'only a message that starts with / is a command');
  });

  it('the rules chip reads "Rules: AGENTS.md, 2 more · 430 tokens", lists its files, opens one, turns off for this chat', async () => {
    view = await WebviewPage.open({ width: 360 });
    await view.send(init());
    await view.send(RULES);
    const chip = view.page.getByTestId('rules-chip');
    assert.equal(await chip.innerText(), 'Rules: AGENTS.md, 2 more · 430 tokens');
    assert.match((await chip.getAttribute('title')) ?? '', /huge\.md left out/);
    await chip.click();
    const files = view.page.getByTestId('rules-file');
    assert.deepEqual(await files.allInnerTexts(), ['AGENTS.md', '.tandem/rules/ts.md', '.github/copilot-instructions.md', '.tandem/rules/huge.md']);
    await files.nth(1).click();
    assert.deepEqual(await view.waitForPosted('openInstructionFile'), { type: 'openInstructionFile', path: '.tandem/rules/ts.md' });
    const toggle = view.page.getByTestId('rules-enabled');
    assert.equal(await toggle.isChecked(), true);
    await toggle.uncheck();
    assert.deepEqual(await view.waitForPosted('setRulesEnabled'), { type: 'setRulesEnabled', enabled: false });
    await view.send({ type: 'rules', chip: { ...(RULES as Extract<HostMessage, { type: 'rules' }>).chip!, state: 'off', title: 'Rules (off): AGENTS.md, 2 more', tokens: 0 } });
    assert.equal(await chip.innerText(), 'Rules (off): AGENTS.md, 2 more', 'no token count while off');
    assert.equal(await view.page.getByTestId('rules-enabled').isChecked(), false, 'the open list stays open and shows the new state');
    await view.page.screenshot({ path: 'test-results/webview-rules-chip.png' });
    await view.send({ type: 'rules' });
    assert.ok(await view.page.getByTestId('rules').isHidden(), 'no instruction file: no chip');
  });

  it('in Restricted Mode the chip says the files were not read, and the switch cannot turn them on', async () => {
    view = await WebviewPage.open({ width: 360 });
    await view.send(init());
    await view.send({ type: 'rules', chip: { state: 'restricted', title: 'Rules: not read (Restricted Mode)', tokens: 0, files: [], notes: ['Instruction files are not read in an untrusted workspace. Trust the workspace to use them.'] } });
    const chip = view.page.getByTestId('rules-chip');
    assert.equal(await chip.innerText(), 'Rules: not read (Restricted Mode)');
    await chip.click();
    assert.match(await view.page.getByTestId('rules-details').innerText(), /Trust the workspace to use them/);
    assert.equal(await view.page.getByTestId('rules-enabled').isDisabled(), true);
  });
});
