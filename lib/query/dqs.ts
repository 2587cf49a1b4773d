/**
 * DQS — dissimilarity-based query strategy (docs/algorithms.md §8.2):
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
 *
 * The steps ask for their DTW work through dqs-work.ts: `selectDqs` computes it inline, one pair at
 * a time; `selectDqsWith` hands it in rounds to an executor (a pool of workers, a GPU estimating
 * whole rows) and makes the same picks.
 */
import { createDtwScratch } from "../dtw/dtw";
import { createRng } from "../rng";
import { mostSimilar } from "./dqs-argmin";
import { farthestFrom } from "./dqs-argmax";
import { FIRST_PICK_REASON, farthestReason } from "./dqs-naive";
import { PairTable, type DqsStats } from "./dqs-pairs";
import { runAsync, runSync, type Steps } from "./dqs-work";
import { computePairs, type PairExecutor } from "./pair-work";
import { preparePool, throwIfAborted } from "./pool";
import type { QueryContext, QueryPick, QueryStrategy } from "./types";

function* dqsSteps(ctx: QueryContext, table: PairTable, pool: number, count: number, round: number): Steps<QueryPick[]> {
  const anchors = ctx.queried.map((_, i) => pool + i);
  const remaining = Array.from({ length: pool }, (_, i) => i);
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
    const similar = yield* mostSimilar(table, anchors, remaining, round, ctx.signal, previous);
    previous = similar.index;
    const far = yield* farthestFrom(table, similar.index, remaining, round, ctx.signal);
    take(far.index, farthestReason(table.keyOf(similar.index), far.distance));
  }
  return picks;
}

/** The executor that computes each round inline, on this thread. */
export function inlineExecutor(series: readonly Float32Array[]): PairExecutor {
  const scratch = createDtwScratch(series.reduce((m, s) => Math.max(m, s.length), 1));
  return { roundSize: 1, run: (requests) => computePairs(series, requests, scratch) };
}

export function selectDqs(ctx: QueryContext, stats?: DqsStats): QueryPick[] {
  const { pool, count } = preparePool(ctx);
  const table = new PairTable(pool, ctx.queried, ctx.distance);
  const picks = runSync(dqsSteps(ctx, table, pool.length, count, 1), inlineExecutor(table.series));
  if (stats) Object.assign(stats, table.snapshot());
  return picks;
}

/**
 * DQS with its DTW work done by `executor` (e.g. a pool of workers): the same picks as `selectDqs`.
 * `load` is called first with every series by id (pool candidates in input order, then the queried)
 * and the number of pool candidates.
 */
export async function selectDqsWith(
  ctx: QueryContext,
  executor: PairExecutor & { load?(series: readonly Float32Array[], poolSize: number): void | Promise<void> },
  stats?: DqsStats,
): Promise<QueryPick[]> {
  const { pool, count } = preparePool(ctx);
  const table = new PairTable(pool, ctx.queried, ctx.distance);
  await executor.load?.(table.series, table.size);
  const picks = await runAsync(dqsSteps(ctx, table, pool.length, count, Math.max(1, executor.roundSize)), executor);
  if (stats) Object.assign(stats, table.snapshot());
  return picks;
}

export const dqsStrategy: QueryStrategy = { name: "dqs", select: (ctx) => selectDqs(ctx) };
