import { DtwError } from "./types";

/**
 * The Sakoe–Chiba band of dtaidistance: row i of an n × m matrix may use the columns
 * j ∈ [lo(i), hi(i)) with
 *   lo(i) = max(0, i − max(0, n − m) − window + 1),   hi(i) = min(m, i + max(0, m − n) + window).
 * Both ends are non-decreasing in i. `window` 0 or undefined = no band (every column).
 */
export type Band = { readonly full: boolean; readonly below: number; readonly above: number };

export function resolveBand(n: number, m: number, window: number | undefined): Band {
  if (window === undefined || window === 0) return { full: true, below: 0, above: 0 };
  if (!Number.isInteger(window) || window < 0) {
    throw new DtwError("invalid-window", `window must be a non-negative integer, got ${window}`);
  }
  const below = Math.max(0, n - m) + window - 1;
  const above = Math.max(0, m - n) + window - 1;
  // A band at least as wide as the matrix is no band.
  const full = below >= n - 1 && above >= m - 1;
  return { full, below, above };
}

/** First allowed column of row i. */
export function bandLo(band: Band, i: number): number {
  return band.full ? 0 : Math.max(0, i - band.below);
}

/** One past the last allowed column of row i. */
export function bandHi(band: Band, i: number, m: number): number {
  return band.full ? m : Math.min(m, i + band.above + 1);
}

/** Columns [lo(i), hi(i)) allowed in row i; both non-decreasing in i. */
export type RowSpan = { lo(i: number): number; hi(i: number): number };

export function bandSpan(n: number, m: number, window: number | undefined): RowSpan {
  const band = resolveBand(n, m, window);
  if (band.full) return { lo: () => 0, hi: () => m };
  return { lo: (i) => bandLo(band, i), hi: (i) => bandHi(band, i, m) };
}
