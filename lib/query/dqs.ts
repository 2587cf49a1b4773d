/**
 * DQS — dissimilarity-based query strategy (DESIGN.md, step 5):
 *   - nothing queried yet → the first pick is uniformly random (seeded);
 *   - then, until the budget is spent: s = the remaining candidate with the smallest mean DTW distance
 *     to every queried series (earlier queries and this batch's picks, in that order); pick the
 *     remaining candidate with the largest DTW distance to s; it joins the queried set.
 * Ties go to the lowest input index. s itself is not excluded from the second step: its distance to
 * itself is 0, so it is picked only when every remaining candidate is at distance 0 from it (e.g.
 * when it is the last one).
 *
 * Same picks as `dqsNaive`, bit for bit, but with every pair distance cached (per batch, and across
 * batches through `ctx.distance`) and both steps pruned with exact bounds (see dqs-argmin.ts and
 * dqs-argmax.ts); each iteration evaluates the previous most similar candidate first, as it tends
 * to stay central. Progress is reported in picks (onProgress(picksDone, batchSize)).
 */
import { createRng } from "../rng";
import { mostSimilar } from "./dqs-argmin";
import { farthestFrom } from "./dqs-argmax";
import { FIRST_PICK_REASON, farthestReason } from "./dqs-naive";
import { PairTable, type DqsStats } from "./dqs-pairs";
import { preparePool, throwIfAborted } from "./pool";
import type { QueryContext, QueryPick, QueryStrategy } from "./types";

export function selectDqs(ctx: QueryContext, stats?: DqsStats): QueryPick[] {
  const { pool, count } = preparePool(ctx);
  const table = new PairTable(pool, ctx.queried, ctx.distance);
  const anchors = ctx.queried.map((_, i) => pool.length + i);
  const remaining = pool.map((_, i) => i);
  const picks: QueryPick[] = [];
  const take = (c: number, reason: string): void => {
    remaining.splice(remaining.indexOf(c), 1);
    anchors.push(c);
    picks.push({ key: table.keyOf(c), rank: picks.length, reason });
    ctx.onProgress?.(picks.length, count);
  };
  if (count > 0 && anchors.length === 0) take(createRng(ctx.seed).int(remaining.length), FIRST_PICK_REASON);
  let previous: number | undefined;
  while (picks.length < count) {
    throwIfAborted(ctx.signal);
    const similar = mostSimilar(table, anchors, remaining, ctx.signal, previous);
    previous = similar.index;
    const far = farthestFrom(table, similar.index, remaining, ctx.signal);
    take(far.index, farthestReason(table.keyOf(similar.index), far.distance));
  }
  if (stats) Object.assign(stats, table.snapshot());
  return picks;
}

export const dqsStrategy: QueryStrategy = { name: "dqs", select: (ctx) => selectDqs(ctx) };
