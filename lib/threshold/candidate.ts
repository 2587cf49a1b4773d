/**
 * Small readers of a labelled candidate shared by the online evaluation, the exact refinement
 * and the percentile grid, so that all three read onsets, rates and alarms the same way.
 */
import { ThresholdError } from "./errors";
import type { LabelledCandidate, OnlineOptions, ScoreSeries } from "./types";

/**
 * The labelled onset of an anomalous candidate (0 when the label has none; see
 * `LabelledCandidate`). Normal candidates have no onset: 0 is returned and never used.
 */
export function onsetOf(candidate: LabelledCandidate): number {
  if (!candidate.anomalous) return 0;
  const onset = candidate.onset ?? 0;
  if (!Number.isFinite(onset) || onset < 0) {
    throw new ThresholdError("invalid_onset", `An onset must be a finite step index ≥ 0, got ${onset}.`);
  }
  return onset;
}

/** First step index that lies at or after the onset: ceil(onset). */
export function onsetStep(candidate: LabelledCandidate): number {
  return Math.ceil(onsetOf(candidate));
}

export function samplingRateOf(opts: OnlineOptions | undefined): number {
  const rate = opts?.samplingRate ?? 1;
  if (!Number.isFinite(rate) || rate <= 0) {
    throw new ThresholdError("invalid_rate", `A sampling rate must be a positive number of Hz, got ${rate}.`);
  }
  return rate;
}

export function assertThreshold(threshold: number): void {
  if (Number.isNaN(threshold)) {
    throw new ThresholdError("invalid_threshold", "The threshold is NaN.");
  }
}

/**
 * Index of the first step at or after `from` whose score is ≥ threshold, or -1 when there is
 * none. A NaN score is never ≥ anything, so NaN steps never raise an alarm.
 */
export function firstAlarmIndex(scores: ScoreSeries, threshold: number, from = 0): number {
  const n = scores.length;
  for (let i = Math.max(0, from); i < n; i++) {
    // In bounds by the loop condition.
    if (scores[i]! >= threshold) return i;
  }
  return -1;
}
