import { strict as assert } from 'node:assert';
import { ACTION_BUTTONS, actionOfLabel, type ButtonAction } from '../../../src/shared/actionButtons';
import { readManifest } from '../../support/manifest';

describe('action buttons', () => {
  it('runs only commands the extension contributes, and each label names one action', () => {
    const commands = new Set(readManifest().contributes.commands.map((c) => c.command));
    for (const action of Object.keys(ACTION_BUTTONS) as ButtonAction[]) {
      const button: { readonly label: string; readonly command?: string } = ACTION_BUTTONS[action];
      if (button.command) assert.ok(commands.has(button.command), `${button.command} is contributed`);
      assert.equal(actionOfLabel(button.label), action);
    }
    assert.equal(actionOfLabel('Dismiss'), undefined);
    assert.equal(actionOfLabel(undefined), undefined);
  });
});
