/**
 * The contamination ratio α (the share of anomalous units in the query population) estimated from
 * labelled queries, corrected for the way they were drawn.
 *
 * The labelled fraction is a biased estimate whenever the strategy prefers anomalous-looking units
 * (every useful one does). ALOE corrects it by importance weighting, each label weighted by
 * (population density) / (query density). Here the query density is known exactly, because every
 * pick records the probability it was drawn with among the units still open (QueryPick.probability),
 * so the weights need no density estimate. For draws made one after another without replacement
 * the unbiased form is Raj's estimator: draw k, taken with probability q_k among the open units,
 * gives
 *
 *     T̂_k = (anomalies among the draws before k) + y_k / q_k,
 *
 * whose expectation given the earlier draws is the number of anomalies in the population, whatever
 * chose the earlier draws. α̂ = mean over the random draws of T̂_k, divided by the population size.
 * A deterministic pick (probability 1 among several open units, e.g. aloe-pos or a first pick) or
 * one of unknown probability contributes its label to the later draws' counts and no term of its
 * own; the estimate stops at the first unlabelled draw, since every later term needs the count
 * before it. The interval is a percentile bootstrap over the terms (seeded).
 */
import { createRng } from "../rng";

export type ContaminationDraw = {
  /** The label; null while the query has none (the estimate stops there). */
  anomalous: boolean | null;
  /** The pick's probability at its draw; undefined when unknown (treated as not random). */
  probability?: number | null;
};

export type ContaminationEstimate = {
  /** α̂, unbiased and therefore not clamped to [0, 1]; null when no random draw is labelled. */
  estimate: number | null;
  /** The bootstrap interval (2.5 % and 97.5 % points), clamped to [0, 1]; null with the estimate. */
  lower: number | null;
  upper: number | null;
  /** The plain labelled fraction (biased by the strategy), null without a label. */
  naive: number | null;
  /** Labelled draws the estimate used (a prefix of the draws), and how many of them were random. */
  labelled: number;
  random: number;
  /** Why there is no estimate, when there is none. */
  reason?: string;
};

export type ContaminationOptions = { resamples?: number; seed?: number; level?: number };

function percentile(sorted: Float64Array, p: number): number {
  const at = Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))));
  return sorted[at]!;
}

/**
 * α̂ from draws in the order they were made, over a population of `populationSize` units (the units
 * open at the first draw).
 */
export function estimateContamination(
  draws: readonly ContaminationDraw[],
  populationSize: number,
  options: ContaminationOptions = {},
): ContaminationEstimate {
  const terms: number[] = [];
  let known = 0;
  let labelled = 0;
  for (const draw of draws) {
    if (draw.anomalous === null) break;
    const y = draw.anomalous ? 1 : 0;
    const q = draw.probability;
    if (q !== undefined && q !== null && q > 0 && q < 1) terms.push(known + y / q);
    known += y;
    labelled++;
  }
  const naive = labelled > 0 ? known / labelled : null;
  const empty = { lower: null, upper: null, naive, labelled, random: terms.length };
  if (!(populationSize > 0)) return { estimate: null, ...empty, reason: "the population is empty" };
  if (terms.length === 0) {
    const reason =
      labelled === 0 ? "no query is labelled yet" : "no labelled query was drawn at random (deterministic strategies cannot be reweighted)";
    return { estimate: null, ...empty, reason };
  }
  const mean = (xs: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += xs[i]!;
    return s / xs.length;
  };
  const estimate = mean(terms) / populationSize;
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  const rng = createRng(options.seed ?? 0);
  const means = new Float64Array(resamples);
  const sample = new Float64Array(terms.length);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < terms.length; i++) sample[i] = terms[rng.int(terms.length)]!;
    means[b] = mean(sample) / populationSize;
  }
  means.sort();
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  return {
    estimate,
    lower: clamp(percentile(means, (1 - level) / 2)),
    upper: clamp(percentile(means, 1 - (1 - level) / 2)),
    naive,
    labelled,
    random: terms.length,
  };
}

/**
 * The contamination α to fine-tune with (lib/detectors/loe.ts): the estimate when there is one,
 * else the labelled fraction (biased upwards by a strategy that prefers anomalies, but the best
 * the labels say), else `fallback`; clamped to [0, 0.5] — LOE takes the top α as latent anomalies,
 * and more than half would make the anomalies the norm.
 */
export function fineTuneAlpha(e: Pick<ContaminationEstimate, "estimate" | "naive"> | null, fallback = 0.05): number {
  return Math.min(0.5, Math.max(0, e?.estimate ?? e?.naive ?? fallback));
}
