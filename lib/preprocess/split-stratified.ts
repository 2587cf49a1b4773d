/**
 * Stratified train / validation / test assignment: anomalous and normal sequences are dealt
 * separately (each by a seeded shuffle), so that every split gets its share of the anomalies while
 * the split sizes stay exactly those of splitCounts. Pure and deterministic for a seed.
 */
import { createRng } from "../rng";
import { SPLITS, type Split } from "../series/types";
import { deal, largestRemainder, shuffled, splitCounts, type SplitCounts, type SplitRatios } from "./split";

/**
 * Ties in the anomalies' rounding go to test first, then validation: with few anomalous sequences,
 * the split that measures the detector needs them most.
 */
export const ANOMALY_TIE_ORDER: readonly Split[] = ["test", "validation", "train"];

/** Splits that should hold anomalies: non-empty, with a ratio above 0. */
export function eligibleSplits(counts: SplitCounts, ratios: SplitRatios): Split[] {
  return ANOMALY_TIE_ORDER.filter((s) => counts[s] > 0 && ratios[s] > 0);
}

/**
 * How many of `anomalous` sequences go to each split, given the split sizes `counts` (from
 * splitCounts): largest-remainder rounding of the ratios, never more than a split holds, and at least
 * one in every non-empty split with a ratio above 0 whenever there are that many anomalous sequences.
 */
export function anomalyCounts(counts: SplitCounts, anomalous: number, ratios: SplitRatios): SplitCounts {
  const total = counts.train + counts.validation + counts.test;
  if (!Number.isInteger(anomalous) || anomalous < 0 || anomalous > total) {
    throw new RangeError(`${anomalous} anomalous sequences do not fit in ${total}`);
  }
  const out = largestRemainder(anomalous, ratios, ANOMALY_TIE_ORDER);
  let spill = 0;
  for (const s of SPLITS) {
    if (out[s] > counts[s]) {
      spill += out[s] - counts[s];
      out[s] = counts[s];
    }
  }
  const sum = ratios.train + ratios.validation + ratios.test;
  const want = (s: Split) => (ratios[s] / sum) * anomalous - out[s];
  for (; spill > 0; spill--) {
    const room = ANOMALY_TIE_ORDER.filter((s) => out[s] < counts[s]);
    const to = room.reduce((best, s) => (want(s) > want(best) ? s : best));
    out[to]++;
  }
  const eligible = eligibleSplits(counts, ratios);
  if (anomalous >= eligible.length) {
    for (const needy of eligible) {
      if (out[needy] > 0) continue;
      const spare = (s: Split) => out[s] - (eligible.includes(s) ? 1 : 0);
      const donor = SPLITS.filter((s) => s !== needy).reduce((best, s) => (spare(s) > spare(best) ? s : best));
      out[donor]--;
      out[needy]++;
    }
  }
  return out;
}

/**
 * Assigns each sequence (by index) to a split, `anomalous[i]` telling whether sequence i is anomalous
 * by its ground truth. The split sizes are those of splitCounts (so of assignSplits); the anomalous
 * ones are spread by anomalyCounts. Without any anomalous sequence this is exactly assignSplits.
 * Throws `invalid_count` or `invalid_split_ratios` as splitCounts does.
 */
export function assignStratifiedSplits(anomalous: readonly boolean[], ratios: SplitRatios, seed: number): Split[] {
  const counts = splitCounts(anomalous.length, ratios);
  const positives = anomalous.flatMap((a, i) => (a ? [i] : []));
  const negatives = anomalous.flatMap((a, i) => (a ? [] : [i]));
  const positiveCounts = anomalyCounts(counts, positives.length, ratios);
  const rng = createRng(seed);
  const out = new Array<Split>(anomalous.length).fill("test");
  deal(out, shuffled(positives, rng), positiveCounts);
  const negativeCounts: SplitCounts = {
    train: counts.train - positiveCounts.train,
    validation: counts.validation - positiveCounts.validation,
    test: counts.test - positiveCounts.test,
  };
  deal(out, shuffled(negatives, rng), negativeCounts);
  return out;
}
