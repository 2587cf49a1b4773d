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
 */
import { upperBoundPath } from "../dtw/bounds";
import { UPPER_SLACK, type PairTable } from "./dqs-pairs";
import { throwIfAborted } from "./pool";

export type Farthest = { index: number; distance: number };

function isBetter(d: number, c: number, best: number, bestIndex: number): boolean {
  return d > best || (d === best && c < bestIndex);
}

export function farthestFrom(table: PairTable, similar: number, remaining: number[], signal?: AbortSignal): Farthest {
  const row = table.withLowerBounds(similar);
  const s = table.seriesOf(similar);
  // Start from the candidate of largest lower bound: likely far, so most bounds fall below it at once.
  let bestIndex = remaining[0]!;
  for (const c of remaining) if (row.lb[c]! > row.lb[bestIndex]!) bestIndex = c;
  let best = table.distance(similar, bestIndex);
  const bounds = new Float64Array(remaining.length);
  remaining.forEach((c, r) => {
    const e = row.exact[c]!;
    bounds[r] = e === e ? e : upperBoundPath(s, table.seriesOf(c)) * UPPER_SLACK;
  });
  const order = Array.from(remaining.keys()).sort((x, y) => bounds[y]! - bounds[x]! || remaining[x]! - remaining[y]!);
  for (let v = 0; v < order.length; v++) {
    const r = order[v]!;
    const c = remaining[r]!;
    let bound = bounds[r]!;
    if (bound < best) break;
    if (!isBetter(bound, c, best, bestIndex)) continue;
    if ((v & 63) === 0) throwIfAborted(signal);
    if (row.exact[c]! !== row.exact[c]!) {
      bound = Math.min(bound, table.corridorBound(similar, c, bound));
      if (!isBetter(bound, c, best, bestIndex)) continue;
    }
    let d = table.distance(similar, c, bound);
    if (d === Infinity) d = table.distance(similar, c); // cannot happen for a valid bound; stay exact anyway
    if (isBetter(d, c, best, bestIndex)) [best, bestIndex] = [d, c];
  }
  return { index: bestIndex, distance: best };
}
