/**
 * A whole run of the linear detector computed in one call, step for step as the browser computes one
 * (components/runs/run-controller.ts with the training and scoring workers): every sequence z-scored
 * with the training split's statistics, the detector fitted on the training split (the validation split
 * gives its loss), every sequence scored, and the unsupervised threshold the highest validation score.
 * Pure and synchronous in effect (the linear detector fits in closed form, no TensorFlow.js): the demo
 * seed (prisma/seed.ts) stores its result as a finished run, and tests check it against the detector.
 */
import { resolveLinearConfig } from "../detectors/config";
import { LinearDetector } from "../detectors/linear";
import type { SavedWeights, TrainResult } from "../detectors/types";
import { zscore, type ZScoreParams } from "../preprocess";
import type { SeriesColumns, Split } from "../series/types";

export type RunSequence = { id: string; split: Split; columns: SeriesColumns };

export type ScoredSequence = { sequenceId: string; score: Float32Array; channelScores: Float32Array[] };

export type LinearRun = {
  weights: SavedWeights;
  training: TrainResult;
  scores: ScoredSequence[];
  /** The highest score of any validation step (the run's unsupervised threshold). */
  threshold: number;
};

/** The highest score of any step of the validation sequences; -Infinity when there is none. */
export function unsupervisedThreshold(scored: readonly { split: Split; score: Float32Array }[]): number {
  let threshold = -Infinity;
  for (const s of scored) if (s.split === "validation") for (const v of s.score) if (v > threshold) threshold = v;
  return threshold;
}

/**
 * Fits the linear detector as the run form starts it (`windowSize` and `seed` from the form; lags and
 * ridge at their defaults) and scores every sequence. Throws when no validation sequence is scored.
 */
export async function fitLinearRun(
  sequences: readonly RunSequence[],
  trainStats: ZScoreParams,
  options: { windowSize: number; seed: number },
): Promise<LinearRun> {
  const normalised = sequences.map((s) => ({ ...s, columns: zscore(s.columns, trainStats) }));
  const of = (split: Split) => normalised.filter((s) => s.split === split).map((s) => s.columns);
  const features = sequences[0]?.columns.length ?? 0;
  const detector = new LinearDetector(resolveLinearConfig({ features, windowSize: options.windowSize, seed: options.seed }));
  try {
    const training = await detector.train({ train: of("train"), validation: of("validation") });
    const weights = await detector.save();
    const scores: ScoredSequence[] = [];
    const scored: { split: Split; score: Float32Array }[] = [];
    for (const s of normalised) {
      const { score, channelScores } = await detector.score(s.columns);
      scores.push({ sequenceId: s.id, score, channelScores });
      scored.push({ split: s.split, score });
    }
    const threshold = unsupervisedThreshold(scored);
    if (!Number.isFinite(threshold)) throw new Error("No validation sequence was scored, so there is no unsupervised threshold.");
    return { weights, training, scores, threshold };
  } finally {
    detector.dispose();
  }
}
