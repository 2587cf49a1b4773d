/**
 * What the refined threshold maximises — an objective of its own, like the placement.
 *
 * - "pool" (the product's default): the expected F1 over the whole query pool, its unlabelled
 *   candidates included (their peaks: lib/query/pool-peaks.ts).
 * - "labels": F1 on the labelled candidates alone (refine.ts), the product's earlier rule.
 * - "minority": F1 on the labelled candidates, among the thresholds "pool" compares (step 4 below
 *   alone), for comparison.
 *
 * Why "pool": the labelled set's share of anomalies is set by the query strategy, not by the data —
 * DQS and "top" buy the highest-scoring candidates, so anomalies are over-represented among the
 * labels and F1 on the labels over-values catching one more anomaly against raising false alarms.
 * With one weak labelled anomaly, a threshold low enough to catch it scores F1 = 2/(2 + k) > 0 on
 * the labels for any number k of labelled false alarms, and on unseen data it alarms on everything
 * the strategy left unlabelled between that anomaly and the old threshold. The query pool is a
 * sample of the data the threshold will meet (the test split is cut the same way), so its
 * unlabelled candidates are the evidence of how many such alarms a lower threshold raises.
 *
 * Exactly:
 * 1. Each labelled candidate has a peak (its max score, NaN steps ignored) and a label y (1 =
 *    anomalous). P(anomalous | peak) is estimated by isotonic regression (pool-adjacent-violators,
 *    equal peaks merged first) of y on the peak: non-decreasing in the score, the detector's own
 *    premise, and free of any tuning constant. An unlabelled candidate with peak m gets p(m), the
 *    fitted value of the highest labelled peak ≤ m; below the lowest labelled peak, 0 (the strategy
 *    saw nothing there worth an anomaly; extrapolating a positive share to the unqueried bulk of
 *    the pool would count it as missed anomalies at every threshold). NaN peaks are ignored.
 * 2. A threshold t is judged by the expected counts over the pool: the labelled candidates count
 *    exactly as in "labels" (tp, fp — premature alarms included — and fn, from their decision
 *    points); an unlabelled candidate with peak m ≥ t adds p(m) to TP and 1 − p(m) to FP, one with
 *    m < t adds p(m) to FN. Its onset is unknown, so an alarm on an unlabelled anomaly counts as
 *    caught. The objective is 2·TP / (2·TP + FP + FN) (0 when the denominator is 0).
 * 3. The thresholds compared are the labelled-outcome intervals (lower, upper] of refine.ts (the
 *    placement then works inside the chosen one exactly as before). Inside an interval the
 *    unlabelled candidates still split it; each interval is judged at its lower edge — every
 *    unlabelled candidate with a peak above the lower edge alarms — because the placement may put
 *    the threshold anywhere in it, and near the lower edge is where "margin" usually puts it. The
 *    unbounded lowest interval counts every unlabelled candidate as alarming. Ties keep the lowest
 *    interval, as "labels" does.
 * 4. Only intervals that alarm (at the lower edge, labelled and unlabelled together) on at most half
 *    of the pool's candidates with a peak are compared; the sweep stops at the first that alarms on
 *    more. Anomalies are the minority of the data by definition, so a threshold that alarms on most
 *    of it is no anomaly threshold, whatever F1 says: with a single weak labelled anomaly the
 *    isotonic fit pools it with the normals above it (one anomaly among k + 1 candidates), and the
 *    expected F1 of alarming on nearly everything, (2 + 2u/(k + 1)) / (…), can still beat every
 *    higher threshold that catches nothing — the constraint is what keeps the threshold up then.
 *    When no interval qualifies, or the best one has F1 0 on the labels, the unsupervised threshold
 *    stays (lib/labelling/labels.ts).
 * With no unlabelled candidate, "pool" is "labels" restricted to thresholds that alarm on at most
 * half of the labelled candidates.
 */

export const OBJECTIVES = ["labels", "pool", "minority"] as const;
export type Objective = (typeof OBJECTIVES)[number];
export const DEFAULT_OBJECTIVE: Objective = "pool";

export function isObjective(value: string): value is Objective {
  return (OBJECTIVES as readonly string[]).includes(value);
}

/** A labelled candidate's peak and label, for the isotonic fit. */
export type LabelledPeak = { peak: number; anomalous: boolean };

/**
 * The isotonic (non-decreasing) fit of the labels on the peaks, as a step function: `at[i]` is the
 * fitted P(anomalous) from peak `from[i]` up to the next one (ascending, distinct peaks).
 */
export type IsotonicFit = { from: number[]; at: number[] };

export function isotonicFit(labelled: readonly LabelledPeak[]): IsotonicFit {
  const sorted = labelled.filter((l) => !Number.isNaN(l.peak)).sort((a, b) => a.peak - b.peak);
  // Equal peaks merged into one point of weight n; then pool adjacent violators.
  const blocks: { from: number; sum: number; n: number }[] = [];
  const points: { from: number; sum: number; n: number }[] = [];
  for (const l of sorted) {
    const last = points[points.length - 1];
    if (last && last.from === l.peak) {
      last.sum += l.anomalous ? 1 : 0;
      last.n += 1;
    } else points.push({ from: l.peak, sum: l.anomalous ? 1 : 0, n: 1 });
  }
  const starts: number[][] = [];
  for (const p of points) {
    blocks.push({ ...p });
    starts.push([p.from]);
    while (blocks.length >= 2) {
      const b = blocks[blocks.length - 1]!;
      const a = blocks[blocks.length - 2]!;
      if (a.sum / a.n < b.sum / b.n) break;
      a.sum += b.sum;
      a.n += b.n;
      blocks.pop();
      const merged = starts.pop()!;
      starts[starts.length - 1]!.push(...merged);
    }
  }
  const from: number[] = [];
  const at: number[] = [];
  blocks.forEach((b, i) => {
    for (const f of starts[i]!) {
      from.push(f);
      at.push(b.sum / b.n);
    }
  });
  return { from, at };
}

/** p(m): the fitted value of the highest labelled peak ≤ m; 0 below every labelled peak or for NaN. */
export function anomalyShareAt(fit: IsotonicFit, m: number): number {
  if (Number.isNaN(m)) return 0;
  let lo = 0;
  let hi = fit.from.length; // first index with from > m
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fit.from[mid]! <= m) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : fit.at[lo - 1]!;
}

/**
 * The unlabelled candidates' expected contribution as a function of the lower edge of an interval:
 * `alarming(lower)` = expected (tp, fp) of those with peak > lower, and `missed` = expected fn of the
 * rest. Queried with lower edges in descending order (the sweep's order), in O(1) amortised each.
 */
export type PoolTerm = {
  /** Unlabelled candidates (with a peak). */
  size: number;
  next(lower: number): { tp: number; fp: number; fn: number; alarms: number };
};

export function poolTerm(labelled: readonly LabelledPeak[], unlabelledPeaks: readonly number[]): PoolTerm {
  const fit = isotonicFit(labelled);
  const pool = unlabelledPeaks
    .filter((m) => !Number.isNaN(m))
    .sort((a, b) => b - a)
    .map((m) => ({ m, p: anomalyShareAt(fit, m) }));
  const totalP = pool.reduce((s, u) => s + u.p, 0);
  let i = 0;
  let tp = 0;
  let fp = 0;
  return {
    size: pool.length,
    next(lower: number) {
      for (let u = pool[i]; u !== undefined && u.m > lower; u = pool[++i]) {
        tp += u.p;
        fp += 1 - u.p;
      }
      return { tp, fp, fn: totalP - tp, alarms: i };
    },
  };
}

/** 2·tp / (2·tp + fp + fn), 0 when the denominator is 0. */
export function expectedF1(tp: number, fp: number, fn: number): number {
  const den = 2 * tp + fp + fn;
  return den === 0 ? 0 : (2 * tp) / den;
}
