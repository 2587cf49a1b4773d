/**
 * The baseline strategies: random, top (largest maximum score first) and uncertain (maximum score
 * closest to the threshold). Ties go to the lowest input index; only "random" uses the seed.
 */
import { createRng } from "../rng";
import { maxScoreOf, preparePool } from "./pool";
import { QueryError, type Candidate, type QueryContext, type QueryPick, type QueryStrategy } from "./types";

/** `probability(rank)`: the chance the pick had at its draw (lib/query/types.ts); deterministic picks have 1. */
function ranked(
  ctx: QueryContext,
  pool: Candidate[],
  count: number,
  order: number[],
  reason: (c: Candidate) => string,
  probability: (rank: number) => number = () => 1,
): QueryPick[] {
  const picks = order.slice(0, count).map((i, rank) => {
    const c = pool[i]!;
    return { key: c.key, rank, reason: reason(c), probability: probability(rank) };
  });
  ctx.onProgress?.(picks.length, count);
  return picks;
}

/** Indices sorted by an ascending numeric key, ties by index. */
function sortedBy(values: number[]): number[] {
  return values.map((_, i) => i).sort((x, y) => values[x]! - values[y]! || x - y);
}

export const randomStrategy: QueryStrategy = {
  name: "random",
  select(ctx: QueryContext): QueryPick[] {
    const { pool, count } = preparePool(ctx);
    const rng = createRng(ctx.seed);
    const order = pool.map((_, i) => i);
    for (let i = 0; i < count; i++) {
      // Partial Fisher–Yates: position i gets a uniform draw from the positions not yet taken.
      const j = i + rng.int(order.length - i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return ranked(
      ctx,
      pool,
      count,
      order,
      () => "random",
      (rank) => 1 / (pool.length - rank),
    );
  },
};

export const topStrategy: QueryStrategy = {
  name: "top",
  select(ctx: QueryContext): QueryPick[] {
    const { pool, count } = preparePool(ctx);
    const maxima = pool.map(maxScoreOf);
    const order = sortedBy(maxima.map((m) => -m));
    return ranked(ctx, pool, count, order, (c) => `highest maximum score (${maxScoreOf(c).toFixed(2)})`);
  },
};

export const uncertainStrategy: QueryStrategy = {
  name: "uncertain",
  select(ctx: QueryContext): QueryPick[] {
    const { threshold } = ctx;
    if (threshold === undefined || !Number.isFinite(threshold)) {
      throw new QueryError("missing-threshold", "the uncertain strategy needs a finite threshold");
    }
    const { pool, count } = preparePool(ctx);
    const order = sortedBy(pool.map((c) => Math.abs(maxScoreOf(c) - threshold)));
    return ranked(ctx, pool, count, order, (c) => {
      const max = maxScoreOf(c);
      return `maximum score ${max.toFixed(2)} closest to threshold ${threshold.toFixed(2)} (Δ ${Math.abs(max - threshold).toFixed(2)})`;
    });
  },
};
