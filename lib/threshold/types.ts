/**
 * Shapes shared by the threshold functions.
 */

/** An anomaly-score series, one value per time step. */
export type ScoreSeries = Float32Array | Float64Array;

/**
 * A queried candidate with the expert's label.
 *
 * `onset` is the step index where the anomaly starts; it is required when `anomalous` is true.
 * An anomalous label without an onset is read as onset = 0 (the whole candidate counts as
 * anomalous, so no alarm can be premature). A fractional onset is allowed: the steps at or
 * after it are those with index ≥ ceil(onset). An onset past the end leaves no step at or after
 * it, so such a candidate can only be a premature alarm or a false negative.
 * `onset` is ignored for normal candidates.
 */
export type LabelledCandidate = {
  scores: ScoreSeries;
  anomalous: boolean;
  onset?: number;
};

export type OnlineOptions = {
  /** Samples per second (Hz), to express detection delays in seconds; default 1. */
  samplingRate?: number;
};

/**
 * What the online evaluation makes of one candidate. `premature` is an anomalous candidate whose
 * first alarm comes before the onset; it counts as a false positive.
 */
export type OutcomeKind = "tp" | "fp" | "tn" | "fn" | "premature";

export type CandidateOutcome = {
  kind: OutcomeKind;
  /** Index of the first step whose score is ≥ the threshold; null when there is none. */
  firstAlarm: number | null;
};

export type OutcomeCounts = {
  tp: number;
  /** False positives, premature alarms included. */
  fp: number;
  tn: number;
  fn: number;
  /** False positives among candidates labelled anomalous (alarm before the onset). */
  prematureAlarms: number;
};

export type OnlineEvaluation = OutcomeCounts & {
  precision: number;
  recall: number;
  f1: number;
  /** Detection delay in seconds of every true positive, in candidate order. */
  delays: number[];
  /** Mean of `delays`; null when there is no true positive. */
  meanDelay: number | null;
  /** One outcome per candidate, in the order given. */
  outcomes: CandidateOutcome[];
};
