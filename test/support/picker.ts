// The composer's pickers (src/webview/picker.ts) as a user drives them, for tests and benches in a page or a frame.
import type { Locator } from 'playwright-core';

interface Scope {
  getByTestId(testId: string): Locator;
}

/** Opens the picker with a click and clicks the option with this value. */
export async function pickOption(scope: Scope, pickerTestId: string, value: string): Promise<void> {
  await scope.getByTestId(pickerTestId).click();
  await scope.getByTestId(`${pickerTestId}-list`).locator(`[data-value="${value}"]`).click();
}
