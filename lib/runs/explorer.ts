/**
 * The analyst's score explorer, as pure functions: what a sequence is predicted at a threshold, the
 * state of its labels, the explorer's filters and sorts, a small score plot's points and path, and a
 * label as what was said. The run page computes the rows on the server; the explorer filters and sorts
 * them in the browser.
 */
import { describeLabel } from "../labelling/session";

/** What the experts said of a sequence in this run's queries: the label that counts per query, anomalous winning. */
export type LabelState = "anomalous" | "normal" | "queried" | "not-queried";

export const LABEL_STATE_TEXT: Record<LabelState, string> = {
  anomalous: "labelled anomalous",
  normal: "labelled normal",
  queried: "queried, unlabelled",
  "not-queried": "not queried",
};

export type ExplorerRow = {
  sequenceId: string;
  name: string;
  split: string;
  length: number;
  max: number;
  labelState: LabelState;
  /** The score max-pooled to a few points, for the row's small plot. */
  spark: number[];
};

export type Predicted = "anomalous" | "normal";

/** A sequence alarms when any step's score is ≥ the threshold (as the online evaluation counts); NaN never alarms. */
export function predictedStatus(max: number, threshold: number | null): Predicted | null {
  if (threshold === null) return null;
  return max >= threshold ? "anomalous" : "normal";
}

export type ExplorerFilter = { predicted: Predicted | "all"; split: string; label: LabelState | "all" };
export const NO_FILTER: ExplorerFilter = { predicted: "all", split: "all", label: "all" };

export function filterRows<R extends Pick<ExplorerRow, "max" | "split" | "labelState">>(
  rows: readonly R[],
  filter: ExplorerFilter,
  threshold: number | null,
): R[] {
  return rows.filter(
    (r) =>
      (filter.split === "all" || r.split === filter.split) &&
      (filter.label === "all" || r.labelState === filter.label) &&
      (filter.predicted === "all" || predictedStatus(r.max, threshold) === filter.predicted),
  );
}

export type SortKey = "max" | "name" | "split";
const SPLIT_ORDER: Record<string, number> = { train: 0, validation: 1, test: 2 };
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "en", { numeric: true });
/** Highest first; NaN last. */
const byMax = (a: { max: number }, b: { max: number }) =>
  Number.isNaN(a.max) ? (Number.isNaN(b.max) ? 0 : 1) : Number.isNaN(b.max) ? -1 : b.max - a.max;

/**
 * max: highest score first; name: natural order (s2 before s10); split: train, validation, test, each
 * highest score first. `reverse` turns the order round.
 */
export function sortRows<R extends Pick<ExplorerRow, "max" | "name" | "split">>(rows: readonly R[], key: SortKey, reverse = false): R[] {
  const compare =
    key === "max"
      ? (a: R, b: R) => byMax(a, b) || byName(a, b)
      : key === "name"
        ? byName
        : (a: R, b: R) => (SPLIT_ORDER[a.split] ?? 3) - (SPLIT_ORDER[b.split] ?? 3) || byMax(a, b) || byName(a, b);
  const sorted = [...rows].sort(compare);
  return reverse ? sorted.reverse() : sorted;
}

/** Per sequence, from the run's queries and the label that counts for each (null: none yet). */
export function labelStates(queries: readonly { sequenceId: string; label: { anomalous: boolean } | null }[]): Map<string, LabelState> {
  const rank: Record<LabelState, number> = { "not-queried": 0, queried: 1, normal: 2, anomalous: 3 };
  const states = new Map<string, LabelState>();
  for (const q of queries) {
    const state: LabelState = q.label === null ? "queried" : q.label.anomalous ? "anomalous" : "normal";
    const before = states.get(q.sequenceId) ?? "not-queried";
    if (rank[state] > rank[before]) states.set(q.sequenceId, state);
  }
  return states;
}

/** The score max-pooled into at most `points` buckets (peaks survive, which is what a threshold meets); NaN steps skipped. */
export function sparkPoints(score: ArrayLike<number>, points = 80): number[] {
  const n = score.length;
  const buckets = Math.min(points, n);
  const out: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    let max = Number.NaN;
    for (let i = from; i < to; i++) {
      const v = score[i] ?? Number.NaN;
      if (!Number.isNaN(v) && !(v <= max)) max = v;
    }
    out.push(Number.isNaN(max) ? max : Math.fround(max));
  }
  return out;
}

export type SparkGeometry = { path: string; y: (value: number) => number };

/**
 * An SVG path of the points in a width × height box, the vertical range holding every point and every
 * given threshold, so that both threshold lines are always drawn; `y` places a threshold line.
 */
export function sparkGeometry(
  points: readonly number[],
  thresholds: readonly (number | null)[],
  width: number,
  height: number,
): SparkGeometry {
  const values = [...points, ...thresholds].filter((v): v is number => v !== null && Number.isFinite(v));
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (hi === lo) [lo, hi] = [lo - 1, hi + 1];
  const pad = 2;
  const y = (v: number) => +(pad + ((hi - v) / (hi - lo)) * (height - 2 * pad)).toFixed(1);
  const step = points.length > 1 ? width / (points.length - 1) : 0;
  let path = "";
  let pen = "M";
  points.forEach((v, i) => {
    if (!Number.isFinite(v)) {
      pen = "M";
      return;
    }
    path += `${pen}${+(i * step).toFixed(1)} ${y(v)}`;
    pen = "L";
  });
  return { path, y };
}

/** What an expert said, with their name: "anomalous from 0:01:40 (step 1,000) — Erik Expert", "normal — Eva Expert". */
export function describeLabelBy(
  label: { anomalous: boolean; onset: number | null; regionEnd?: number | null; userName: string },
  samplingRate?: number | null,
): string {
  return `${describeLabel(label, samplingRate)} — ${label.userName}`;
}
