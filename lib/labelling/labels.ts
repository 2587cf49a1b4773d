/**
 * Labels → the refined threshold (docs/algorithms.md §10.2–§10.4). Pure: the server runs it after every label,
 * undo and resolution and stores the result (lib/server/thresholds.ts); the labelling page runs it
 * too, for the value it shows until the server has answered; the tests run it in Node.
 *
 * A query may carry labels from several experts; the one that counts is the label an admin resolved
 * it to (Query.resolvedLabelId), else the latest. Undo deletes a label (DELETE /api/labels/[clientId]);
 * a label given again to the same query supersedes the earlier one, being the latest. Skipping stores
 * nothing, so a skipped query has no label and is left out.
 */
import type { PoolPeak } from "../query/pool-peaks";
import type { ThresholdView } from "../threshold/view";
import {
  DEFAULT_OBJECTIVE,
  DEFAULT_PLACEMENT,
  decisionPoints,
  placeThreshold,
  poolScores,
  refineThreshold,
  type LabelledCandidate,
  type Objective,
  type Placement,
} from "../threshold";

export type LabelView = {
  id: string;
  clientId: string;
  userId: string;
  userName: string;
  anomalous: boolean;
  /** Step index within the sequence; null for normal. */
  onset: number | null;
  /** One past the last step of the marked anomalous region (exclusive); null or absent: not marked, or normal. */
  regionEnd?: number | null;
  note: string;
  /** ISO time. */
  createdAt: string;
};

/** A labelled query of a run: its stretch [start, end) of a sequence, and every label it has. */
export type LabelledQuery = {
  queryId: string;
  sequenceId: string;
  start: number;
  end: number;
  resolvedLabelId: string | null;
  labels: LabelView[];
};

/** Labels made in this browser (sent or not) and clientIds undone here, applied over what the server sent. */
export type LocalChanges = {
  added: readonly (LabelView & { queryId: string; sequenceId: string; start: number; end: number })[];
  removed: ReadonlySet<string>;
};

/** The server's labels with this browser's own added and its undone ones removed; unlabelled queries dropped. */
export function withLocalChanges(queries: readonly LabelledQuery[], local: LocalChanges): LabelledQuery[] {
  const byId = new Map(queries.map((q) => [q.queryId, { ...q, labels: [...q.labels] }]));
  for (const { queryId, sequenceId, start, end, ...label } of local.added) {
    let q = byId.get(queryId);
    if (!q) byId.set(queryId, (q = { queryId, sequenceId, start, end, resolvedLabelId: null, labels: [] }));
    if (!q.labels.some((l) => l.clientId === label.clientId)) q.labels.push(label);
  }
  return [...byId.values()]
    .map((q) => ({ ...q, labels: q.labels.filter((l) => !local.removed.has(l.clientId)) }))
    .filter((q) => q.labels.length > 0);
}

/** The label that counts for a query: the resolved one when it still exists, else the latest. */
export function effectiveLabel(query: Pick<LabelledQuery, "labels" | "resolvedLabelId">): LabelView | null {
  const resolved = query.resolvedLabelId ? query.labels.find((l) => l.id === query.resolvedLabelId) : undefined;
  if (resolved) return resolved;
  let latest: LabelView | null = null;
  for (const l of query.labels) if (!latest || l.createdAt >= latest.createdAt) latest = l;
  return latest;
}

/** Another expert's latest label that says otherwise than `mine`, if any. */
export function disagreement(query: Pick<LabelledQuery, "labels">, userId: string, mine: boolean | null): LabelView | null {
  const others = new Map<string, LabelView>();
  for (const l of query.labels) {
    if (l.userId === userId) continue;
    const seen = others.get(l.userId);
    if (!seen || l.createdAt >= seen.createdAt) others.set(l.userId, l);
  }
  return [...others.values()].find((l) => mine === null || l.anomalous !== mine) ?? null;
}

export type Disagreement = {
  query: LabelledQuery;
  /** Each expert's latest label, oldest first. */
  labels: LabelView[];
  /** The label that counts now (resolved, else the latest). */
  counts: LabelView;
  resolved: boolean;
};

/** Queries whose experts' latest labels differ in verdict or onset: what an admin may resolve. */
export function disagreements(queries: readonly LabelledQuery[]): Disagreement[] {
  const out: Disagreement[] = [];
  for (const query of queries) {
    const latest = new Map<string, LabelView>();
    for (const l of query.labels) {
      const seen = latest.get(l.userId);
      if (!seen || l.createdAt >= seen.createdAt) latest.set(l.userId, l);
    }
    const labels = [...latest.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const verdicts = new Set(labels.map((l) => (l.anomalous ? `a${l.onset}` : "n")));
    const counts = effectiveLabel(query);
    if (verdicts.size < 2 || !counts) continue;
    out.push({ query, labels, counts, resolved: counts.id === query.resolvedLabelId });
  }
  return out;
}

/** Where a labelled candidate came from: its query and the label that counts for it. */
export type CandidateSource = { query: LabelledQuery; label: LabelView };

/**
 * Latest (or resolved) label per query → the candidates of the online evaluation: the run's score
 * over [start, end), onset relative to the candidate start, in query order; `sources[i]` is the query
 * and label candidate i came from. Queries whose scores are not loaded are returned in `missing`.
 */
export function toLabelledCandidates(
  queries: readonly LabelledQuery[],
  scores: ReadonlyMap<string, Float32Array>,
): { candidates: LabelledCandidate[]; sources: CandidateSource[]; missing: string[] } {
  const candidates: LabelledCandidate[] = [];
  const sources: CandidateSource[] = [];
  const missing: string[] = [];
  for (const q of queries) {
    const label = effectiveLabel(q);
    if (!label) continue;
    const score = scores.get(q.sequenceId);
    if (!score) {
      missing.push(q.sequenceId);
      continue;
    }
    const slice = score.subarray(q.start, Math.min(q.end, score.length));
    candidates.push(
      label.anomalous
        ? { scores: slice, anomalous: true, onset: Math.max(0, (label.onset ?? q.start) - q.start) }
        : { scores: slice, anomalous: false },
    );
    sources.push({ query: q, label });
  }
  return { candidates, sources, missing };
}

/** A labelled candidate that bounds the optimal interval: its index among the candidates, and which of its maxima. */
export type IntervalBound = { index: number; side: "normal peak" | "pre-onset peak" | "post-onset peak" };

export type ThresholdState = {
  source: "refined" | "unsupervised";
  value: number | null;
  f1: number | null;
  precision: number | null;
  recall: number | null;
  labelCount: number;
  anomalousCount: number;
  /** Why the unsupervised threshold is kept, when it is. */
  reason: string | null;
  /** Where the refined value was placed inside its interval (null when unsupervised). */
  placement: Placement | null;
  /** The F1-optimal interval (lower, upper] the refined value lies in; lower is null when unbounded. */
  interval: { lower: number | null; upper: number } | null;
  /** The labelled candidates whose peaks are the interval's ends (by index in the candidates given). */
  bounds: { lower: IntervalBound | null; upper: IntervalBound | null } | null;
  /** Share of the labelled normal candidates that alarm at the value (null without one). */
  normalAlarmShare: number | null;
  /** Set when the value alarms on more than MAX_NORMAL_ALARM_SHARE of the labelled normals. */
  warning: string | null;
};

/** A refined threshold that alarms on more than this share of the labelled normals is flagged. */
export const MAX_NORMAL_ALARM_SHARE = 0.2;

function boundAt(candidates: readonly LabelledCandidate[], key: number | null): IntervalBound | null {
  if (key === null) return null;
  for (const [index, c] of candidates.entries()) {
    const p = decisionPoints(c);
    if (p.early === key) return { index, side: c.anomalous ? "pre-onset peak" : "normal peak" };
    if (p.late === key) return { index, side: "post-onset peak" };
  }
  return null;
}

function normalAlarms(candidates: readonly LabelledCandidate[], value: number): { share: number | null; warning: string | null } {
  const normals = candidates.filter((c) => !c.anomalous);
  if (normals.length === 0) return { share: null, warning: null };
  const alarming = normals.filter((c) => decisionPoints(c).early >= value).length;
  const share = alarming / normals.length;
  const warning =
    share > MAX_NORMAL_ALARM_SHARE
      ? `This threshold alarms on ${alarming} of ${normals.length} stretches labelled normal (more than ${Math.round(MAX_NORMAL_ALARM_SHARE * 100)} %): the labels disagree with the scores, so check them or the detector.`
      : null;
  return { share, warning };
}

/**
 * What the refined threshold maximises (lib/threshold/objective.ts) and, for "pool", the peak (max
 * score) of every candidate of the run's query pool that has no label; without them "pool" is "labels".
 */
export type ObjectiveOptions = { objective?: Objective; unlabelledPeaks?: readonly number[] };

/** The refined threshold of the labelled candidates, placed by `placement`, or the unsupervised one with the reason. */
export function thresholdFromLabels(
  candidates: readonly LabelledCandidate[],
  unsupervised: number | null,
  samplingRate: number,
  placement: Placement = DEFAULT_PLACEMENT,
  objective: ObjectiveOptions = {},
): ThresholdState {
  const labelCount = candidates.length;
  const anomalousCount = candidates.filter((c) => c.anomalous).length;
  const keep = (reason: string): ThresholdState => ({
    source: "unsupervised",
    value: unsupervised,
    f1: null,
    precision: null,
    recall: null,
    labelCount,
    anomalousCount,
    reason,
    placement: null,
    interval: null,
    bounds: null,
    normalAlarmShare: null,
    warning: null,
  });
  if (labelCount === 0) return keep("No labels yet: the unsupervised threshold (max validation score) applies.");
  if (anomalousCount === 0) return keep("No anomalous label yet: F1 is 0 for every threshold, so the unsupervised threshold stays.");
  const refined = refineThreshold(candidates, {
    samplingRate,
    objective: objective.objective ?? DEFAULT_OBJECTIVE,
    unlabelledPeaks: objective.unlabelledPeaks,
  });
  if (!refined || refined.f1 === 0) {
    const which = objective.objective ?? DEFAULT_OBJECTIVE;
    return keep(
      which === "pool" || which === "minority"
        ? "No threshold that alarms on at most half of the query pool detects a labelled anomaly at or after its onset, so the unsupervised threshold stays."
        : "No threshold detects an anomaly at or after its onset (F1 = 0), so the unsupervised threshold stays.",
    );
  }
  const { tp, fp, tn, fn } = refined.evaluation;
  const interval = { lower: refined.lowerBound, upper: refined.threshold, above: tp + fp, below: tn + fn };
  const value = placeThreshold(interval, placement, poolScores(candidates));
  const lower = Number.isFinite(interval.lower) ? interval.lower : null;
  const alarms = normalAlarms(candidates, value);
  return {
    source: "refined",
    value,
    f1: refined.f1,
    precision: refined.precision,
    recall: refined.recall,
    labelCount,
    anomalousCount,
    reason: null,
    placement,
    interval: { lower, upper: interval.upper },
    bounds: { lower: boundAt(candidates, lower), upper: boundAt(candidates, interval.upper) },
    normalAlarmShare: alarms.share,
    warning: alarms.warning,
  };
}

/**
 * The onset offered for an anomalous label: the first step of [start, end) whose score is at or
 * above the threshold, else the step of the highest score.
 */
export function defaultOnset(score: ArrayLike<number>, start: number, end: number, threshold: number | null): number {
  const last = Math.min(end, score.length);
  let best = start;
  for (let i = start; i < last; i++) {
    const v = score[i] ?? Number.NaN;
    if (threshold !== null && v >= threshold) return i;
    if (v > (score[best] ?? -Infinity)) best = i;
  }
  return best;
}

/** The same text on every page that shows a threshold. */
export function formatThreshold(value: number | null): string {
  return value === null ? "—" : value.toFixed(3);
}

/** What the labelling page gets of each run in an expert's queue. */
export type LabellingRun = {
  /** The run's detector (a TimeVQVAE-AD run's stretches get a counterfactual). */
  detector: string;
  samplingRate: number;
  channelNames: string[];
  unsupervised: number | null;
  /** The labels' latest stored threshold (refined or withdrawn), shown once the page's labels are all saved. */
  stored: ThresholdView | null;
  /** An admin's manual threshold, while one is set: it is the one in effect. */
  manual: ThresholdView | null;
  /** The candidates of the run's query pool with their peaks, for the "pool" objective (empty before any batch). */
  pool: PoolPeak[];
};
