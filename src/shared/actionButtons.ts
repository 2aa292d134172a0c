// The buttons an error's next step (ErrorAction) or a chat's host action becomes, with the command each runs: one
// table for the chat view, the chat controller, the editor commands and Test Connection, so a step reads the same
// everywhere. Retry has no command: the surface that failed repeats its own request.
import type { ErrorAction } from '../core/vocabulary';
import type { HostAction } from './protocol';

export type ButtonAction = Exclude<ErrorAction, 'none'> | HostAction;

export const ACTION_BUTTONS = {
  setKey: { label: 'Set API Key', command: 'tandem.setApiKey' },
  openSettings: { label: 'Open Settings', command: 'tandem.openSettings' },
  testConnection: { label: 'Test Connection', command: 'tandem.testConnection' },
  retry: { label: 'Retry' },
} as const satisfies Readonly<Record<ButtonAction, { readonly label: string; readonly command?: string }>>;

/** The action a button label stands for, for the label a message box returns. */
export function actionOfLabel(label: string | undefined): ButtonAction | undefined {
  return (Object.keys(ACTION_BUTTONS) as ButtonAction[]).find((action) => ACTION_BUTTONS[action].label === label);
}
