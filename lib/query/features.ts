/**
 * Score-series features for the score-kmeans strategy: [max, mean, std, tail, argmax position], where tail
 * is the fraction of steps at or above the threshold when one is given, else the 95th percentile,
 * and the argmax position is normalised to [0, 1]. Then standardised per feature (z-score over all
 * rows; a constant feature becomes 0).
 */
import type { Candidate } from "./types";

export const FEATURE_NAMES = ["max", "mean", "std", "tail", "argmaxPosition"] as const;

export function scoreFeatures(c: Candidate, threshold?: number): number[] {
  const x = c.scores;
  const n = x.length;
  let max = -Infinity;
  let argmax = 0;
  let sum = 0;
  let above = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (v > max) [max, argmax] = [v, i];
    sum += v;
    if (threshold !== undefined && v >= threshold) above++;
  }
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (x[i]! - mean) ** 2;
  const tail = threshold !== undefined ? above / n : quantile(x, 0.95);
  return [max, mean, Math.sqrt(sq / n), tail, n > 1 ? argmax / (n - 1) : 0];
}

/** Linear-interpolated quantile of a copy of the series. */
export function quantile(x: Float32Array, q: number): number {
  const sorted = Float64Array.from(x).sort();
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Z-score every column in place over all rows; a column with zero spread becomes 0. */
export function standardize(rows: number[][]): number[][] {
  const dims = rows[0]?.length ?? 0;
  for (let d = 0; d < dims; d++) {
    let sum = 0;
    for (const r of rows) sum += r[d]!;
    const mean = sum / rows.length;
    let sq = 0;
    for (const r of rows) sq += (r[d]! - mean) ** 2;
    const std = Math.sqrt(sq / rows.length);
    for (const r of rows) r[d] = std > 0 ? (r[d]! - mean) / std : 0;
  }
  return rows;
}

export function squaredDistance(a: number[], b: number[]): number {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += (a[d]! - b[d]!) ** 2;
  return s;
}
