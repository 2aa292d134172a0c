// The scheduler's `fetch`: one completion request through the model service (which holds the keys and knows the
// endpoints; nothing here knows a wire format). Thinking minimal, a one-line output limit, the cost of a request
// stopped before the provider reported usage recorded as spend like every other request's.
import type * as vscode from 'vscode';
import {
  buildCompletionPrompt,
  type CompletionDocument,
  type CompletionFetch,
  type CompletionSettings,
  requestCompletion,
} from '../../core/completions';
import type { Price } from '../../core/providers/price';
import type { ModelProvider, ModelRequest, ModelSlot, ProviderErrorInfo } from '../../core/providers/types';
import type { Log } from '../log';
import type { ModelService } from '../providers/modelService';
import type { PromptExtras } from './promptExtras';

export interface CompletionFetchDeps {
  /** The model service, or (in bench/completions.ts) a stand-in over a provider at a fake server. */
  readonly models: Pick<ModelService, 'modelId' | 'stream' | 'recordSpend'>;
  /** The slot's price setting, for the cost of requests stopped before usage was reported. */
  readonly price: (slot: ModelSlot) => Price;
  readonly completionSettings: () => CompletionSettings;
  /** The document a CompletionDocument was read from (the provider keeps the last one per path). */
  readonly documentFor: (doc: CompletionDocument) => vscode.TextDocument | undefined;
  readonly extras: (document: vscode.TextDocument, signal: AbortSignal) => Promise<PromptExtras>;
  /** A request left (+1) or ended (-1): the status bar shows one in flight. */
  readonly onFlight: (delta: 1 | -1) => void;
  readonly log: Pick<Log, 'warn'>;
}

export function createCompletionFetch(deps: CompletionFetchDeps): CompletionFetch {
  let lastError: string | undefined;
  const logError = (error: ProviderErrorInfo): void => {
    // A wrong key would otherwise write a line per keystroke: only a change of error is logged.
    const line = `Completion request failed (${error.kind}): ${error.message}`;
    if (line !== lastError) deps.log.warn(line);
    lastError = line;
  };
  return async (doc, signal) => {
    const document = deps.documentFor(doc);
    const extras = document ? await deps.extras(document, signal) : { snippets: [] };
    if (signal.aborted) return { costUsd: 0 };
    const completion = deps.completionSettings();
    const slot = completion.model;
    const prompt = buildCompletionPrompt(
      { document: doc, snippets: extras.snippets, instructions: extras.instructions },
      { model: deps.models.modelId(slot), family: slot, multiline: completion.multiline },
    );
    const provider: Pick<ModelProvider, 'stream'> = {
      stream: (request: ModelRequest, streamSignal: AbortSignal) =>
        deps.models.stream(
          { slot, system: request.system ?? '', messages: request.messages, thinkingLevel: request.thinkingLevel ?? 'minimal', maxOutputTokens: request.maxOutputTokens },
          streamSignal,
        ),
    };
    deps.onFlight(1);
    try {
      const result = await requestCompletion(provider, prompt, deps.price(slot), signal);
      // Usage the provider reported was already counted by the model service; an estimate was not.
      if (result.costEstimated) deps.models.recordSpend(result.costUsd);
      if (result.error) logError(result.error);
      else lastError = undefined;
      return result;
    } finally {
      deps.onFlight(-1);
    }
  };
}
