// The completions feature: ghost text as you type (an inline completion provider over the pure scheduler in
// core/completions), its status bar item and toggle, the daily spend kept across reloads, and counts in the log.
import * as vscode from 'vscode';
import { CompletionScheduler, estimateCost, type SpendState } from '../../core/completions';
import type { TandemServices } from '../services';
import { createCompletionFetch } from './completionFetch';
import { CompletionStatusBar, TOGGLE_COMPLETIONS_COMMAND } from './completionStatusBar';
import { COMPLETION_SELECTOR, isCompletionDocument, TandemInlineCompletions } from './inlineProvider';
import { PromptExtrasSource } from './promptExtras';
import { COMPLETIONS_SECTION, readCompletionSettings } from './settings';
import { toggleCompletions } from './toggle';

const SPEND_KEY = 'tandem.completions.spend';
/** A typical request: ~1,700 prompt tokens and a line of output, for the cost shown before turning them on. */
const TYPICAL_PROMPT_TOKENS = 1_700;
const TYPICAL_OUTPUT_CHARS = 60;
const STATS_LOG_INTERVAL_MS = 5 * 60 * 1000;

export function activateCompletions(services: TandemServices): vscode.Disposable {
  const { models, log, globalState } = services;
  const { exclusion } = services.context;
  const extras = new PromptExtrasSource(exclusion);
  const perSuggestionUsd = (): number => {
    const s = services.settings();
    return estimateCost(TYPICAL_PROMPT_TOKENS, TYPICAL_OUTPUT_CHARS, s[readCompletionSettings().model].price);
  };
  const statusBar = new CompletionStatusBar(() => ({ label: models.label(readCompletionSettings().model), perSuggestionUsd: perSuggestionUsd() }));

  const fetch = createCompletionFetch({
    models,
    price: (slot) => services.settings()[slot].price,
    completionSettings: readCompletionSettings,
    documentFor: (doc) => vscode.workspace.textDocuments.find((d) => isCompletionDocument(d) && exclusion.relativePath(d.uri) === doc.path),
    extras: (document, signal) => extras.forDocument(document, signal),
    onFlight: (delta) => statusBar.flight(delta),
    log,
  });
  const scheduler = new CompletionScheduler({
    fetch,
    settings: readCompletionSettings(),
    restricted: !vscode.workspace.isTrusted,
    spend: globalState.get<SpendState>(SPEND_KEY),
    onStatus: (status) => {
      statusBar.update(status);
      void globalState.update(SPEND_KEY, scheduler.spendState());
    },
  });
  statusBar.update(scheduler.status());

  let loggedStats = '';
  const logStats = (): void => {
    const s = scheduler.stats();
    // Counts only, never code.
    const line = `Completions: ${s.requests} requests (${s.aborted} aborted, ${s.failed} failed), ${s.cacheHits} from cache, ${s.shown} shown, ${s.accepted} accepted, ${s.partiallyAccepted} partly accepted.`;
    if (line !== loggedStats && s.requests + s.cacheHits > 0) log.info(line);
    loggedStats = line;
  };
  const statsTimer = setInterval(logStats, STATS_LOG_INTERVAL_MS);
  // A log timer must never keep a process alive (the activation bench runs activate() in a plain Node process).
  statsTimer.unref?.();

  return vscode.Disposable.from(
    extras,
    statusBar,
    vscode.languages.registerInlineCompletionItemProvider(COMPLETION_SELECTOR, new TandemInlineCompletions(scheduler, exclusion)),
    vscode.commands.registerCommand(TOGGLE_COMPLETIONS_COMMAND, () => toggleCompletions(scheduler, perSuggestionUsd)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (!isCompletionDocument(event.document)) return;
      const path = exclusion.relativePath(event.document.uri);
      for (const change of event.contentChanges) scheduler.noteEdit(path, change.text);
    }),
    vscode.window.onDidChangeActiveTextEditor(() => scheduler.cancel()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(COMPLETIONS_SECTION)) scheduler.update({ settings: readCompletionSettings() });
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => scheduler.update({ restricted: false })),
    new vscode.Disposable(() => {
      clearInterval(statsTimer);
      logStats();
      scheduler.dispose();
    }),
  );
}
