/**
 * Which sequences may offer query candidates: an honest pool. Pure, shared by the run page's query
 * panel and the evaluation harness.
 *
 * By default only the VALIDATION split: the detector did not train on it, so its scores are what the
 * detector will give unseen data, and the threshold the labels refine transfers. The train split is
 * an opt-in — the detector fitted those sequences, so their scores run low (in-sample), and a threshold
 * refined on them sits too low for new data. The test split is never offered: it is kept for judging
 * the threshold, and a label on it would leak into that judgement.
 *
 * One exception, measured with the evaluation harness: a THIN validation split (fewer than
 * THIN_POOL_SEQUENCES sequences, as with a dozen long sequences) covers too little of the data for its
 * labels to carry over. On the sensor-network generator (12 long sequences, 2 in validation) the refined
 * threshold beat the unsupervised one in 7 of 10 rows with validation only and 26 of 30 with train added.
 * Where validation is thick the rule changes nothing; where a small, overfitted detector's in-sample
 * scores run far below unseen ones it can cost (the demo's first growing-data stage). So a thin split
 * starts with train in the pool, said on the page, and the user may untick it ("auto" below; the
 * harness's default too).
 */
import type { Split } from "../series/types";

export type PoolRule = {
  /** Also offer the train split (in-sample: its scores run low). */
  includeTrain: boolean;
};

export const DEFAULT_POOL_RULE: PoolRule = { includeTrain: false };

/** How the pool is chosen: by the thin-split rule (the default), or fixed. */
export type PoolMode = "auto" | "validation" | "validation+train";

export const POOL_MODES: readonly PoolMode[] = ["auto", "validation", "validation+train"];

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

/** Below this many validation sequences the validation split alone is a thin pool (see the header). */
export const THIN_POOL_SEQUENCES = 3;

/** The pool a run page starts with: validation only, with train added when validation is thin. */
export function defaultPoolRule(validationSequences: number): PoolRule {
  return { includeTrain: validationSequences < THIN_POOL_SEQUENCES };
}

/** The rule of a mode for a split with this many validation sequences. */
export function resolvePoolRule(mode: PoolMode, validationSequences: number): PoolRule {
  if (mode === "auto") return defaultPoolRule(validationSequences);
  return { includeTrain: mode === "validation+train" };
}

/**
 * A note for a thin validation split: its stretches cover little of the data's variety, so labels
 * bought there alone may not carry over. With train in the pool (the default then) the note says why
 * it is there; without it, it suggests it. Null when validation is not thin.
 */
export function thinPoolNote(validationSequences: number, rule: PoolRule = DEFAULT_POOL_RULE): string | null {
  if (validationSequences >= THIN_POOL_SEQUENCES) return null;
  const which = validationSequences === 1 ? "Only 1 validation sequence" : `Only ${validationSequences} validation sequences`;
  if (rule.includeTrain) {
    return `${which}: too few for labels that carry over to new data, so the train split is in the pool too (its scores run low, so keep some validation stretches among the labels). Untick it to ask about validation only.`;
  }
  return `${which} in the pool: labels bought there may not tell much about the rest of the data. Consider the train split too (its scores run low, so keep some validation stretches among the labels).`;
}
