/**
 * The DTW kernel in plain JavaScript: the PrunedDTW two-row DP with early abandoning that
 * `dtw.ts` runs where WebAssembly SIMD is unavailable, and the reference that the WebAssembly
 * kernel (`dtw-wasm.ts`) is tested and benchmarked against (it must give the same bits).
 *
 * Cost of a cell: the squared difference, accumulated along the steps (i−1, j), (i, j−1), (i−1, j−1).
 * With a threshold T = upperBound² the kernel is PrunedDTW with early abandoning: a cell whose
 * accumulated cost exceeds T can lie on no path of cost ≤ T, so each row is computed only from the
 * first to the last "live" (≤ T) cell of the previous row, plus a run to the right that is fed by the
 * left neighbour alone; when a row has no live cell the distance is > upperBound. Invariant (by
 * induction over cells): every cell whose true value is ≤ T is computed with exactly the operations
 * of the full matrix, hence bit-identical; every other cell reads > T or is not computed. So results
 * ≤ upperBound are exact.
 *
 * Typed-array reads in the loops use `!` (noUncheckedIndexedAccess): every index is in range by
 * the loop bounds, and a check per cell would cost more than the cell.
 */
import type { RowSpan } from "./band";
import type { DtwScratch, Series } from "./types";

export function createDtwScratch(maxLength: number): DtwScratch {
  return { prev: new Float64Array(maxLength + 1), curr: new Float64Array(maxLength + 1), cells: 0 };
}

function ensureScratch(scratch: DtwScratch | undefined, m: number): DtwScratch {
  if (!scratch) return createDtwScratch(m);
  if (scratch.prev.length < m + 1) {
    scratch.prev = new Float64Array(m + 1);
    scratch.curr = new Float64Array(m + 1);
  }
  return scratch;
}

/**
 * The minimal accumulated squared cost over the cells of `span` (cells outside it count as
 * Infinity), or Infinity once it is certain to exceed `threshold` (a squared cost; Infinity = no
 * abandoning). Rows run over `a`, columns over `b`; both non-empty.
 */
export function dtwSquaredInSpanJs(a: Series, b: Series, span: RowSpan, threshold: number, scratchIn?: DtwScratch): number {
  const n = a.length;
  const m = b.length;
  const scratch = ensureScratch(scratchIn, m);
  let prev = scratch.prev;
  let curr = scratch.curr;
  // Row "−1": only the virtual origin (index 0) is live. Column index k = j + 1; k = 0 is the border.
  prev.fill(Infinity, 0, m + 1);
  prev[0] = 0;
  let liveFirst = 0;
  let liveLast = 0;
  for (let i = 0; i < n; i++) {
    const ai = a[i]!;
    const kLo = Math.max(span.lo(i) + 1, liveFirst, 1);
    const kHi = span.hi(i); // last column index allowed (inclusive, as k = j + 1)
    curr[kLo - 1] = Infinity;
    let left = Infinity;
    // Part A: cells that may have a live neighbour above (k ≤ liveLast + 1).
    const aEnd = Math.min(kHi, liveLast + 1);
    let k = kLo;
    for (; k <= aEnd; k++) {
      const d = ai - b[k - 1]!;
      let best = prev[k - 1]!;
      const up = prev[k]!;
      if (up < best) best = up;
      if (left < best) best = left;
      left = d * d + best;
      curr[k] = left;
    }
    // Part B: beyond the previous row's live range only the left neighbour can be live.
    for (; k <= kHi && left <= threshold; k++) {
      const d = ai - b[k - 1]!;
      left = d * d + left;
      curr[k] = left;
    }
    if (k <= m) curr[k] = Infinity; // the next row may read one cell past what was computed
    scratch.cells += k - kLo;
    // The live range of this row: scanned after the fact, keeping branches out of the DP loop.
    let first = kLo;
    while (first < k && !(curr[first]! <= threshold)) first++;
    if (first === k) return Infinity;
    let last = k - 1;
    while (!(curr[last]! <= threshold)) last--;
    liveFirst = first;
    liveLast = last;
    const t = prev;
    prev = curr;
    curr = t;
  }
  // After the last swap the final row is `prev`.
  const result = liveLast === m ? prev[m]! : Infinity;
  return result <= threshold ? result : Infinity;
}
