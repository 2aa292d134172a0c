/** One benchmark figure, collected by bench/run.js into bench/README.md's table. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  goal: string;
  ok: boolean;
}
