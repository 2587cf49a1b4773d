/**
 * One simulated labelling run, given the anomaly scores of every stage's model: what the app does
 * when an analyst asks for a batch and an expert labels it, repeated stage after stage.
 *
 * At each stage (the detector retrained on the data so far, so every score is new):
 * 1. the unsupervised threshold is the max validation score of this stage's model;
 * 2. the current threshold is the app's: `thresholdFromLabels` over the labels bought so far, read
 *    on this stage's scores (refined when some label is anomalous and F1 > 0, else unsupervised);
 * 3. the strategy picks `budget` whole sequences among the stage's train + validation sequences that
 *    were never queried (the earlier queries are passed as `queried`, as the app does with a
 *    dataset's queried keys), with the current threshold and a seed per (seed, fold, stage);
 * 4. the simulated expert answers each pick; the threshold is recomputed after every label (the
 *    labelling page shows it, and a wrongly "anomalous" answer takes the onset it points at);
 * 5. the test sequences are evaluated online at the resulting threshold.
 * Labels carry over to later stages. Ground truth never reaches the strategies: they see keys and
 * scores only.
 */
import { thresholdFromLabels } from "../labels";
import type { Candidate, DistanceCache, StrategyName } from "../query";
import { getStrategy } from "../query";
import { evaluateOnline, unsupervisedThreshold, type LabelledCandidate } from "../threshold";
import { createExpert, type ExpertAnswer, type Truth } from "./expert";
import { mixSeed } from "./seeds";

export type StageInput = {
  /** Fraction of the fold's train and validation sequences available (1 = all). */
  fraction: number;
  /** Whole-sequence candidates: the stage's train + validation sequences, scored by its model. */
  pool: Candidate[];
  /** Ground truth of every pool candidate, by key (never shown to a strategy). */
  truth: ReadonlyMap<string, Truth>;
  /** Scores of the stage's validation sequences (for the unsupervised threshold). */
  validation: Float32Array[];
  /** The fold's test sequences with their ground truth, scored by the stage's model. */
  test: LabelledCandidate[];
  /** DTW distances between this stage's score series, shared by every run of the fold and stage. */
  distance?: DistanceCache;
};

export type Outcome = {
  f1: number;
  precision: number;
  recall: number;
  /** Mean detection delay in seconds over the true positives; null without one. */
  delay: number | null;
  threshold: number;
  /** Labels bought so far (cumulative). */
  labels: number;
  /** Whether the threshold was refined from labels (else the unsupervised one was kept). */
  refined: boolean;
};

export type RunSpec = {
  strategy: StrategyName;
  /** Labels bought per stage. */
  budget: number;
  mislabel: number;
  seed: number;
  fold: number;
  samplingRate: number;
};

type Labelled = ExpertAnswer & { key: string };

function labelledCandidates(labels: readonly Labelled[], pool: ReadonlyMap<string, Candidate>): LabelledCandidate[] {
  return labels.flatMap((l): LabelledCandidate[] => {
    const c = pool.get(l.key);
    if (!c) return [];
    return l.anomalous ? [{ scores: c.scores, anomalous: true, onset: l.onset ?? 0 }] : [{ scores: c.scores, anomalous: false }];
  });
}

/** Online evaluation of the test split at `threshold`, as an Outcome. */
export function evaluateAt(stage: StageInput, threshold: number, samplingRate: number, labels: number, refined: boolean): Outcome {
  const e = evaluateOnline(stage.test, threshold, { samplingRate });
  return { f1: e.f1, precision: e.precision, recall: e.recall, delay: e.meanDelay, threshold, labels, refined };
}

function currentThreshold(labels: readonly Labelled[], pool: ReadonlyMap<string, Candidate>, unsupervised: number, rate: number) {
  const state = thresholdFromLabels(labelledCandidates(labels, pool), unsupervised, rate);
  return { value: state.value ?? unsupervised, refined: state.source === "refined" };
}

/** One outcome per stage, in stage order. */
export function simulateRun(stages: readonly StageInput[], spec: RunSpec): Outcome[] {
  const expert = createExpert(spec.seed, spec.mislabel);
  const strategy = getStrategy(spec.strategy);
  const labels: Labelled[] = [];
  return stages.map((stage, s) => {
    const unsupervised = unsupervisedThreshold(stage.validation);
    const pool = new Map(stage.pool.map((c) => [c.key, c]));
    let current = currentThreshold(labels, pool, unsupervised, spec.samplingRate);
    const queried = labels.flatMap((l) => pool.get(l.key) ?? []);
    const picks = strategy.select({
      candidates: stage.pool,
      queried,
      budget: spec.budget,
      seed: mixSeed("strategy", spec.seed, spec.fold, s),
      threshold: current.value,
      distance: stage.distance,
    });
    for (const pick of picks) {
      const c = pool.get(pick.key);
      const truth = stage.truth.get(pick.key);
      if (!c || !truth) throw new Error(`pick ${pick.key} is not a candidate of stage ${s}`);
      labels.push({ key: pick.key, ...expert.answer(pick.key, truth, c.scores, current.value) });
      current = currentThreshold(labels, pool, unsupervised, spec.samplingRate);
    }
    return evaluateAt(stage, current.value, spec.samplingRate, labels.length, current.refined);
  });
}

/**
 * The baselines of a stage: "unsupervised" (max validation score), "best" (the app's threshold from
 * labels with every train + validation sequence of the stage labelled by the truth) and "oracle" (the
 * same rule fitted on the test sequences' truth: the highest test F1 any threshold reaches).
 */
export function baselineOutcomes(stage: StageInput, samplingRate: number): { unsupervised: Outcome; best: Outcome; oracle: Outcome } {
  const unsupervised = unsupervisedThreshold(stage.validation);
  const everything: Labelled[] = stage.pool.map((c) => {
    const t = stage.truth.get(c.key) ?? { anomalous: false, onset: null };
    return { key: c.key, anomalous: t.anomalous, onset: t.anomalous ? (t.onset ?? 0) : null, mislabelled: false };
  });
  const best = currentThreshold(everything, new Map(stage.pool.map((c) => [c.key, c])), unsupervised, samplingRate);
  const oracle = thresholdFromLabels(stage.test, unsupervised, samplingRate);
  return {
    unsupervised: evaluateAt(stage, unsupervised, samplingRate, 0, false),
    best: evaluateAt(stage, best.value, samplingRate, everything.length, best.refined),
    oracle: evaluateAt(stage, oracle.value ?? unsupervised, samplingRate, 0, oracle.source === "refined"),
  };
}
