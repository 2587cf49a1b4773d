import { QueryError, type Candidate, type QueryContext } from "./types";

/**
 * The candidates that may still be offered, in input order (index = tie-break order), and the
 * number of picks to make. Validates the context the same way for every strategy.
 */
export function preparePool(ctx: QueryContext): { pool: Candidate[]; count: number } {
  const { budget } = ctx;
  if (!Number.isInteger(budget) || budget < 0) {
    throw new QueryError("invalid-budget", `budget must be a non-negative integer, got ${budget}`);
  }
  const queriedKeys = new Set(ctx.queried.map((c) => c.key));
  const seen = new Set<string>();
  const pool: Candidate[] = [];
  for (const c of ctx.candidates) {
    if (seen.has(c.key)) throw new QueryError("duplicate-key", `candidate key "${c.key}" appears twice`);
    seen.add(c.key);
    if (queriedKeys.has(c.key)) continue;
    checkScores(c, "candidate");
    pool.push(c);
  }
  for (const q of ctx.queried) checkScores(q, "queried");
  return { pool, count: Math.min(budget, pool.length) };
}

/** Every strategy compares scores: an empty series or a NaN/±Infinity in one is an input error. */
function checkScores(c: Candidate, role: string): void {
  const x = c.scores;
  if (x.length === 0) throw new QueryError("empty-series", `${role} "${c.key}" has no scores`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new QueryError("non-finite-score", `${role} "${c.key}" has a non-finite score at ${i}`);
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new QueryError("aborted", "query selection was aborted");
}

/** max(scores), preferring the value the caller supplied. */
export function maxScoreOf(c: Candidate): number {
  if (c.maxScore !== undefined) return c.maxScore;
  let max = -Infinity;
  for (let i = 0; i < c.scores.length; i++) {
    const v = c.scores[i]!;
    if (v > max) max = v;
  }
  return max;
}
