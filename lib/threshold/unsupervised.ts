/**
 * The unsupervised default threshold (docs/algorithms.md §10.1; the reference's
 * `unsupervised_threshold`): the largest score seen on the validation split, which is assumed
 * to hold normal data only. NaN and ±Infinity scores are skipped (numpy's max would return NaN
 * or Infinity, neither of which is a usable threshold).
 */
import { ThresholdError } from "./errors";
import type { ScoreSeries } from "./types";

export function unsupervisedThreshold(validationScores: readonly ScoreSeries[]): number {
  let max = -Infinity;
  let any = false;
  for (const scores of validationScores) {
    for (const s of scores) {
      if (Number.isFinite(s) && s >= max) {
        max = s;
        any = true;
      }
    }
  }
  if (!any) {
    throw new ThresholdError("no_finite_scores", "The validation split has no finite anomaly score.");
  }
  return max;
}
