// Display formatting shared by host and webview, so a cost reads the same in the panel, the status bar and exports.

/** Dollars with enough precision to be meaningful for cheap requests: $0.0004, $0.0123, $1.25. */
export function formatUsd(amount: number): string {
  if (!Number.isFinite(amount) || amount <= 0) return '$0.00';
  if (amount < 0.0001) return '<$0.0001';
  if (amount < 1) return `$${amount.toFixed(4)}`;
  return `$${amount.toFixed(2)}`;
}

/** 1234 → "1.2K", 1048576 → "1.0M". */
export function formatTokens(count: number): string {
  if (count < 1000) return String(count);
  if (count < 1_000_000) return `${(count / 1000).toFixed(1)}K`;
  return `${(count / 1_000_000).toFixed(1)}M`;
}
