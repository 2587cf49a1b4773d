/**
 * The reference's threshold search, kept as the baseline for tests and the benchmark: pool the
 * scores of all labelled candidates, take the thresholds at the percentiles 0, 0.01, …, 100
 * (10,001 values, numpy 'linear' interpolation), evaluate each online, and keep the first best F1
 * in grid order (strict improvement only, so the lowest threshold among equal F1s; F1s are
 * compared exactly, not as rounded floats).
 *
 * Deliberately plain: one sort of the pool, then a full online evaluation per grid threshold.
 * The only shortcut is to skip a grid threshold equal to the previous one (it cannot improve).
 * NaN scores are left out of the pool (numpy would make every percentile NaN). Returns null when
 * there is no candidate or no non-NaN score.
 */
import { samplingRateOf } from "./candidate";
import { compareF1, f1Ratio, type F1Ratio } from "./metrics";
import { GRID_SIZE, gridPercent, percentileOfSorted } from "./numpy-percentile";
import { evaluateOnline, tallyOnline } from "./online-evaluation";
import type { LabelledCandidate, OnlineEvaluation, OnlineOptions } from "./types";

export type GridThreshold = {
  threshold: number;
  /** The grid percentile (0–100) that gave the threshold. */
  percent: number;
  f1: number;
  precision: number;
  recall: number;
  evaluation: OnlineEvaluation;
};

export type PooledScores = {
  /** All non-NaN scores, ascending. */
  sorted: Float64Array;
  /** True when every series was float32 (numpy would then pool as float32). */
  float32: boolean;
};

export function poolScores(candidates: readonly LabelledCandidate[]): PooledScores {
  let total = 0;
  for (const c of candidates) total += c.scores.length;
  const pool = new Float64Array(total);
  let n = 0;
  for (const c of candidates) {
    for (const s of c.scores) if (!Number.isNaN(s)) pool[n++] = s;
  }
  const sorted = pool.subarray(0, n).sort();
  return { sorted, float32: candidates.every((c) => c.scores instanceof Float32Array) };
}

export function percentileGridThreshold(candidates: readonly LabelledCandidate[], opts?: OnlineOptions): GridThreshold | null {
  samplingRateOf(opts);
  const { sorted, float32 } = poolScores(candidates);
  if (candidates.length === 0 || sorted.length === 0) return null;
  let best: { threshold: number; percent: number; ratio: F1Ratio } | null = null;
  let previous = Number.NaN;
  for (let i = 0; i < GRID_SIZE; i++) {
    const percent = gridPercent(i);
    const threshold = percentileOfSorted(sorted, percent, float32);
    if (threshold === previous) continue;
    previous = threshold;
    const { tp, fp, fn } = tallyOnline(candidates, threshold);
    const ratio = f1Ratio(tp, fp, fn);
    if (best === null || compareF1(ratio, best.ratio) > 0) best = { threshold, percent, ratio };
  }
  if (best === null) return null;
  const evaluation = evaluateOnline(candidates, best.threshold, opts);
  const { f1, precision, recall } = evaluation;
  return { threshold: best.threshold, percent: best.percent, f1, precision, recall, evaluation };
}
