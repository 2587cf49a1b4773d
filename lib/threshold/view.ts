/**
 * A run's stored thresholds: what the server writes after a label change, how pages read them back,
 * and which one is in effect. Pure: lib/server/thresholds.ts stores what `thresholdRecord` gives, the
 * labelling page turns a stored row back into the state its panel shows, and the tests run it in Node.
 *
 * Kinds (the Threshold table is append-only):
 * - "unsupervised": the run's own, stored when it completes (max validation score);
 * - "refined": recomputed by the server from every label of the run after each label, undo and
 *   resolution, in the same transaction (thresholdFromLabels with the default placement);
 * - "withdrawn": the same recomputation found that the labels no longer refine it (no anomalous
 *   label, F1 0, or no label left): the unsupervised value applies again and `reason` says why;
 * - "manual": an admin's value with a required reason;
 * - "cleared": an admin ended the manual threshold (value: the one cleared), with a reason.
 *
 * The latest refined/withdrawn row (by the run's version) is the labels' threshold; the latest
 * manual/cleared row says whether a manual threshold is set. A manual threshold is in effect until an
 * admin clears it: labels still recompute and store the refined threshold meanwhile, so clearing it
 * brings back what the labels say by then.
 */
import { effectiveLabel, type CandidateSource, type IntervalBound, type LabelledQuery, type ThresholdState } from "../labelling/labels";
import { isPlacement, type Placement } from "./placement";

export const THRESHOLD_KINDS = ["unsupervised", "refined", "withdrawn", "manual", "cleared"] as const;
export type ThresholdKind = (typeof THRESHOLD_KINDS)[number];

export function isThresholdKind(value: string): value is ThresholdKind {
  return (THRESHOLD_KINDS as readonly string[]).includes(value);
}

/** The label that counted for one labelled candidate, and the stretch it labels. */
export type CountingLabel = { labelId: string; queryId: string; sequenceId: string; start: number; end: number };

/** One end of a refined threshold's interval: the peak of which labelled stretch. */
export type BoundView = CountingLabel & { side: IntervalBound["side"] };

/** A stored threshold as the API and the pages show it. */
export type ThresholdView = {
  id: string;
  runId: string;
  kind: ThresholdKind;
  value: number;
  f1: number | null;
  precision: number | null;
  recall: number | null;
  labelCount: number;
  anomalousCount: number | null;
  placement: Placement | null;
  /** The F1-optimal interval (lower, upper] of a refined threshold; lower null when unbounded. */
  interval: { lower: number | null; upper: number } | null;
  bounds: { lower: BoundView | null; upper: BoundView | null } | null;
  normalAlarmShare: number | null;
  warning: string | null;
  /** Withdrawn: why the labels no longer refine it; manual and cleared: the admin's reason. */
  reason: string | null;
  /** The labels that counted (refined and withdrawn rows). */
  labelIds: string[] | null;
  /** The run's threshold version it was stored at: orders the rows of one run. */
  version: number;
  createdAt: string;
  createdBy: string | null;
};

/** What the labels' recomputation stores, besides the run, the version and the author. */
export type ThresholdRecord = {
  kind: "refined" | "withdrawn";
  value: number;
  f1: number | null;
  precision: number | null;
  recall: number | null;
  labelCount: number;
  anomalousCount: number;
  placement: Placement | null;
  lower: number | null;
  upper: number | null;
  normalAlarmShare: number | null;
  warning: string | null;
  reason: string | null;
  detail: { labelIds: string[]; bounds: { lower: BoundView | null; upper: BoundView | null } | null };
};

/** The fields a threshold's quality is told by, shared by the labels' state, the stored row and the API's view. */
type Metrics = Pick<
  ThresholdView,
  "f1" | "precision" | "recall" | "labelCount" | "anomalousCount" | "placement" | "interval" | "normalAlarmShare" | "warning"
>;

/**
 * Those fields as a threshold row lays them out (stored, and in the thresholds export): the interval
 * as its two ends, `lower` and `upper`, null when there is none.
 */
export function flatMetrics<T extends Metrics>({
  f1,
  precision,
  recall,
  labelCount,
  anomalousCount,
  placement,
  interval,
  normalAlarmShare,
  warning,
}: T) {
  // In the thresholds export's column order (lib/export/rows.ts).
  return {
    labelCount,
    anomalousCount: anomalousCount as T["anomalousCount"],
    f1,
    precision,
    recall,
    placement,
    lower: interval?.lower ?? null,
    upper: interval?.upper ?? null,
    normalAlarmShare,
    warning,
  };
}

/**
 * The label that counts for each labelled query, in the order toLabelledCandidates makes its
 * candidates (queries without a label are left out, as there).
 */
export function countingLabels(queries: readonly LabelledQuery[]): CountingLabel[] {
  const out: CountingLabel[] = [];
  for (const q of queries) {
    const label = effectiveLabel(q);
    if (label) out.push({ labelId: label.id, queryId: q.queryId, sequenceId: q.sequenceId, start: q.start, end: q.end });
  }
  return out;
}

function boundOf(bound: IntervalBound | null, counting: readonly CountingLabel[]): BoundView | null {
  const label = bound ? counting[bound.index] : undefined;
  return bound && label ? { ...label, side: bound.side } : null;
}

/**
 * The row to store for the threshold the labels lead to: "refined", or "withdrawn" (at the
 * unsupervised value) when they no longer refine it; null when there is no value at all (a run
 * without an unsupervised threshold and labels that do not refine one). `counting` are the labels
 * the candidates came from, in the candidates' order.
 */
export function thresholdRecord(state: ThresholdState, counting: readonly CountingLabel[]): ThresholdRecord | null {
  if (state.value === null) return null;
  const refined = state.source === "refined";
  return {
    kind: refined ? "refined" : "withdrawn",
    value: state.value,
    ...flatMetrics(state),
    reason: refined ? null : state.reason,
    detail: {
      labelIds: counting.map((c) => c.labelId),
      bounds: state.bounds ? { lower: boundOf(state.bounds.lower, counting), upper: boundOf(state.bounds.upper, counting) } : null,
    },
  };
}

/**
 * A stored refined or withdrawn threshold as the labelling page's panel shows it (bounds by index
 * are not kept); null for any other kind.
 */
export function stateOfView(view: ThresholdView, unsupervised: number | null): ThresholdState | null {
  if (view.kind !== "refined" && view.kind !== "withdrawn") return null;
  const refined = view.kind === "refined";
  return {
    source: refined ? "refined" : "unsupervised",
    value: refined ? view.value : (unsupervised ?? view.value),
    f1: refined ? view.f1 : null,
    precision: refined ? view.precision : null,
    recall: refined ? view.recall : null,
    labelCount: view.labelCount,
    anomalousCount: view.anomalousCount ?? 0,
    reason: refined ? null : view.reason,
    placement: refined && view.placement && isPlacement(view.placement) ? view.placement : null,
    interval: refined ? view.interval : null,
    bounds: null,
    normalAlarmShare: refined ? view.normalAlarmShare : null,
    warning: refined ? view.warning : null,
  };
}

/** The newer of two stored thresholds of a run (by version), either may be missing. */
export function newerThreshold(a: ThresholdView | null | undefined, b: ThresholdView | null | undefined): ThresholdView | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return b.version > a.version ? b : a;
}

/**
 * What the labelling page shows: its own value, computed in the browser from the labels it knows,
 * while some of its labels or undos are still on their way; the server's stored one once the server
 * has answered for all of them.
 */
export function shownThreshold(
  local: ThresholdState,
  stored: ThresholdView | null,
  unsupervised: number | null,
  pending: boolean,
): { state: ThresholdState; origin: "browser" | "server" } {
  const server = !pending && stored ? stateOfView(stored, unsupervised) : null;
  return server ? { state: server, origin: "server" } : { state: local, origin: "browser" };
}

/** A run's current thresholds: its own, the labels' latest (refined or withdrawn), and an admin's manual one while set. */
export type CurrentThresholds = { unsupervised: ThresholdView | null; fromLabels: ThresholdView | null; manual: ThresholdView | null };

/** The threshold in effect: the manual one while set, else the refined one, else the unsupervised one. */
export function thresholdInEffect(
  current: CurrentThresholds,
  runThreshold: number | null,
): { kind: "manual" | "refined" | "unsupervised"; value: number | null } {
  if (current.manual) return { kind: "manual", value: current.manual.value };
  if (current.fromLabels?.kind === "refined") return { kind: "refined", value: current.fromLabels.value };
  return { kind: "unsupervised", value: current.unsupervised?.value ?? runThreshold };
}

/**
 * A stored threshold's bounds as indices into this page's candidates (`sources`, from
 * toLabelledCandidates): the stored row names the queries whose peaks bound its interval; null when
 * it names none or a query is not among the page's.
 */
export function boundsOnPage(view: ThresholdView | null, sources: readonly CandidateSource[]): ThresholdState["bounds"] {
  if (!view?.bounds) return null;
  const at = (b: BoundView | null): IntervalBound | null => {
    if (!b) return null;
    const index = sources.findIndex((s) => s.query.queryId === b.queryId);
    return index < 0 ? null : { index, side: b.side };
  };
  const lower = at(view.bounds.lower);
  const upper = at(view.bounds.upper);
  return lower || upper ? { lower, upper } : null;
}
