/**
 * The query pool as the threshold sees it: the peak (max score) of every candidate the run's pool
 * holds, so that the "pool" objective (lib/threshold/objective.ts) can count how many unlabelled
 * stretches a lower threshold would alarm on. Pure, shared by the server (which stores the refined
 * threshold), the labelling page (which shows it before the server answers), the evaluation harness
 * and the e2e checks.
 *
 * A run's pool is the one its latest batch was drawn from: the splits (pool-rule.ts) and the segment
 * length the analyst asked with. A batch stored before the pool was recorded counts as drawn from the
 * run page's default pool (`defaultPoolRule`), as it was.
 */
import { buildCandidates, type Stretch } from "./candidates";
import { defaultPoolRule, poolSequences, type PoolRule } from "./pool-rule";

export type PoolDefinition = PoolRule & { segmentLength: number | null };

/** A candidate of the pool: its stretch and its peak. */
export type PoolPeak = Stretch & { peak: number };

/** The largest value of a series, NaN steps ignored (−∞ when there is none). */
export function peakOf(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v > max) max = v;
  }
  return max;
}

/**
 * The pool of a batch's stored parameters: its recorded splits and segment length, or for a batch
 * stored before splits were recorded, the run page's default for a dataset with `validationSequences`.
 */
export function batchPool(params: { segmentLength?: number | null; includeTrain?: boolean }, validationSequences: number): PoolDefinition {
  return {
    includeTrain: params.includeTrain ?? defaultPoolRule(validationSequences).includeTrain,
    segmentLength: params.segmentLength ?? null,
  };
}

/**
 * Every candidate of the pool with its peak: the pool's sequences (in the order given) cut as the
 * query panel cuts them. A pool sequence without scores is left out (a complete run has them all).
 */
export function poolPeaks(
  sequences: readonly { sequenceId: string; split: string }[],
  scores: ReadonlyMap<string, Float32Array>,
  pool: PoolDefinition,
): PoolPeak[] {
  const scored = poolSequences(sequences, pool).flatMap((s) => {
    const score = scores.get(s.sequenceId);
    return score ? [{ sequenceId: s.sequenceId, score }] : [];
  });
  return buildCandidates(scored, pool.segmentLength).map((c) => ({
    sequenceId: c.sequenceId,
    start: c.start,
    end: c.end,
    peak: peakOf(c.scores),
  }));
}

/**
 * The peaks of the pool's candidates that no labelled stretch overlaps: the evidence "pool" weighs.
 * Overlap, not key equality, so a label bought with another segment length still covers its steps.
 */
export function unlabelledPeaks(pool: readonly PoolPeak[], labelled: readonly Stretch[]): number[] {
  const bySequence = new Map<string, Stretch[]>();
  for (const s of labelled) {
    const list = bySequence.get(s.sequenceId);
    if (list) list.push(s);
    else bySequence.set(s.sequenceId, [s]);
  }
  return pool.flatMap((c) => {
    const covered = bySequence.get(c.sequenceId)?.some((s) => s.start < c.end && c.start < s.end) ?? false;
    return covered ? [] : [c.peak];
  });
}
