/**
 * The simulated expert of the evaluation harness: answers a query from the ground truth, and
 * with probability `mislabel` gets it wrong — the label is flipped and the onset is lost:
 * - a truly anomalous sequence is called normal (no onset);
 * - a truly normal one is called anomalous, with the onset the labelling page offers
 *   (`defaultOnset`: the first step at or above the current threshold, else the highest score),
 *   since an expert who wrongly sees an anomaly accepts where the page points.
 * A truthful anomalous answer gives the true onset (the first labelled step).
 *
 * Whether a query is mislabelled depends on one uniform draw per (seed, sequence key) and nothing
 * else: the same sequence queried by two strategies gets the same answer, and a query mislabelled at
 * rate p is mislabelled at every rate above p (common random numbers, so that curves over the rate
 * and differences between strategies are not blurred by independent draws).
 */
import { defaultOnset } from "../labelling/labels";
import { uniformFor } from "./seeds";

export type Truth = { anomalous: boolean; onset: number | null };

export type ExpertAnswer = { anomalous: boolean; onset: number | null; mislabelled: boolean };

/** Ground truth of a sequence from its 0/1 step labels: anomalous if any step is, onset = first such step. */
export function truthOf(labels: ArrayLike<number> | undefined): Truth {
  if (!labels) return { anomalous: false, onset: null };
  for (let i = 0; i < labels.length; i++) if (labels[i]) return { anomalous: true, onset: i };
  return { anomalous: false, onset: null };
}

/** The draw that decides whether the expert errs on `key` for this seed. */
export function expertDraw(seed: number, key: string): number {
  return uniformFor("expert", seed, key);
}

export type Expert = {
  readonly mislabel: number;
  /** The answer for a candidate with this truth and score series, shown with this threshold. */
  answer(key: string, truth: Truth, scores: ArrayLike<number>, threshold: number | null): ExpertAnswer;
};

export function createExpert(seed: number, mislabel: number): Expert {
  if (!(mislabel >= 0 && mislabel <= 1)) throw new RangeError(`a mislabel probability must lie in [0, 1], got ${mislabel}`);
  return {
    mislabel,
    answer(key, truth, scores, threshold) {
      const wrong = expertDraw(seed, key) < mislabel;
      if (!wrong) return { anomalous: truth.anomalous, onset: truth.anomalous ? (truth.onset ?? 0) : null, mislabelled: false };
      if (truth.anomalous) return { anomalous: false, onset: null, mislabelled: true };
      return { anomalous: true, onset: defaultOnset(scores, 0, scores.length, threshold), mislabelled: true };
    },
  };
}
