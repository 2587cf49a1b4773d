/**
 * One simulated labelling run, given the anomaly scores of every stage's model: what the app does
 * when an analyst asks for a batch and an expert labels it, repeated stage after stage.
 *
 * At each stage (the detector retrained on the data so far, so every score is new):
 * 1. the unsupervised threshold is the max validation score of this stage's model;
 * 2. the current threshold is the app's: `thresholdFromLabels` over the labels bought so far, read
 *    on this stage's scores, placed by the run's placement policy (refined when some label is
 *    anomalous and F1 > 0, else unsupervised);
 * 3. the strategy picks `budget` candidates of the stage's pool (the app's pool rule, see stage.ts)
 *    that were never queried (the earlier queries are passed as `queried`, as the app does with a
 *    dataset's queried keys), with the current threshold and a seed per (seed, fold, stage);
 * 4. the simulated expert answers each pick; the threshold is recomputed after every label (the
 *    labelling page shows it, and a wrongly "anomalous" answer takes the onset it points at);
 * 5. the test candidates are evaluated online at the resulting threshold.
 * Labels carry over to later stages. Ground truth never reaches the strategies: they see keys and
 * scores only.
 *
 * The "reference" protocol reproduces the DQS reference's evaluation instead (protocol.ts): its
 * placement, its fallback when no threshold reaches F1 > 0, labels that keep the scores of the model
 * that existed when they were bought, onset 0 for a mislabelled normal, "uncertain" steered by the
 * max train + validation score at the first stage, and its delay metric.
 */
import { thresholdFromLabels } from "../labelling/labels";
import type { Candidate, DistanceCache, StrategyName } from "../query";
import { getStrategy } from "../query";
import { estimateContamination, type ContaminationDraw, type ContaminationEstimate } from "../query/contamination";
import {
  DEFAULT_OBJECTIVE,
  DEFAULT_PLACEMENT,
  evaluateOnline,
  unsupervisedThreshold,
  type LabelledCandidate,
  type Objective,
  type Placement,
} from "../threshold";
import { createExpert, type ExpertAnswer, type Truth } from "./expert";
import { referenceDelay, type Protocol } from "./protocol";
import { mixSeed } from "./seeds";
import { maxOf } from "./stage";

export type StageInput = {
  /** Fraction of the fold's train and validation sequences available (1 = all). */
  fraction: number;
  /** The query pool: the stage's candidates the app offers (validation, and train when opted in). */
  pool: Candidate[];
  /** Every train + validation candidate of the stage (the reference steers "uncertain" by their max). */
  labelledAll: Candidate[];
  /** Ground truth of every train + validation candidate, by key (never shown to a strategy). */
  truth: ReadonlyMap<string, Truth>;
  /** Scores of the stage's validation sequences (for the unsupervised threshold). */
  validation: Float32Array[];
  /** The fold's test candidates with their ground truth, scored by the stage's model. */
  test: LabelledCandidate[];
  /** DTW distances between this stage's score series, shared by every run of the fold and stage. */
  distance?: DistanceCache;
};

export type Outcome = {
  f1: number;
  precision: number;
  recall: number;
  /** Mean detection delay in seconds (ours: over the true positives, null without one; reference: protocol.ts). */
  delay: number | null;
  threshold: number;
  /** Labels bought so far (cumulative). */
  labels: number;
  /** Whether the threshold was refined from labels (else the unsupervised one was kept). */
  refined: boolean;
};

/** How a run is evaluated: our protocol with a placement policy, or the reference's. */
export type EvalProtocol = {
  protocol: Protocol;
  /** Ours only: where the refined threshold goes in its interval ("reference" always uses the grid's). */
  placement: Placement;
  /** Ours only: what the refined threshold maximises (lib/threshold/objective.ts; default "labels"). */
  objective?: Objective;
  /** The detector's window in steps (the reference's delay penalty). */
  window: number;
};

export const OUR_PROTOCOL: EvalProtocol = { protocol: "ours", placement: DEFAULT_PLACEMENT, objective: DEFAULT_OBJECTIVE, window: 16 };

export type RunSpec = {
  strategy: StrategyName;
  /** Labels bought per stage. */
  budget: number;
  mislabel: number;
  seed: number;
  fold: number;
  samplingRate: number;
  evaluation?: EvalProtocol;
};

/** A bought label; `scores` is the series the expert saw (kept by the reference protocol). */
type Labelled = ExpertAnswer & { key: string; scores: Float32Array };

function labelledCandidates(labels: readonly Labelled[], pool: ReadonlyMap<string, Candidate>, frozen: boolean): LabelledCandidate[] {
  return labels.flatMap((l): LabelledCandidate[] => {
    const scores = frozen ? l.scores : pool.get(l.key)?.scores;
    if (!scores) return [];
    return l.anomalous ? [{ scores, anomalous: true, onset: l.onset ?? 0 }] : [{ scores, anomalous: false }];
  });
}

/** Online evaluation of the test split at `threshold`, as an Outcome. */
export function evaluateAt(
  stage: StageInput,
  threshold: number,
  samplingRate: number,
  labels: number,
  refined: boolean,
  evaluation = OUR_PROTOCOL,
): Outcome {
  const e = evaluateOnline(stage.test, threshold, { samplingRate });
  const delay = evaluation.protocol === "reference" ? referenceDelay(stage.test, threshold, evaluation.window, samplingRate) : e.meanDelay;
  return { f1: e.f1, precision: e.precision, recall: e.recall, delay, threshold, labels, refined };
}

function lowestScore(candidates: readonly LabelledCandidate[]): number | null {
  let min = Infinity;
  for (const c of candidates) for (const s of c.scores) if (s < min) min = s;
  return Number.isFinite(min) ? min : null;
}

/**
 * The app's threshold from these labels; the reference falls back to the lowest labelled score when
 * labels exist but F1 is 0 everywhere. `unlabelled`: the peaks of the pool's candidates without a
 * label (the "pool" objective's evidence).
 */
function thresholdOf(
  candidates: readonly LabelledCandidate[],
  unsupervised: number,
  rate: number,
  evaluation: EvalProtocol,
  unlabelled: readonly number[] = [],
) {
  const reference = evaluation.protocol === "reference";
  const objective = reference ? "labels" : (evaluation.objective ?? DEFAULT_OBJECTIVE);
  const state = thresholdFromLabels(candidates, unsupervised, rate, reference ? "reference" : evaluation.placement, {
    objective,
    unlabelledPeaks: unlabelled,
  });
  if (state.source === "refined" && state.value !== null) return { value: state.value, refined: true };
  const lowest = reference && candidates.length > 0 ? lowestScore(candidates) : null;
  return { value: lowest ?? unsupervised, refined: false };
}

/** A label bought in a simulated run: the expert's answer for a candidate key (onset relative to the candidate). */
export type BoughtLabel = { key: string; anomalous: boolean; onset: number | null };

/** One stage of a simulated run: its outcome, the labels bought so far and the contamination of the pool. */
export type StageRun = {
  outcome: Outcome;
  /** Every label bought up to and including this stage, in order. */
  labels: BoughtLabel[];
  /**
   * α̂ of the stage's pool from its labels (lib/query/contamination.ts): the pool's units labelled
   * in earlier stages count as deterministic draws, then this stage's picks with their probabilities.
   */
  contamination: ContaminationEstimate;
  /** The true share of anomalous units in the stage's pool. */
  truthAlpha: number;
};

/** One outcome per stage, in stage order. */
export function simulateRun(stages: readonly StageInput[], spec: RunSpec): Outcome[] {
  return simulateRunDetailed(stages, spec).map((s) => s.outcome);
}

/** simulateRun, with each stage's labels and contamination estimate. */
export function simulateRunDetailed(stages: readonly StageInput[], spec: RunSpec): StageRun[] {
  const evaluation = spec.evaluation ?? OUR_PROTOCOL;
  const reference = evaluation.protocol === "reference";
  const expert = createExpert(spec.seed, spec.mislabel);
  const strategy = getStrategy(spec.strategy);
  const labels: Labelled[] = [];
  return stages.map((stage, s) => {
    const unsupervised = unsupervisedThreshold(stage.validation);
    const pool = new Map(stage.pool.map((c) => [c.key, c]));
    const unlabelledPeaks = () => {
      const bought = new Set(labels.map((l) => l.key));
      return stage.pool.flatMap((c) => (bought.has(c.key) ? [] : [c.maxScore ?? maxOf(c.scores)]));
    };
    const current = () =>
      thresholdOf(labelledCandidates(labels, pool, reference), unsupervised, spec.samplingRate, evaluation, unlabelledPeaks());
    let threshold = current();
    const queried = labels.flatMap((l) => (reference ? [{ key: l.key, scores: l.scores }] : (pool.get(l.key) ?? [])));
    // The pool's units labelled before count as deterministic draws of the contamination estimate.
    const draws: ContaminationDraw[] = labels.flatMap((l) => (pool.has(l.key) ? [{ anomalous: l.anomalous, probability: 1 }] : []));
    // The reference steers "uncertain" by the max train + validation score before any label.
    const steer =
      reference && s === 0 && labels.length === 0
        ? Math.max(...stage.labelledAll.map((c) => c.maxScore ?? maxOf(c.scores)))
        : threshold.value;
    const picks = strategy.select({
      candidates: stage.pool,
      queried,
      budget: spec.budget,
      seed: mixSeed("strategy", spec.seed, spec.fold, s),
      threshold: steer,
      distance: stage.distance,
    });
    for (const pick of picks) {
      const c = pool.get(pick.key);
      const truth = stage.truth.get(pick.key);
      if (!c || !truth) throw new Error(`pick ${pick.key} is not a candidate of stage ${s}`);
      const answer = expert.answer(pick.key, truth, c.scores, threshold.value);
      const onset = reference && answer.mislabelled && answer.anomalous ? 0 : answer.onset;
      labels.push({ key: pick.key, scores: Float32Array.from(c.scores), ...answer, onset });
      draws.push({ anomalous: answer.anomalous, probability: pick.probability });
      threshold = current();
    }
    const anomalousInPool = stage.pool.filter((c) => stage.truth.get(c.key)?.anomalous).length;
    return {
      outcome: evaluateAt(stage, threshold.value, spec.samplingRate, labels.length, threshold.refined, evaluation),
      labels: labels.map((l) => ({ key: l.key, anomalous: l.anomalous, onset: l.onset })),
      contamination: estimateContamination(draws, stage.pool.length, { seed: spec.seed }),
      truthAlpha: stage.pool.length > 0 ? anomalousInPool / stage.pool.length : 0,
    };
  });
}

/**
 * The outcome of labels bought elsewhere, read on this stage's scores (e.g. a fine-tuned model's):
 * the app's threshold from the labels, evaluated on the stage's test candidates. A label whose key
 * is not in the stage's pool is left out.
 */
export function outcomeWithLabels(
  stage: StageInput,
  labels: readonly BoughtLabel[],
  spec: Pick<RunSpec, "samplingRate" | "evaluation">,
): Outcome {
  const evaluation = spec.evaluation ?? OUR_PROTOCOL;
  const pool = new Map(stage.pool.map((c) => [c.key, c]));
  const bought = new Set(labels.map((l) => l.key));
  const unlabelled = stage.pool.flatMap((c) => (bought.has(c.key) ? [] : [c.maxScore ?? maxOf(c.scores)]));
  const asLabelled: Labelled[] = labels.map((l) => ({ ...l, mislabelled: false, scores: new Float32Array() }));
  const candidates = labelledCandidates(asLabelled, pool, false);
  const threshold = thresholdOf(candidates, unsupervisedThreshold(stage.validation), spec.samplingRate, evaluation, unlabelled);
  return evaluateAt(stage, threshold.value, spec.samplingRate, labels.length, threshold.refined, evaluation);
}

/**
 * The baselines of a stage: "unsupervised" (max validation score), "best" (the app's threshold from
 * labels with every candidate of the stage's query pool labelled by the truth: the most any strategy
 * can know) and "oracle" (the same rule fitted on the test candidates' truth: the highest test F1 any
 * threshold reaches).
 */
export function baselineOutcomes(
  stage: StageInput,
  samplingRate: number,
  evaluation = OUR_PROTOCOL,
): { unsupervised: Outcome; best: Outcome; oracle: Outcome } {
  const unsupervised = unsupervisedThreshold(stage.validation);
  const everything: LabelledCandidate[] = stage.pool.map((c) => {
    const t = stage.truth.get(c.key) ?? { anomalous: false, onset: null };
    return t.anomalous ? { scores: c.scores, anomalous: true, onset: t.onset ?? 0 } : { scores: c.scores, anomalous: false };
  });
  const best = thresholdOf(everything, unsupervised, samplingRate, evaluation);
  const oracle = thresholdOf(stage.test, unsupervised, samplingRate, evaluation);
  return {
    unsupervised: evaluateAt(stage, unsupervised, samplingRate, 0, false, evaluation),
    best: evaluateAt(stage, best.value, samplingRate, everything.length, best.refined, evaluation),
    oracle: evaluateAt(stage, oracle.value, samplingRate, 0, oracle.refined, evaluation),
  };
}
