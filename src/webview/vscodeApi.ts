// The single door from the webview to the host: typed messages and persisted view state.
import type { WebviewMessage } from '../shared/protocol';

export interface ViewState {
  readonly draft: string;
  readonly recall: readonly string[];
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(message: WebviewMessage): void {
  api.postMessage(message);
}

export function loadState(): ViewState {
  const raw = api.getState() as Partial<ViewState> | undefined;
  return {
    draft: typeof raw?.draft === 'string' ? raw.draft : '',
    recall: Array.isArray(raw?.recall) ? raw.recall.filter((r): r is string => typeof r === 'string').slice(-50) : [],
  };
}

export function saveState(state: ViewState): void {
  api.setState(state);
}
