/**
 * Folds and stages of an experiment.
 *
 * Folds: stratified k-fold over the sequences. The anomalous and the normal sequences are shuffled
 * apart (seeded), then dealt round-robin into k groups, anomalous first, so every group holds
 * ⌊a/k⌋ or ⌈a/k⌉ of the a anomalous sequences and the group sizes differ by at most one. Fold f
 * tests on group f. With k = 1 there is one hold-out split: the sequences are dealt into three
 * groups and the first is the test split.
 *
 * The rest of a fold is split into train and validation, stratified as well (`validationShare` of
 * the anomalous and of the normal ones, rounded, at least one validation sequence when the rest has
 * two or more), and each split is put in a seeded *arrival order* in which the anomalous sequences
 * are spread evenly (Bresenham), so that a prefix of it holds its share of anomalies.
 *
 * Stages (the growing-data setting): at stage fraction q the first ⌈q·n⌉ sequences of each split's
 * arrival order are available (at least one of each), so a later stage always contains an earlier
 * one and q = 1 is the whole fold.
 */
import { createRng, type Rng } from "../rng";
import { mixSeed } from "./seeds";

export type FoldPlan = {
  /** 0-based. */
  fold: number;
  /** Indices of the test sequences, ascending. */
  test: number[];
  /** Indices of the training sequences, in arrival order. */
  train: number[];
  /** Indices of the validation sequences, in arrival order. */
  validation: number[];
};

export type StageMembers = { fraction: number; train: number[]; validation: number[] };

export const DEFAULT_VALIDATION_SHARE = 0.25;

function shuffled(values: readonly number[], rng: Rng): number[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const a = out[i] ?? 0;
    out[i] = out[j] ?? 0;
    out[j] = a;
  }
  return out;
}

/** Merges two lists, placing the `rare` items evenly among the others (the first at ⌈n/a⌉ − 1). */
export function interleave(rare: readonly number[], common: readonly number[]): number[] {
  const n = rare.length + common.length;
  const out: number[] = [];
  let r = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const takeRare = Math.floor(((i + 1) * rare.length) / n) > Math.floor((i * rare.length) / n);
    const next = takeRare ? rare[r++] : common[c++];
    if (next !== undefined) out.push(next);
  }
  return out;
}

function splitRest(anomalous: number[], normal: number[], share: number): { train: number[]; validation: number[] } {
  let valA = Math.round(anomalous.length * share);
  let valN = Math.round(normal.length * share);
  const rest = anomalous.length + normal.length;
  if (valA + valN === 0 && rest >= 2) {
    if (normal.length > 0) valN = 1;
    else valA = 1;
  }
  if (valA + valN === rest && rest > 0) {
    if (valN > 0) valN--;
    else valA--;
  }
  return {
    train: interleave(anomalous.slice(valA), normal.slice(valN)),
    validation: interleave(anomalous.slice(0, valA), normal.slice(0, valN)),
  };
}

/**
 * `anomalous[i]` says whether sequence i is anomalous (ground truth). Throws a RangeError for
 * folds < 1, a share outside [0, 1), or fewer sequences than groups.
 */
export function planFolds(
  anomalous: readonly boolean[],
  folds: number,
  seed: number,
  validationShare = DEFAULT_VALIDATION_SHARE,
): FoldPlan[] {
  if (!Number.isInteger(folds) || folds < 1) throw new RangeError(`folds must be a whole number ≥ 1, got ${folds}`);
  if (!(validationShare >= 0 && validationShare < 1)) throw new RangeError(`validationShare must lie in [0, 1), got ${validationShare}`);
  const groups = folds === 1 ? 3 : folds;
  if (anomalous.length < groups) throw new RangeError(`${anomalous.length} sequences cannot be dealt into ${groups} groups`);
  const rng = createRng(mixSeed("folds", seed));
  const indices = anomalous.map((_, i) => i);
  const dealt = [
    ...shuffled(
      indices.filter((i) => anomalous[i]),
      rng,
    ),
    ...shuffled(
      indices.filter((i) => !anomalous[i]),
      rng,
    ),
  ];
  const groupOf = new Map(dealt.map((index, position) => [index, position % groups]));
  return Array.from({ length: folds }, (_, fold) => {
    const test = indices.filter((i) => groupOf.get(i) === fold);
    const rest = indices.filter((i) => groupOf.get(i) !== fold);
    const arrival = createRng(mixSeed("arrival", seed, fold));
    const restAnomalous = shuffled(
      rest.filter((i) => anomalous[i]),
      arrival,
    );
    const restNormal = shuffled(
      rest.filter((i) => !anomalous[i]),
      arrival,
    );
    return { fold, test, ...splitRest(restAnomalous, restNormal, validationShare) };
  });
}

/** How many of `n` arrive by stage fraction q: ⌈q·n⌉ (tolerant to float noise), at least min(1, n). */
export function arrivedCount(n: number, fraction: number): number {
  return Math.min(n, Math.max(Math.min(1, n), Math.ceil(fraction * n - 1e-9)));
}

export function stageMembers(plan: FoldPlan, fraction: number): StageMembers {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`a stage fraction must lie in (0, 1], got ${fraction}`);
  return {
    fraction,
    train: plan.train.slice(0, arrivedCount(plan.train.length, fraction)),
    validation: plan.validation.slice(0, arrivedCount(plan.validation.length, fraction)),
  };
}
