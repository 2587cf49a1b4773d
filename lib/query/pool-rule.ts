/**
 * Which sequences may offer query candidates: an honest pool. Pure, shared by the run page's query
 * panel and the evaluation harness.
 *
 * By default only the VALIDATION split: the detector did not train on it, so its scores are what the
 * detector will give unseen data, and the threshold the labels refine transfers. The train split is
 * an opt-in — the detector fitted those sequences, so their scores run low (in-sample), and a threshold
 * refined on them sits too low for new data. The test split is never offered: it is kept for judging
 * the threshold, and a label on it would leak into that judgement.
 */
import type { Split } from "../series";

export type PoolRule = {
  /** Also offer the train split (in-sample: its scores run low). */
  includeTrain: boolean;
};

export const DEFAULT_POOL_RULE: PoolRule = { includeTrain: false };

/** The splits a rule draws candidates from, in the order train, validation. */
export function poolSplits(rule: PoolRule = DEFAULT_POOL_RULE): Split[] {
  return rule.includeTrain ? ["train", "validation"] : ["validation"];
}

/** The sequences of the pool, in the order given; a sequence of an unknown split is left out. */
export function poolSequences<T extends { split: string }>(sequences: readonly T[], rule: PoolRule = DEFAULT_POOL_RULE): T[] {
  const splits = new Set<string>(poolSplits(rule));
  return sequences.filter((s) => splits.has(s.split));
}

/** "validation" or "train + validation", for the pages that say what the pool holds. */
export function poolSplitsText(rule: PoolRule = DEFAULT_POOL_RULE): string {
  return poolSplits(rule).join(" + ");
}

/** Below this many validation sequences the default pool is thin (measured: 2 of 12 long sequences gave labels that did not transfer). */
export const THIN_POOL_SEQUENCES = 3;

/**
 * A note for a default pool of few validation sequences: their stretches cover little of the data's
 * variety, so labels bought there may not transfer; the train split (opt-in) widens it at the cost
 * of in-sample scores. Null when the pool is not thin or train is already in.
 */
export function thinPoolNote(validationSequences: number, rule: PoolRule = DEFAULT_POOL_RULE): string | null {
  if (rule.includeTrain || validationSequences >= THIN_POOL_SEQUENCES) return null;
  const which = validationSequences === 1 ? "Only 1 validation sequence" : `Only ${validationSequences} validation sequences`;
  return `${which} in the pool: labels bought there may not tell much about the rest of the data. Consider the train split too (its scores run low, so keep some validation stretches among the labels).`;
}
