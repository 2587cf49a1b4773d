/**
 * Cheap bounds on the DTW distance of `dtwDistance` (squared cost, steps (1,0), (0,1), (1,1)).
 *
 * Lower bounds rest on two facts about every warping path: it starts at (0, 0) and ends at
 * (n−1, m−1), and it visits every row i of `a` at least once, at a column allowed by the band.
 * Upper bounds are the cost of one particular valid path. All are exact in real arithmetic; callers
 * that prune on them (lib/query) still widen them by a relative 1e-9 against rounding.
 */
import { bandHi, bandLo, resolveBand } from "./band";
import type { Series } from "./types";

/** First and last points: (0,0) and (n−1,m−1) are on every path (one cell when n = m = 1). */
export function lbKim(a: Series, b: Series): number {
  const d0 = a[0]! - b[0]!;
  if (a.length === 1 && b.length === 1) return Math.abs(d0);
  const d1 = a[a.length - 1]! - b[b.length - 1]!;
  return Math.sqrt(d0 * d0 + d1 * d1);
}

export type Envelope = { lower: Float64Array; upper: Float64Array };

/**
 * LB_Keogh envelope of `b` for the rows of a series of length `n`: lower[i] / upper[i] = min / max
 * of b over the columns that row i may use (the whole of b without a band). Sliding-window min/max
 * with monotone deques, O(n + m).
 */
export function keoghEnvelope(b: Series, n: number, window?: number): Envelope {
  const m = b.length;
  const band = resolveBand(n, m, window);
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  const minQ = new Int32Array(m);
  const maxQ = new Int32Array(m);
  let minH = 0,
    minT = 0,
    maxH = 0,
    maxT = 0;
  let next = 0; // next column to push
  for (let i = 0; i < n; i++) {
    const lo = bandLo(band, i);
    const hi = bandHi(band, i, m);
    for (; next < hi; next++) {
      const v = b[next]!;
      while (minT > minH && b[minQ[minT - 1]!]! >= v) minT--;
      minQ[minT++] = next;
      while (maxT > maxH && b[maxQ[maxT - 1]!]! <= v) maxT--;
      maxQ[maxT++] = next;
    }
    while (minQ[minH]! < lo) minH++;
    while (maxQ[maxH]! < lo) maxH++;
    lower[i] = b[minQ[minH]!]!;
    upper[i] = b[maxQ[maxH]!]!;
  }
  return { lower, upper };
}

/** LB_Keogh: row i costs at least the squared distance of a[i] to [lower[i], upper[i]]. */
export function lbKeogh(a: Series, env: Envelope): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    const u = env.upper[i]!;
    const l = env.lower[i]!;
    const d = v > u ? v - u : v < l ? l - v : 0;
    sum += d * d;
  }
  return Math.sqrt(sum);
}

/** LB_Keogh without a band (LB_Yi): the distance of each a[i] to the range [bMin, bMax] of b. */
export function lbRange(a: Series, bMin: number, bMax: number): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    const d = v > bMax ? v - bMax : v < bMin ? bMin - v : 0;
    sum += d * d;
  }
  return Math.sqrt(sum);
}

export function seriesRange(a: Series): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** The best of the lower bounds above, in both directions (each alone is a valid bound). */
export function dtwLowerBound(a: Series, b: Series, window?: number): number {
  let best = lbKim(a, b);
  const ab = lbKeogh(a, keoghEnvelope(b, a.length, window));
  const ba = lbKeogh(b, keoghEnvelope(a, b.length, window));
  if (ab > best) best = ab;
  if (ba > best) best = ba;
  return best;
}

/**
 * Upper bound: the cost of the straight warping path. Along the longer series (length L) step k
 * pairs index k with ⌊k·(S−1)/(L−1)⌋ of the shorter one (length S): steps (1,0) or (1,1), from
 * (0,0) to the end, and inside every dtaidistance band (whose width grows with |n − m|). For equal
 * lengths it is the Euclidean distance. Costs are accumulated in path order, as the DP does.
 */
export function upperBoundPath(a: Series, b: Series): number {
  const long = a.length >= b.length ? a : b;
  const short = long === a ? b : a;
  const L = long.length;
  const S = short.length;
  let sum = 0;
  if (L === S) {
    for (let k = 0; k < L; k++) {
      const d = long[k]! - short[k]!;
      sum = d * d + sum;
    }
    return Math.sqrt(sum);
  }
  for (let k = 0; k < L; k++) {
    const j = L === 1 ? 0 : Math.floor((k * (S - 1)) / (L - 1));
    const d = long[k]! - short[j]!;
    sum = d * d + sum;
  }
  return Math.sqrt(sum);
}
