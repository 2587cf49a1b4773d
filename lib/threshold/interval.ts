/**
 * What the labelling page says about how certain the refined threshold is: the placement policy in
 * words, the F1-optimal interval (lower, upper] it lies in, and which labelled stretches bound it —
 * "upper end: the post-onset peak of drive-12 0–1200 (labelled anomalous by Erik Expert)". Pure.
 *
 * ThresholdState.bounds names a bounding candidate by its index among the candidates the threshold
 * was computed from; `toLabelledCandidates` returns those candidates in query order with `sources`
 * alongside, so sources[index] is the labelled query and the label that made it.
 */
import { bandLabel } from "../charts/threshold-band";
import type { CandidateSource, IntervalBound, ThresholdState } from "../labelling/labels";
import type { Placement } from "./placement";

export const PLACEMENT_TEXT: Record<Placement, string> = {
  margin:
    "margin: in log space, nearer the edge that more labels pin down — (a + 1)/(a + b + 2) of the way up, a labelled stretches alarming, b not",
  geometric: "geometric: geometric middle of the optimal interval (measured from the lowest labelled score)",
  middle: "middle: arithmetic middle of the optimal interval",
  reference: "reference: the DQS paper's percentile grid, its first value inside the optimal interval",
  upper: "upper: the optimal interval's upper end, a labelled peak (no margin)",
};

/** A labelled stretch as the page names it. */
export type NamedSource = { sequenceName: string; start: number; end: number; anomalous: boolean; labelledBy: string };

/** Sources named: the sequence's name where known, else a short form of its id. */
export function nameSources(sources: readonly CandidateSource[], sequenceNames: ReadonlyMap<string, string>): NamedSource[] {
  return sources.map(({ query, label }) => ({
    sequenceName: sequenceNames.get(query.sequenceId) ?? `sequence ${query.sequenceId.slice(0, 8)}`,
    start: query.start,
    end: query.end,
    anomalous: label.anomalous,
    labelledBy: label.userName,
  }));
}

const PEAK: Record<IntervalBound["side"], string> = {
  "normal peak": "the peak",
  "pre-onset peak": "the pre-onset peak",
  "post-onset peak": "the post-onset peak",
};

/** "the post-onset peak of drive-12 0–1200 (labelled anomalous by Erik Expert)". */
export function describeBound(bound: IntervalBound, source: NamedSource | undefined): string {
  if (!source) return `${PEAK[bound.side]} of labelled stretch #${bound.index + 1}`;
  const verdict = source.anomalous ? "anomalous" : "normal";
  return `${PEAK[bound.side]} of ${source.sequenceName} ${source.start}–${source.end} (labelled ${verdict} by ${source.labelledBy})`;
}

export type IntervalDescription = {
  /** "margin: geometric middle of the optimal interval …". */
  placement: string;
  /** "optimal interval (l, u]". */
  interval: string;
  upper: string;
  lower: string;
};

/** The sentences of the threshold panel; null for a threshold without an interval (unsupervised, or stored before intervals were). */
export function describeInterval(t: ThresholdState, sources: readonly NamedSource[]): IntervalDescription | null {
  if (t.source !== "refined" || !t.interval || !t.placement) return null;
  const { lower, upper } = t.bounds ?? { lower: null, upper: null };
  return {
    placement: PLACEMENT_TEXT[t.placement],
    interval: bandLabel(t.interval),
    upper: `upper end: ${upper ? describeBound(upper, sources[upper.index]) : "—"}`,
    lower:
      t.interval.lower === null
        ? "lower end: none — unbounded below (every lower threshold alarms on the same labelled stretches)"
        : `lower end: ${lower ? describeBound(lower, sources[lower.index]) : "—"}`,
  };
}
