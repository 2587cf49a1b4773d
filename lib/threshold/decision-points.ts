/**
 * The thresholds at which a candidate's online outcome can change.
 *
 * With "alarm when score ≥ t", what happens to a candidate depends on t only through two maxima:
 * - normal: max over all steps (m). t ≤ m → false positive, else true negative;
 * - anomalous: a = max before the onset, b = max at or after it. t ≤ a → premature alarm (the
 *   first alarm comes before the onset); a < t ≤ b → true positive; t > max(a, b) → false negative.
 * So each candidate contributes at most two decision points, found in one pass over its scores.
 */
import { firstAlarmIndex, onsetStep } from "./candidate";
import type { CandidateOutcome, LabelledCandidate, OutcomeKind, ScoreSeries } from "./types";

export type DecisionPoints = {
  anomalous: boolean;
  /** Max score before the onset (normal candidates: over all steps); NaN when there is none. */
  early: number;
  /** Max score at or after the onset (NaN for normal candidates, or when there is none). */
  late: number;
};

/**
 * Largest non-NaN score in [from, to); NaN when that range holds none. -Infinity scores count
 * (a threshold of -Infinity is reached by them), which is why "none" is NaN and not -Infinity.
 */
export function maxScore(scores: ScoreSeries, from: number, to: number): number {
  let max = -Infinity;
  for (let i = from; i < to; i++) {
    // In bounds: callers pass 0 ≤ from ≤ to ≤ scores.length. NaN fails the comparison.
    const s = scores[i]!;
    max = s > max ? s : max;
  }
  return max === -Infinity && !includesMinusInfinity(scores, from, to) ? Number.NaN : max;
}

function includesMinusInfinity(scores: ScoreSeries, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (scores[i] === -Infinity) return true;
  return false;
}

export function decisionPoints(candidate: LabelledCandidate): DecisionPoints {
  const { scores, anomalous } = candidate;
  const n = scores.length;
  if (!anomalous) return { anomalous, early: maxScore(scores, 0, n), late: Number.NaN };
  const split = Math.min(onsetStep(candidate), n);
  return { anomalous, early: maxScore(scores, 0, split), late: maxScore(scores, split, n) };
}

/**
 * The online outcome read off the decision points: the same as `classifyOnline`, but the scores
 * are scanned only up to the first alarm, and not at all for true and false negatives.
 */
export function classifyByPoints(candidate: LabelledCandidate, points: DecisionPoints, threshold: number): CandidateOutcome {
  if (points.early >= threshold) return alarm(candidate, threshold, 0, points.anomalous ? "premature" : "fp");
  // Nothing before the onset reaches the threshold, so the first alarm is at or after it.
  if (points.late >= threshold) return alarm(candidate, threshold, onsetStep(candidate), "tp");
  return { kind: points.anomalous ? "fn" : "tn", firstAlarm: null };
}

function alarm(candidate: LabelledCandidate, threshold: number, from: number, kind: OutcomeKind): CandidateOutcome {
  const first = firstAlarmIndex(candidate.scores, threshold, from);
  return { kind, firstAlarm: first < 0 ? null : first };
}
