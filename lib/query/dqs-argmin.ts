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
 * 4. In rounds (dqs-work.ts), the candidates of a round are evaluated side by side against the best
 *    known when the round starts. A stale best is larger, so budgets are looser: a candidate is
 *    computed that the sequential order might have excluded, but its exact mean then cannot beat the
 *    best either, and results are folded in visiting order — the same argmin.
 */
import type { PairRow, PairTable } from "./dqs-pairs";
import { askPairs, askRows, type Steps } from "./dqs-work";
import { PAIR_KIND, type PairRequest } from "./pair-work";
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

/** Where one candidate's evaluation stands: the pair to compute next, in full after an undecided abandon. */
type Evaluation = { c: number; k: number; full: boolean; done: boolean; mean: number | undefined };

/**
 * The exact mean of each candidate, or undefined once it is proven not to beat (best, bestIndex).
 * Pairs are computed from the newest anchor back; each round asks for one pair per open candidate.
 */
function* evaluate(
  table: PairTable,
  anchors: number[],
  rows: PairRow[],
  batch: number[],
  best: number,
  bestIndex: number,
): Steps<(number | undefined)[]> {
  const open: Evaluation[] = batch.map((c) => ({ c, k: rows.length - 1, full: false, done: false, mean: undefined }));
  for (;;) {
    const asked: Evaluation[] = [];
    const requests: PairRequest[] = [];
    for (const e of open) {
      if (e.done) continue;
      while (e.k >= 0 && rows[e.k]!.exact[e.c] === rows[e.k]!.exact[e.c]) [e.k, e.full] = [e.k - 1, false];
      if (e.k < 0) [e.done, e.mean] = [true, meanOf(rows, e.c)];
      else {
        if (!e.full) table.stats.argminCalls++;
        const bound = e.full ? Infinity : pairBudget(rows, e.k, e.c, best);
        requests.push({ kind: PAIR_KIND.dtw, a: anchors[e.k]!, b: e.c, bound });
        asked.push(e);
      }
    }
    if (requests.length === 0) return open.map((e) => e.mean);
    const values = yield* askPairs(table, requests);
    asked.forEach((e, i) => {
      if (values[i] !== Infinity) return;
      if (excluded(meanOf(rows, e.c), e.c, best, bestIndex)) e.done = true;
      else e.full = true; // rounding left it undecided: compute in full
    });
  }
}

/**
 * `hint` (e.g. the previous iteration's answer, which tends to stay central) is evaluated first so
 * that the early-abandoning budgets are tight from the start; it cannot change the result.
 */
export function* mostSimilar(
  table: PairTable,
  anchors: number[],
  remaining: number[],
  round: number,
  signal?: AbortSignal,
  hint?: number,
): Steps<Similar> {
  yield* askRows(table, anchors);
  const rows = anchors.map((id) => table.withLowerBounds(id));
  const bounds = new Float64Array(remaining.length);
  remaining.forEach((c, r) => (bounds[r] = meanOf(rows, c)));
  const order = Array.from(remaining.keys()).sort((x, y) => bounds[x]! - bounds[y]! || remaining[x]! - remaining[y]!);
  let best = Infinity;
  let bestIndex = -1;
  if (hint !== undefined && remaining.includes(hint)) {
    const [mean] = yield* evaluate(table, anchors, rows, [hint], best, -1);
    [best, bestIndex] = [mean!, hint];
  }
  let v = 0;
  while (v < order.length) {
    throwIfAborted(signal);
    const batch: number[] = [];
    for (; v < order.length && batch.length < round; v++) {
      const r = order[v]!;
      if (bounds[r]! > best) v = order.length;
      else if (!excluded(bounds[r]!, remaining[r]!, best, bestIndex)) batch.push(remaining[r]!);
    }
    const means = yield* evaluate(table, anchors, rows, batch, best, bestIndex);
    batch.forEach((c, i) => {
      const mean = means[i];
      if (mean !== undefined && (mean < best || (mean === best && c < bestIndex) || bestIndex < 0)) [best, bestIndex] = [mean, c];
    });
  }
  return { index: bestIndex, mean: best };
}
