// Completion settings from VS Code's configuration. Every one of them decides what is spent (whether requests are
// made at all, for which languages, how often, on which model), so each is machine-scoped in package.json and read
// here from the user-level value only: a cloned repository's .vscode/settings.json can never turn completions on.
import * as vscode from 'vscode';
import { COMPLETION_SETTING, type CompletionSettings, parseCompletionSettings } from '../../core/completions';
import { readUntilChanged } from '../settings';

export const COMPLETIONS_SECTION = 'tandem.completions';

/** `tandem.completions.enable` → `enable`, as VS Code's getConfiguration('tandem.completions') names it. */
function leaf(key: string): string {
  return key.slice(COMPLETIONS_SECTION.length + 1);
}

/** Read again after a change to `tandem.completions.*` (each request reads them). */
export const readCompletionSettings = readUntilChanged(COMPLETIONS_SECTION, readCompletionSettingsNow);

function readCompletionSettingsNow(): CompletionSettings {
  const config = vscode.workspace.getConfiguration(COMPLETIONS_SECTION);
  const user = (key: string): unknown => {
    const inspected = config.inspect<unknown>(leaf(key));
    return inspected?.globalValue ?? inspected?.defaultValue;
  };
  return parseCompletionSettings({
    enabled: user(COMPLETION_SETTING.enable),
    languages: user(COMPLETION_SETTING.languages),
    debounceMs: user(COMPLETION_SETTING.debounceMs),
    adaptiveDebounce: user(COMPLETION_SETTING.adaptiveDebounce),
    dailySpendCapUsd: user(COMPLETION_SETTING.dailySpendCapUsd),
    multiline: user(COMPLETION_SETTING.multiline),
    model: user(COMPLETION_SETTING.model),
  });
}

/** Turns completions on or off in the user's settings (Remote settings in a remote window: the key is machine-scoped). */
export async function setCompletionsEnabled(enabled: boolean): Promise<void> {
  await vscode.workspace.getConfiguration(COMPLETIONS_SECTION).update(leaf(COMPLETION_SETTING.enable), enabled, vscode.ConfigurationTarget.Global);
}
