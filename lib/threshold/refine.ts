/**
 * The refined threshold: the value that maximises F1 on the labelled candidates under online
 * evaluation, found exactly.
 *
 * Each candidate's outcome is a step function of the threshold t that changes only at its
 * decision points (decision-points.ts). Sweeping the distinct decision points from the highest
 * down, and updating tp / fp / fn as each one is passed, visits every outcome any threshold can
 * produce: O(k log k) for k candidates after one pass over the scores.
 *
 * All thresholds in (lowerBound, threshold] give the same outcome. Tie-breaking follows the
 * reference (a 0.01-percentile grid scanned upwards, keeping the first best, i.e. the LOWEST
 * threshold with the best F1): among the intervals that reach the best F1, the lowest is chosen,
 * and its upper end — a decision point, i.e. a score that actually occurs — is returned. The grid
 * lands in the same interval whenever one of its 10,001 thresholds falls inside it.
 *
 * Returns null when there is no candidate, or when no candidate has a non-NaN score (no
 * threshold changes anything then).
 *
 * With `objective: "pool"` and the peaks of the query pool's unlabelled candidates, the intervals
 * are compared by the expected F1 over the whole pool instead (objective.ts); the interval, the
 * ties and the returned F1, precision and recall (on the labelled candidates) are read as above.
 */
import { samplingRateOf } from "./candidate";
import { classifyByPoints, decisionPoints, type DecisionPoints } from "./decision-points";
import { compareF1, f1Of, f1Ratio, precisionOf, recallOf, type F1Ratio } from "./metrics";
import { summarise } from "./online-evaluation";
import { expectedF1, poolTerm, type Objective, type PoolTerm } from "./objective";
import type { LabelledCandidate, OnlineEvaluation, OnlineOptions } from "./types";

export type RefineOptions = OnlineOptions & {
  /** What the interval maximises (default "labels": F1 on the labelled candidates). */
  objective?: Objective;
  /** "pool": the peak (max score) of every unlabelled candidate of the query pool. */
  unlabelledPeaks?: readonly number[];
};

export type RefinedThreshold = {
  threshold: number;
  /** Every threshold in (lowerBound, threshold] gives the same outcome; -Infinity when unbounded. */
  lowerBound: number;
  /** The objective's value at the chosen interval (the labelled F1 for "labels"). */
  score: number;
  f1: number;
  precision: number;
  recall: number;
  evaluation: OnlineEvaluation;
};

/** Passing `key` from above turns the counts by these deltas. */
type SweepEvent = { key: number; tp: number; fp: number; fn: number };

type Best = { threshold: number; lowerBound: number; tp: number; fp: number; fn: number; ratio: F1Ratio; score: number };

export function refineThreshold(candidates: readonly LabelledCandidate[], opts?: RefineOptions): RefinedThreshold | null {
  const rate = samplingRateOf(opts); // fail early on a bad rate, before the scan
  const read = candidates.map((candidate) => ({ candidate, points: decisionPoints(candidate) }));
  const events = read.flatMap(({ points }) => sweepEvents(points));
  const anomalousCount = candidates.filter((c) => c.anomalous).length;
  const pool =
    opts?.objective === "pool" || opts?.objective === "minority"
      ? poolTerm(
          read.map(({ candidate, points }) => ({ peak: peakOf(points), anomalous: candidate.anomalous })),
          opts.unlabelledPeaks ?? [],
        )
      : null;
  const labelledWithPeak = read.filter(({ points }) => !Number.isNaN(peakOf(points))).length;
  const best = sweep(events, anomalousCount, pool, labelledWithPeak, opts?.objective === "minority");
  if (best === null) return null;
  const outcomes = read.map(({ candidate, points }) => classifyByPoints(candidate, points, best.threshold));
  return {
    threshold: best.threshold,
    lowerBound: best.lowerBound,
    score: best.score,
    f1: f1Of(best.tp, best.fp, best.fn),
    precision: precisionOf(best.tp, best.fp),
    recall: recallOf(best.tp, best.fn),
    evaluation: summarise(candidates, outcomes, rate),
  };
}

/** A candidate's max score over all its steps (NaN when it has none). */
function peakOf(p: DecisionPoints): number {
  if (Number.isNaN(p.late)) return p.early;
  return Number.isNaN(p.early) || p.late > p.early ? p.late : p.early;
}

/**
 * Count changes as t falls past each decision point. At t = +Infinity every anomalous candidate
 * is a false negative and every normal one a true negative.
 */
function sweepEvents(p: DecisionPoints): SweepEvent[] {
  const { early, late } = p;
  const hasEarly = !Number.isNaN(early);
  if (!p.anomalous) return hasEarly ? [{ key: early, tp: 0, fp: 1, fn: 0 }] : [];
  // The onset-side maximum only matters when it is above every earlier score.
  if (!Number.isNaN(late) && !(late <= early)) {
    const detect: SweepEvent = { key: late, tp: 1, fp: 0, fn: -1 };
    return hasEarly ? [detect, { key: early, tp: -1, fp: 1, fn: 0 }] : [detect];
  }
  return hasEarly ? [{ key: early, tp: 0, fp: 1, fn: -1 }] : [];
}

/**
 * Walk the distinct keys downwards; keep the last (lowest) group whose objective ties the best:
 * exact F1 on the labels, or with `pool` the expected F1 over the pool at the group's lower edge.
 */
function sweep(events: SweepEvent[], anomalousCount: number, pool: PoolTerm | null, labelled: number, labelsF1 = false): Best | null {
  events.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  let tp = 0;
  let fp = 0;
  let fn = anomalousCount;
  let best: Best | null = null;
  let i = 0;
  while (i < events.length) {
    const key = events[i]?.key ?? Number.NaN;
    for (let e = events[i]; e !== undefined && e.key === key; e = events[++i]) {
      tp += e.tp;
      fp += e.fp;
      fn += e.fn;
    }
    const ratio = f1Ratio(tp, fp, fn);
    const lowerBound = events[i]?.key ?? -Infinity;
    if (pool === null || labelsF1) {
      if (pool !== null && 2 * (tp + fp + pool.next(lowerBound).alarms) > labelled + pool.size) break;
      if (best === null || compareF1(ratio, best.ratio) >= 0)
        best = { threshold: key, lowerBound, tp, fp, fn, ratio, score: ratio.num / ratio.den };
    } else {
      const u = pool.next(lowerBound);
      // An anomaly threshold alarms on a minority of the pool: lower ones are not considered.
      if (2 * (tp + fp + u.alarms) > labelled + pool.size) break;
      const score = expectedF1(tp + u.tp, fp + u.fp, fn + u.fn);
      if (best === null || score >= best.score) best = { threshold: key, lowerBound, tp, fp, fn, ratio, score };
    }
  }
  return best;
}
