import { createRng, type Rng } from "../rng";
import { SPLITS, type Split } from "../series/types";
import { requireNonNegativeInteger } from "./check";
import { PreprocessError } from "./errors";

export type SplitRatios = { train: number; validation: number; test: number };
export type SplitCounts = Record<Split, number>;

const RATIO_SUM_TOLERANCE = 1e-6;
/** Fractional parts closer than this count as a tie (so float noise in ratio·count cannot decide). */
const TIE_TOLERANCE = 1e-9;

/** Throws `invalid_split_ratios` unless every ratio is finite and ≥ 0 and they sum to 1 (± 1e-6). */
export function validateSplitRatios(ratios: SplitRatios): void {
  for (const split of SPLITS) {
    const r = ratios[split];
    if (!Number.isFinite(r) || r < 0) {
      throw new PreprocessError("invalid_split_ratios", `the ${split} ratio must be a non-negative number, got ${r}`);
    }
  }
  const sum = ratios.train + ratios.validation + ratios.test;
  if (Math.abs(sum - 1) > RATIO_SUM_TOLERANCE) {
    throw new PreprocessError("invalid_split_ratios", `split ratios must sum to 1, got ${+sum.toFixed(6)}`);
  }
}

/**
 * Largest-remainder (Hamilton) rounding of ratio·count; equal remainders go to the splits in
 * `tieOrder` (by default train, then validation, then test).
 */
export function largestRemainder(count: number, ratios: SplitRatios, tieOrder: readonly Split[] = SPLITS): SplitCounts {
  const sum = ratios.train + ratios.validation + ratios.test;
  const raw = SPLITS.map((split) => (ratios[split] / sum) * count);
  const counts = raw.map(Math.floor);
  const left = count - counts.reduce((a, b) => a + b, 0);
  const rank = (i: number) => tieOrder.indexOf(SPLITS[i] ?? "train");
  const byRemainder = [0, 1, 2].sort((a, b) => {
    const diff = (raw[b] ?? 0) - (counts[b] ?? 0) - ((raw[a] ?? 0) - (counts[a] ?? 0));
    return Math.abs(diff) > TIE_TOLERANCE ? diff : rank(a) - rank(b);
  });
  byRemainder.slice(0, left).forEach((i) => (counts[i] = (counts[i] ?? 0) + 1));
  return { train: counts[0] ?? 0, validation: counts[1] ?? 0, test: counts[2] ?? 0 };
}

/** Moves sequences to meet the minimums, each time from the split with the most to spare (test first on ties). */
function enforceMinimums(counts: SplitCounts, minimums: SplitCounts): SplitCounts {
  const out = { ...counts };
  for (const needy of ["train", "validation"] as const) {
    while (out[needy] < minimums[needy]) {
      const donor = (["test", "validation", "train"] as const)
        .filter((s) => s !== needy)
        .reduce((best, s) => (out[s] - minimums[s] > out[best] - minimums[best] ? s : best));
      out[donor]--;
      out[needy]++;
    }
  }
  return out;
}

/**
 * How many sequences go to each split: largest-remainder rounding of the ratios, then at least one
 * train sequence when count ≥ 1 (a detector needs training data, even with a train ratio of 0) and at
 * least one validation sequence when count ≥ 2 and the validation ratio is > 0 (early stopping and the
 * default threshold need it). The test split has no minimum.
 */
export function splitCounts(count: number, ratios: SplitRatios): SplitCounts {
  requireNonNegativeInteger(count, "invalid_count", "sequence count");
  validateSplitRatios(ratios);
  const minimums: SplitCounts = {
    train: count >= 1 ? 1 : 0,
    validation: count >= 2 && ratios.validation > 0 ? 1 : 0,
    test: 0,
  };
  return enforceMinimums(largestRemainder(count, ratios), minimums);
}

/** A seeded Fisher–Yates shuffle of a copy of `items` (the same rng state gives the same order). */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const a = out[i];
    const b = out[j];
    if (a === undefined || b === undefined) continue;
    out[i] = b;
    out[j] = a;
  }
  return out;
}

/** Puts `members` (already in random order) into splits: the first counts.train to train, and so on. */
export function deal(out: Split[], members: readonly number[], counts: SplitCounts): void {
  members.forEach((member, rank) => {
    out[member] = rank < counts.train ? "train" : rank < counts.train + counts.validation ? "validation" : "test";
  });
}

/**
 * Assigns each of `count` sequences (by index) to a split: the counts of splitCounts, the members
 * chosen by a seeded Fisher–Yates shuffle, so the same count, ratios and seed always give the same
 * assignment. Throws `invalid_count` or `invalid_split_ratios`.
 */
export function assignSplits(count: number, ratios: SplitRatios, seed: number): Split[] {
  const counts = splitCounts(count, ratios);
  const order = shuffled(
    Array.from({ length: count }, (_, i) => i),
    createRng(seed),
  );
  const out = new Array<Split>(count).fill("test");
  deal(out, order, counts);
  return out;
}
