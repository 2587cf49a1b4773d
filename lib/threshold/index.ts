export { ThresholdError, isThresholdError, type ThresholdErrorCode } from "./errors";
export type {
  CandidateOutcome,
  LabelledCandidate,
  OnlineEvaluation,
  OnlineOptions,
  OutcomeCounts,
  OutcomeKind,
  ScoreSeries,
} from "./types";
export { compareF1, f1Of, f1Ratio, precisionOf, recallOf, type F1Ratio } from "./metrics";
export { firstAlarmIndex, onsetOf, onsetStep } from "./candidate";
export { classifyOnline, evaluateOnline, outcomeKind, summarise, tallyOnline } from "./online-evaluation";
export { classifyByPoints, decisionPoints, maxScore, type DecisionPoints } from "./decision-points";
export { refineThreshold, type RefineOptions, type RefinedThreshold } from "./refine";
export { DEFAULT_OBJECTIVE, OBJECTIVES, anomalyShareAt, isObjective, isotonicFit, type Objective } from "./objective";
export { GRID_SIZE, GRID_STEP, gridPercent, percentileOfSorted } from "./numpy-percentile";
export { percentileGridThreshold, poolScores, type GridThreshold, type PooledScores } from "./percentile-grid";
export { unsupervisedThreshold } from "./unsupervised";
export { syntheticCandidates, type SyntheticOptions } from "./synthetic";
export {
  DEFAULT_PLACEMENT,
  PLACEMENTS,
  geometricMiddle,
  isPlacement,
  placeThreshold,
  referenceGridPoint,
  type OptimalInterval,
  type Placement,
} from "./placement";
