/**
 * A run's metrics against ground truth (admins and analysts only): the test split's sequences as
 * whole candidates, evaluated online (docs/algorithms.md §9) at
 * - the unsupervised threshold (max validation score),
 * - the refined threshold (from the experts' labels), and
 * - the best threshold: the highest F1 any threshold reaches on the test split (the F1-optimal
 *   interval found exactly by `refineThreshold` on the test labels, its upper end — what the
 *   evaluation harness calls "oracle"); it bounds the other two from above;
 * plus F1 as a function of the threshold (a step function that changes only at the candidates'
 * decision points) and, from the stored threshold history, how the refined threshold and its test F1
 * moved as labels came in. Pure: the server reads the scores and rows, this computes.
 */
import { classifyByPoints, decisionPoints, evaluateOnline, refineThreshold, type LabelledCandidate } from "../threshold";
import { summarise } from "../threshold/online-evaluation";

export type ThresholdMetrics = {
  threshold: number;
  f1: number;
  precision: number;
  recall: number;
  /** Mean detection delay of the true positives in seconds; null without a true positive. */
  meanDelay: number | null;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
};

/** Online evaluation of the test candidates at `threshold`; null without a threshold or a candidate. */
export function metricsAt(
  candidates: readonly LabelledCandidate[],
  threshold: number | null,
  samplingRate: number,
): ThresholdMetrics | null {
  if (threshold === null || !Number.isFinite(threshold) || candidates.length === 0) return null;
  const e = evaluateOnline(candidates, threshold, { samplingRate });
  return { threshold, f1: e.f1, precision: e.precision, recall: e.recall, meanDelay: e.meanDelay, tp: e.tp, fp: e.fp, fn: e.fn, tn: e.tn };
}

export type BestThreshold = ThresholdMetrics & {
  /** Every threshold in (lower, threshold] gives this F1; null when unbounded below. */
  lower: number | null;
};

/** The highest test F1 any threshold reaches, at the upper end of the lowest interval that reaches it. */
export function bestThreshold(candidates: readonly LabelledCandidate[], samplingRate: number): BestThreshold | null {
  if (!candidates.some((c) => c.anomalous)) return null;
  const best = refineThreshold(candidates, { samplingRate, objective: "labels" });
  const at = best && metricsAt(candidates, best.threshold, samplingRate);
  if (!best || !at) return null;
  return { ...at, lower: Number.isFinite(best.lowerBound) ? best.lowerBound : null };
}

export type CurvePoint = { threshold: number; f1: number; precision: number; recall: number };

/**
 * F1 (with precision and recall) at every distinct decision point of the test candidates, ascending.
 * F1 is constant on (previous point, point], so each point's value holds from just above the previous
 * point up to it; above the highest point nothing alarms (F1 0). Drawn as a step line.
 */
export function f1Curve(candidates: readonly LabelledCandidate[]): CurvePoint[] {
  const read = candidates.map((candidate) => ({ candidate, points: decisionPoints(candidate) }));
  const keys = new Set<number>();
  for (const { points } of read) {
    if (!Number.isNaN(points.early)) keys.add(points.early);
    if (!Number.isNaN(points.late)) keys.add(points.late);
  }
  return [...keys]
    .filter((k) => Number.isFinite(k))
    .sort((a, b) => a - b)
    .map((threshold) => {
      const outcomes = read.map(({ candidate, points }) => classifyByPoints(candidate, points, threshold));
      const { f1, precision, recall } = summarise(candidates, outcomes, 1);
      return { threshold, f1, precision, recall };
    });
}

/** A stored refined or withdrawn threshold row, oldest first, with the query batch of its newest label. */
export type HistoryRow = {
  version: number;
  kind: "refined" | "withdrawn";
  /** The refined value; for a withdrawn row, ignored (the unsupervised threshold applies again). */
  value: number;
  labelCount: number;
  /** 1-based number of the query batch of the newest label it counts; null when unknown. */
  batch: number | null;
  createdAt: string;
};

export type HistoryStep = {
  step: number;
  version: number;
  batch: number | null;
  labelCount: number;
  refined: boolean;
  /** The labels' threshold after this step: the refined value, or the unsupervised one when withdrawn. */
  threshold: number;
  /** Test F1 etc. at that threshold; null without test candidates. */
  test: ThresholdMetrics | null;
  createdAt: string;
};

/**
 * How the labels' threshold and its test F1 moved: step 0 is the unsupervised threshold before any
 * label, then one step per stored refined/withdrawn row (one per label, undo or resolution).
 */
export function thresholdHistory(
  rows: readonly HistoryRow[],
  unsupervised: number | null,
  candidates: readonly LabelledCandidate[],
  samplingRate: number,
): HistoryStep[] {
  const steps: HistoryStep[] = [];
  if (unsupervised !== null) {
    steps.push({
      step: 0,
      version: 0,
      batch: null,
      labelCount: 0,
      refined: false,
      threshold: unsupervised,
      test: metricsAt(candidates, unsupervised, samplingRate),
      createdAt: "",
    });
  }
  for (const row of rows) {
    const threshold = row.kind === "refined" ? row.value : unsupervised;
    if (threshold === null) continue;
    steps.push({
      step: steps.length,
      version: row.version,
      batch: row.batch,
      labelCount: row.labelCount,
      refined: row.kind === "refined",
      threshold,
      test: metricsAt(candidates, threshold, samplingRate),
      createdAt: row.createdAt,
    });
  }
  return steps;
}

/** The last step of each query batch: where the threshold stood when that batch's labels were in. */
export function perBatch(steps: readonly HistoryStep[]): HistoryStep[] {
  const last = new Map<number, HistoryStep>();
  for (const s of steps) if (s.batch !== null) last.set(s.batch, s);
  return [...last.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s);
}
