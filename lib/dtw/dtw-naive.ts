import { bandHi, bandLo, resolveBand } from "./band";
import { DtwError, type Series } from "./types";

/**
 * The textbook DTW: the whole (n+1) × (m+1) matrix D with D[0][0] = 0, borders Infinity, and
 *   D[i][j] = (a[i−1] − b[j−1])² + min(D[i−1][j−1], D[i−1][j], D[i][j−1]),
 * distance = √D[n][m]. No pruning, no abandoning, one allocation per call. Reference for tests and
 * the benchmark baseline. `window` as in `DtwOptions` (cells outside the band stay Infinity).
 */
export function dtwDistanceNaive(a: Series, b: Series, opts: { window?: number } = {}): number {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) throw new DtwError("empty-series", "DTW needs two non-empty series");
  const band = resolveBand(n, m, opts.window);
  const w = m + 1;
  const D = new Float64Array((n + 1) * w).fill(Infinity);
  D[0] = 0;
  for (let i = 1; i <= n; i++) {
    const ai = a[i - 1]!;
    const hi = bandHi(band, i - 1, m);
    for (let j = bandLo(band, i - 1) + 1; j <= hi; j++) {
      const d = ai - b[j - 1]!;
      const diag = D[(i - 1) * w + j - 1]!;
      const up = D[(i - 1) * w + j]!;
      const left = D[i * w + j - 1]!;
      D[i * w + j] = d * d + Math.min(diag, up, left);
    }
  }
  return Math.sqrt(D[n * w + m]!);
}
