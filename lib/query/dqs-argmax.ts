/**
 * The farthest candidate from the most similar one: argmax over the remaining candidates of the DTW
 * distance (lowest input index on ties), exactly as `dqsNaive`, but pruned:
 *
 * 1. Every candidate gets an upper bound of its distance: the exact value when known, otherwise the
 *    cost of the straight warping path (`upperBoundPath`, the Euclidean distance for equal lengths;
 *    a path the DP also considers, so its cost bounds the minimum), widened against rounding.
 * 2. The search starts from the candidate with the largest cheap lower bound (likely far), then
 *    visits candidates in decreasing order of the upper bound. Once the bound falls below the best
 *    exact distance found, no later candidate can be farther: stop. A bound equal to the best can
 *    only tie, so a higher index than the best is skipped. Before a distance is computed, its bound
 *    is tightened with the corridor upper bound (coarse-path DTW, lib/dtw/coarse.ts, ~8 % of the
 *    cells of a full DTW), and the candidate is skipped when that falls below the best.
 * 3. Each exact distance is computed with the candidate's own upper bound as the kernel's pruning
 *    threshold (PrunedDTW): the true distance is below it, so the result is exact, and cells whose
 *    cost already exceeds it are skipped.
 * 4. In rounds (dqs-work.ts), a round's candidates are bounded and computed side by side against
 *    the best known when the round starts (stale, so smaller: more work, never another answer), and
 *    folded in visiting order. A row estimate (e.g. from the GPU) tightens both kinds of bound.
 */
import { upperBoundPath } from "../dtw/bounds";
import { UPPER_SLACK, type PairTable } from "./dqs-pairs";
import { askPairs, askRows, type Steps } from "./dqs-work";
import { PAIR_KIND } from "./pair-work";
import { throwIfAborted } from "./pool";

export type Farthest = { index: number; distance: number };

function isBetter(d: number, c: number, best: number, bestIndex: number): boolean {
  return d > best || (d === best && c < bestIndex);
}

/** Exact distances from `similar` to each of `cs` (the bound is the kernel's pruning threshold). */
function* exactDistances(table: PairTable, similar: number, cs: number[], bounds: number[]): Steps<Float64Array> {
  const row = table.row(similar);
  const out = new Float64Array(cs.length);
  const ask = cs.flatMap((c, i) => (row.exact[c] === row.exact[c] ? [] : [{ kind: PAIR_KIND.dtw, a: similar, b: c, bound: bounds[i]! }]));
  yield* askPairs(table, ask);
  // Abandoned: cannot happen for a valid upper bound; stay exact anyway.
  const retry = cs.filter((c) => row.exact[c] !== row.exact[c]);
  yield* askPairs(
    table,
    retry.map((c) => ({ kind: PAIR_KIND.dtw, a: similar, b: c, bound: Infinity })),
  );
  cs.forEach((c, i) => (out[i] = row.exact[c]!));
  return out;
}

export function* farthestFrom(
  table: PairTable,
  similar: number,
  remaining: number[],
  round: number,
  signal?: AbortSignal,
): Steps<Farthest> {
  yield* askRows(table, [similar]);
  const row = table.withLowerBounds(similar);
  const s = table.seriesOf(similar);
  // Start from the candidate of largest lower bound: likely far, so most bounds fall below it at once.
  let bestIndex = remaining[0]!;
  for (const c of remaining) if (row.lb[c]! > row.lb[bestIndex]!) bestIndex = c;
  let best = (yield* exactDistances(table, similar, [bestIndex], [Infinity]))[0]!;
  const bounds = new Float64Array(remaining.length);
  remaining.forEach((c, r) => {
    const e = row.exact[c]!;
    bounds[r] = e === e ? e : Math.min(row.ub[c]!, upperBoundPath(s, table.seriesOf(c)) * UPPER_SLACK);
  });
  const order = Array.from(remaining.keys()).sort((x, y) => bounds[y]! - bounds[x]! || remaining[x]! - remaining[y]!);
  let v = 0;
  while (v < order.length) {
    throwIfAborted(signal);
    let batch: { c: number; bound: number }[] = [];
    for (; v < order.length && batch.length < round; v++) {
      const r = order[v]!;
      const c = remaining[r]!;
      if (bounds[r]! < best) v = order.length;
      else if (isBetter(bounds[r]!, c, best, bestIndex)) batch.push({ c, bound: bounds[r]! });
    }
    // Tighten the unknown ones with the corridor bound; drop those that fall below the best.
    const unknown = batch.filter(({ c }) => row.exact[c] !== row.exact[c]);
    const corridor = yield* askPairs(
      table,
      unknown.map(({ c, bound }) => ({ kind: PAIR_KIND.corridor, a: similar, b: c, bound })),
    );
    unknown.forEach((u, i) => (u.bound = Math.min(u.bound, corridor[i]!)));
    batch = batch.filter(({ c, bound }) => isBetter(bound, c, best, bestIndex));
    const ds = yield* exactDistances(
      table,
      similar,
      batch.map((b) => b.c),
      batch.map((b) => b.bound),
    );
    batch.forEach(({ c }, i) => {
      if (isBetter(ds[i]!, c, best, bestIndex)) [best, bestIndex] = [ds[i]!, c];
    });
  }
  return { index: bestIndex, distance: best };
}
