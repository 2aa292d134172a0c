import { strict as assert } from 'node:assert';
import { ModelChoice, type ModelDefaults } from '../../../src/host/providers/modelChoice';

class Memento {
  private readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

describe('ModelChoice: the model for new questions, read by the chat, context, commands and status bar', () => {
  it('follows the settings until the user picks, then keeps the pick per workspace', async () => {
    let defaults: ModelDefaults = { defaultModel: 'gemini', thinkingLevel: 'low' };
    const memento = new Memento();
    const choice = new ModelChoice(memento, () => defaults);
    assert.equal(choice.slot, 'gemini');
    defaults = { defaultModel: 'gpt', thinkingLevel: 'high' };
    assert.equal(choice.slot, 'gpt', 'a settings change shows while nothing is picked');
    assert.equal(choice.thinkingLevel, 'high');
    await choice.setSlot('gemini');
    await choice.setThinkingLevel('minimal');
    assert.equal(new ModelChoice(memento, () => defaults).slot, 'gemini', 'the pick outlives the object (a window reload)');
    assert.equal(new ModelChoice(memento, () => defaults).thinkingLevel, 'minimal');
  });

  it('tells every listener after a change, and none once it let go or the choice was disposed', async () => {
    const choice = new ModelChoice(new Memento(), () => ({ defaultModel: 'gemini', thinkingLevel: 'low' }));
    const seen: string[] = [];
    const first = choice.onDidChange(() => seen.push(`first:${choice.slot}`));
    choice.onDidChange(() => seen.push(`second:${choice.thinkingLevel}`));
    await choice.setSlot('gpt');
    first.dispose();
    await choice.setThinkingLevel('high');
    choice.dispose();
    await choice.setSlot('gemini');
    assert.deepEqual(seen, ['first:gpt', 'second:low', 'second:high']);
  });

  it('tells listeners before the storage write has finished (a round trip through the window)', async () => {
    let finishWrite!: () => void;
    const values = new Map<string, unknown>();
    const slowMemento = {
      get: <T>(key: string) => values.get(key) as T | undefined,
      update: (key: string, value: unknown) => {
        values.set(key, value);
        return new Promise<void>((resolve) => (finishWrite = resolve));
      },
    };
    const choice = new ModelChoice(slowMemento, () => ({ defaultModel: 'gemini', thinkingLevel: 'low' }));
    const seen: string[] = [];
    choice.onDidChange(() => seen.push(choice.slot));
    const set = choice.setSlot('gpt');
    assert.deepEqual(seen, ['gpt']);
    finishWrite();
    await set;
  });
});
