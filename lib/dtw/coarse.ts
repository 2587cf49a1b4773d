/**
 * A tight, cheap upper bound on the unconstrained DTW distance (FastDTW's idea, used as a bound):
 * average both series over blocks of `factor` points (PAA), run DTW on the short series and take
 * its warping path, widen the path by `radius` blocks into a corridor at full resolution, and run
 * the exact DP inside that corridor. The corridor holds a complete warping path from (0,0) to
 * (n−1,m−1) (blocks of consecutive path cells touch at least at a corner), and the DP inside it
 * minimises over a subset of the paths of the full DP, cell by cell — so the result is ≥ the exact
 * distance, also in floating point (rounding is monotone). Cost ≈ (2·radius+1)·factor cells per row.
 */
import { dtwSquaredInSpan } from "./dtw";
import type { RowSpan } from "./band";
import type { DtwScratch, Series } from "./types";

export function paa(a: Series, factor: number): Float64Array {
  const out = new Float64Array(Math.ceil(a.length / factor));
  for (let block = 0; block < out.length; block++) {
    const end = Math.min(a.length, (block + 1) * factor);
    let sum = 0;
    for (let i = block * factor; i < end; i++) sum += a[i]!;
    out[block] = sum / (end - block * factor);
  }
  return out;
}

/** The optimal warping path of the full DTW matrix of two short series, as [row, col] from (0,0). */
export function warpingPath(a: Float64Array, b: Float64Array): Int32Array {
  const n = a.length;
  const w = b.length + 1;
  const D = new Float64Array((n + 1) * w).fill(Infinity);
  D[0] = 0;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j < w; j++) {
      const d = a[i - 1]! - b[j - 1]!;
      D[i * w + j] = d * d + Math.min(D[(i - 1) * w + j - 1]!, D[(i - 1) * w + j]!, D[i * w + j - 1]!);
    }
  }
  const path: number[] = [];
  let i = n;
  let j = b.length;
  while (i > 0 && j > 0) {
    path.push(j - 1, i - 1); // reversed below
    const diag = D[(i - 1) * w + j - 1]!;
    const up = D[(i - 1) * w + j]!;
    const left = D[i * w + j - 1]!;
    if (diag <= up && diag <= left) [i, j] = [i - 1, j - 1];
    else if (up <= left) i--;
    else j--;
  }
  return Int32Array.from(path.reverse());
}

/** The full-resolution corridor around a block path, widened by `radius` blocks. */
export function corridorSpan(path: Int32Array, n: number, m: number, factor: number, radius: number): RowSpan {
  const rows = Math.ceil(n / factor);
  const cols = Math.ceil(m / factor);
  const loBlock = new Int32Array(rows).fill(cols);
  const hiBlock = new Int32Array(rows).fill(-1);
  for (let p = 0; p < path.length; p += 2) {
    const I = path[p]!;
    const J = path[p + 1]!;
    for (let r = Math.max(0, I - radius); r <= Math.min(rows - 1, I + radius); r++) {
      loBlock[r] = Math.min(loBlock[r]!, Math.max(0, J - radius));
      hiBlock[r] = Math.max(hiBlock[r]!, Math.min(cols - 1, J + radius));
    }
  }
  return {
    lo: (i) => loBlock[Math.floor(i / factor)]! * factor,
    hi: (i) => Math.min(m, (hiBlock[Math.floor(i / factor)]! + 1) * factor),
  };
}

export const DEFAULT_CORRIDOR_FACTOR = 8;

export type CorridorOptions = { factor?: number; radius?: number; scratch?: DtwScratch; threshold?: number };

/**
 * Squared upper bound on the unconstrained DTW cost of a and b (see above); Infinity when the
 * corridor's minimum exceeds `threshold` (a squared cost; then use another bound).
 */
export function corridorUpperBoundSquared(a: Series, b: Series, opts: CorridorOptions = {}): number {
  const factor = opts.factor ?? DEFAULT_CORRIDOR_FACTOR;
  const radius = opts.radius ?? 1;
  const path = warpingPath(paa(a, factor), paa(b, factor));
  const span = corridorSpan(path, a.length, b.length, factor, radius);
  return dtwSquaredInSpan(a, b, span, opts.threshold ?? Infinity, opts.scratch);
}

export function corridorUpperBound(a: Series, b: Series, opts: CorridorOptions = {}): number {
  return Math.sqrt(corridorUpperBoundSquared(a, b, opts));
}
