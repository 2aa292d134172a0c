// Today's completion spend, for the daily cap and the status bar. The host persists `state()` (global state) so a
// reload does not reset the cap; a new local day starts from zero.

export interface SpendState {
  /** Local date, YYYY-MM-DD. */
  readonly day: string;
  readonly spentUsd: number;
}

export function localDay(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export class DailySpend {
  private day: string;
  private spent: number;

  constructor(
    private readonly now: () => number,
    restored?: SpendState,
    private readonly dayOf: (ms: number) => string = localDay,
  ) {
    this.day = dayOf(now());
    const valid = restored && restored.day === this.day && Number.isFinite(restored.spentUsd) && restored.spentUsd >= 0;
    this.spent = valid ? restored.spentUsd : 0;
  }

  add(usd: number): void {
    this.roll();
    if (Number.isFinite(usd) && usd > 0) this.spent += usd;
  }

  today(): number {
    this.roll();
    return this.spent;
  }

  state(): SpendState {
    this.roll();
    return { day: this.day, spentUsd: this.spent };
  }

  private roll(): void {
    const day = this.dayOf(this.now());
    if (day === this.day) return;
    this.day = day;
    this.spent = 0;
  }
}
