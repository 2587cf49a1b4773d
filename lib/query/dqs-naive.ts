/**
 * DQS exactly as the design states it, with nothing clever: no cache, every needed pair recomputed
 * in every iteration. The reference that the pruned `dqs` must match pick for pick (tests and the
 * benchmark baseline).
 */
import { dtwDistanceNaive } from "../dtw/dtw-naive";
import { createRng } from "../rng";
import { preparePool, throwIfAborted } from "./pool";
import type { Candidate, QueryContext, QueryPick } from "./types";

export type DistanceFn = (a: Float32Array, b: Float32Array) => number;

export const FIRST_PICK_REASON = "random first query (nothing queried yet)";

export function farthestReason(similarKey: string, distance: number): string {
  return `farthest from most similar ${similarKey} (DTW ${distance.toFixed(1)})`;
}

export function dqsNaive(ctx: QueryContext, distance: DistanceFn = dtwDistanceNaive): QueryPick[] {
  const { pool, count } = preparePool(ctx);
  const queried: Float32Array[] = ctx.queried.map((c) => c.scores);
  const remaining: Candidate[] = [...pool]; // stays in input order: position = tie-break order
  const picks: QueryPick[] = [];
  const take = (pos: number, reason: string): void => {
    const [c] = remaining.splice(pos, 1);
    if (!c) return;
    picks.push({ key: c.key, rank: picks.length, reason });
    queried.push(c.scores);
  };
  if (count > 0 && queried.length === 0) {
    take(createRng(ctx.seed).int(remaining.length), FIRST_PICK_REASON);
    ctx.onProgress?.(picks.length, count);
  }
  while (picks.length < count) {
    throwIfAborted(ctx.signal);
    // The most similar: smallest mean distance to every queried series (lowest position on ties).
    let similar = -1;
    let bestMean = Infinity;
    remaining.forEach((c, pos) => {
      let sum = 0;
      for (const q of queried) sum += distance(c.scores, q);
      const mean = sum / queried.length;
      if (mean < bestMean || similar < 0) [similar, bestMean] = [pos, mean];
    });
    const s = remaining[similar]!;
    // The farthest from it (the most similar itself included: distance 0, so only when alone or all 0).
    let far = -1;
    let bestDist = -Infinity;
    remaining.forEach((c, pos) => {
      const d = distance(s.scores, c.scores);
      if (d > bestDist) [far, bestDist] = [pos, d];
    });
    take(far, farthestReason(s.key, bestDist));
    ctx.onProgress?.(picks.length, count);
  }
  return picks;
}
