/**
 * Dynamic time warping as dtaidistance's `dtw.distance_fast` with default settings: the cost of a
 * cell is the squared difference, accumulated along the warping path with the steps (i−1, j),
 * (i, j−1), (i−1, j−1), no window unless one is given, result = √(minimal accumulated cost).
 *
 * Two rows of Float64Array, no allocation per cell. With a threshold T = upperBound² the kernel is
 * PrunedDTW with early abandoning: a cell whose accumulated cost exceeds T can lie on no path of
 * cost ≤ T, so each row is computed only from the first to the last "live" (≤ T) cell of the
 * previous row, plus a run to the right that is fed by the left neighbour alone; when a row has no
 * live cell the distance is > upperBound. Invariant (by induction over cells): every cell whose true
 * value is ≤ T is computed with exactly the operations of the full matrix, hence bit-identical;
 * every other cell reads > T or is not computed. So results ≤ upperBound are exact.
 *
 * Typed-array reads in the loops use `!` (noUncheckedIndexedAccess): every index is in range by
 * the loop bounds, and a check per cell would cost more than the cell.
 */
import { bandSpan, type RowSpan } from "./band";
import { DtwError, type DtwOptions, type DtwScratch, type Series } from "./types";

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
 * Squared threshold for an upper bound on the distance, with a relative slack of 1e-12 so that
 * rounding in √ / squaring can never abandon a pair whose distance is ≤ upperBound.
 */
export function thresholdFor(upperBound: number | undefined): number {
  if (upperBound === undefined || upperBound === Infinity) return Infinity;
  if (!(upperBound >= 0)) {
    throw new DtwError("invalid-upper-bound", `upperBound must be ≥ 0, got ${upperBound}`);
  }
  return upperBound * upperBound * (1 + 1e-12);
}

export function dtwDistance(a: Series, b: Series, opts: DtwOptions = {}): number {
  const sq = dtwSquared(a, b, opts.window, thresholdFor(opts.upperBound), opts.scratch);
  return sq === Infinity ? Infinity : Math.sqrt(sq);
}

/**
 * The minimal accumulated squared cost, or Infinity once it is certain to exceed `threshold`
 * (a squared cost; Infinity = no abandoning). Rows run over `a`, columns over `b`.
 */
export function dtwSquared(a: Series, b: Series, window: number | undefined, threshold: number, scratchIn?: DtwScratch): number {
  if (a.length === 0 || b.length === 0) throw new DtwError("empty-series", "DTW needs two non-empty series");
  return dtwSquaredInSpan(a, b, bandSpan(a.length, b.length, window), threshold, scratchIn);
}

/**
 * The same DP restricted to the cells of `span` (cells outside it count as Infinity), so the result
 * is ≥ the unrestricted one — an upper bound when the span is narrower than the band.
 */
export function dtwSquaredInSpan(a: Series, b: Series, span: RowSpan, threshold: number, scratchIn?: DtwScratch): number {
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
