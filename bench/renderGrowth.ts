// The render bench's growth table: Tandem streamed against the whole-message baseline at 4K, 16K and 64K tokens.
// Incremental rendering should cost about the same per token at every size; re-rendering the whole message per
// post costs in proportion to the text so far, so per token it grows with the answer (quadratic in total).
import type { MessageView } from '../src/shared/protocol';
import { MarkdownWriter } from '../test/support/markdownWriter';
import { answer } from '../test/webview/fixtures';
import { hostPosts, type PlannedPost } from './renderPage';
import type { BenchResult } from './types';

/** The smaller answers: their own seeds (the 64K one is render.ts's), ~500-line code blocks about as often. */
export const SMALLER_ANSWERS = [
  { label: '4K', chars: 16 * 1024, largeCode: 0, seed: 4 },
  { label: '16K', chars: 64 * 1024, largeCode: 1, seed: 16 },
] as const;

/** Per token, Tandem at the largest answer may cost at most this much more than at the smallest. */
export const MAX_PER_TOKEN_GROWTH = 1.5;

export interface GrowthAnswer {
  label: string;
  done: MessageView;
  plan: PlannedPost[];
  posts: number;
}

export function growthAnswer(spec: (typeof SMALLER_ANSWERS)[number], perFrame: number): GrowthAnswer {
  const writer = new MarkdownWriter(spec.seed);
  const text = writer.answer(spec.chars, spec.largeCode);
  const plan = hostPosts(writer.deltas(text), perFrame);
  return { label: spec.label, done: answer('a1', text), plan, posts: plan.reduce((n, p) => n + p.texts.length, 0) };
}

export interface GrowthPoint {
  label: string;
  chars: number;
  posts: number;
  tandemMs: number;
  baselineMs: number;
  /** How the baseline figure was taken, for the row name: "median of 3" or "one run". */
  baselineRuns: string;
}

const fmt = (n: number) => n.toFixed(1);
const tokensOf = (point: GrowthPoint) => point.chars / 4;
const perThousandTokens = (ms: number, point: GrowthPoint) => (ms / tokensOf(point)) * 1000;

/** Rows for the table (smallest answer first, largest last), and the same figures as a table on the console. */
export function growthRows(points: readonly GrowthPoint[]): BenchResult[] {
  console.log('  | answer | host posts | Tandem streamed | baseline (whole message per post) | baseline / Tandem |');
  for (const p of points) console.log(`  | ${p.label} tokens (${p.chars} chars) | ${p.posts} | ${fmt(p.tandemMs)} ms | ${fmt(p.baselineMs)} ms (${p.baselineRuns}) | ${fmt(p.baselineMs / p.tandemMs)}× |`);
  const rows: BenchResult[] = points.map((p) => ({
    name: `render growth: ${p.label}-token answer, ${p.posts} host posts: Tandem streamed ${fmt(p.tandemMs)} ms, baseline ${fmt(p.baselineMs)} ms (${p.baselineRuns}); baseline / Tandem, main-thread CPU`,
    value: p.baselineMs / p.tandemMs,
    unit: '×',
    goal: '(reported)',
    ok: true,
  }));
  const small = points[0];
  const large = points[points.length - 1];
  const sizeRatio = tokensOf(large) / tokensOf(small);
  const tandemGrowth = perThousandTokens(large.tandemMs, large) / perThousandTokens(small.tandemMs, small);
  const baselineGrowth = perThousandTokens(large.baselineMs, large) / perThousandTokens(small.baselineMs, small);
  rows.push({
    name: `render growth: Tandem streamed CPU per 1K tokens, ${large.label}-token answer ${fmt(perThousandTokens(large.tandemMs, large))} ms / ${small.label}-token answer ${fmt(perThousandTokens(small.tandemMs, small))} ms`,
    value: tandemGrowth,
    unit: '×',
    goal: `≤ ${MAX_PER_TOKEN_GROWTH}× (${fmt(tandemGrowth / MAX_PER_TOKEN_GROWTH)}× of goal)`,
    ok: tandemGrowth <= MAX_PER_TOKEN_GROWTH,
  });
  rows.push({
    name: `render growth: baseline CPU per 1K tokens, ${large.label}-token answer ${fmt(perThousandTokens(large.baselineMs, large))} ms / ${small.label}-token answer ${fmt(perThousandTokens(small.baselineMs, small))} ms (linear would be 1×, quadratic ${fmt(sizeRatio)}×)`,
    value: baselineGrowth,
    unit: '×',
    goal: '(reported)',
    ok: true,
  });
  return rows;
}
