/**
 * The most similar candidate: argmin over the remaining candidates of the mean DTW distance to the
 * queried series (lowest input index on ties), computed exactly as `dqsNaive` does, but pruned:
 *
 * 1. Every candidate gets a lower bound of its mean: the same sum over the queried series (in the
 *    same order, then ÷ q) with each unknown distance replaced by a lower bound. Rounding is monotone,
 *    so the bound of the mean is ≤ the exact mean as the naive code computes it.
 * 2. Candidates are visited in increasing order of that bound. Once the bound exceeds the best exact
 *    mean found, no later candidate can have a smaller mean: stop. A bound equal to the best can
 *    only tie, so a candidate with a higher index than the best is skipped, a lower one evaluated.
 * 3. Evaluating a candidate computes its unknown distances with early abandoning: the upper bound
 *    for one pair is what would still let the mean reach the best (q·best − the other terms, plus a
 *    1e-9 relative margin so that an abandoned candidate is strictly worse, not a rounding tie). The
 *    kernel abandons only when the distance exceeds that bound, so the pair's lower bound is raised
 *    to it (and kept for later iterations); the bound of the mean is re-checked with the rule of 2,
 *    and only a candidate that the re-check cannot exclude is computed in full. Exact means are
 *    summed and compared exactly as in the naive code, so the result, ties included, is the naive one.
 */
import type { PairRow, PairTable } from "./dqs-pairs";
import { throwIfAborted } from "./pool";

export type Similar = { index: number; mean: number };

function meanOf(rows: PairRow[], c: number): number {
  let sum = 0;
  for (const row of rows) {
    const e = row.exact[c]!;
    sum += e === e ? e : row.lb[c]!;
  }
  return sum / rows.length;
}

function excluded(bound: number, c: number, best: number, bestIndex: number): boolean {
  return bound > best || (bound === best && c > bestIndex);
}

/**
 * Early-abandoning budget for the pair k of candidate c: what the pair may add before the sum
 * passes q·best, plus a margin of 1e-9·q·best. If the distance exceeds it, the exact sum exceeds
 * q·best·(1 + 1e-9), far beyond the rounding of the naive sum, so the naive mean is > best.
 */
function pairBudget(rows: PairRow[], k: number, c: number, best: number): number {
  if (best === Infinity) return Infinity;
  let others = 0;
  rows.forEach((row, j) => {
    if (j === k) return;
    const e = row.exact[c]!;
    others += e === e ? e : row.lb[c]!;
  });
  const target = best * rows.length;
  return Math.max(0, target - others) + 1e-9 * target;
}

/** The exact mean of candidate c, or undefined once it is proven not to beat (best, bestIndex). */
function evaluate(table: PairTable, anchors: number[], rows: PairRow[], c: number, best: number, bestIndex: number): number | undefined {
  for (let k = rows.length - 1; k >= 0; k--) {
    const row = rows[k]!;
    if (row.exact[c] === row.exact[c]) continue;
    const budget = pairBudget(rows, k, c, best);
    table.stats.argminCalls++;
    if (table.distance(anchors[k]!, c, budget) !== Infinity) continue;
    if (excluded(meanOf(rows, c), c, best, bestIndex)) return undefined;
    table.distance(anchors[k]!, c); // rounding left it undecided: compute in full
  }
  return meanOf(rows, c);
}

/**
 * `hint` (e.g. the previous iteration's answer, which tends to stay central) is evaluated first so
 * that the early-abandoning budgets are tight from the start; it cannot change the result.
 */
export function mostSimilar(table: PairTable, anchors: number[], remaining: number[], signal?: AbortSignal, hint?: number): Similar {
  const rows = anchors.map((id) => table.withLowerBounds(id));
  const bounds = new Float64Array(remaining.length);
  remaining.forEach((c, r) => (bounds[r] = meanOf(rows, c)));
  const order = Array.from(remaining.keys()).sort((x, y) => bounds[x]! - bounds[y]! || remaining[x]! - remaining[y]!);
  let best = Infinity;
  let bestIndex = -1;
  if (hint !== undefined && remaining.includes(hint)) [best, bestIndex] = [evaluate(table, anchors, rows, hint, best, -1)!, hint];
  for (let v = 0; v < order.length; v++) {
    const r = order[v]!;
    const c = remaining[r]!;
    if (bounds[r]! > best) break;
    if (excluded(bounds[r]!, c, best, bestIndex)) continue;
    if ((v & 63) === 0) throwIfAborted(signal);
    const mean = evaluate(table, anchors, rows, c, best, bestIndex);
    if (mean !== undefined && (mean < best || (mean === best && c < bestIndex) || bestIndex < 0)) {
      best = mean;
      bestIndex = c;
    }
  }
  return { index: bestIndex, mean: best };
}
