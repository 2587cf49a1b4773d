/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013) of an evenly spaced series: keeps
 * the first and last points and, from each of `threshold − 2` buckets in between, the point that
 * spans the largest triangle with the point kept before it and the mean of the next bucket. The
 * x values are the indices, so the result is a list of indices into `y`.
 */

/** Indices of the points to keep, ascending; all indices when `threshold` ≥ the length. */
export function lttbIndices(y: ArrayLike<number>, threshold: number): Uint32Array {
  const n = y.length;
  if (!Number.isInteger(threshold) || threshold < 0) throw new RangeError(`threshold must be a whole number ≥ 0, got ${threshold}`);
  if (threshold >= n || threshold === 0) return Uint32Array.from({ length: n }, (_, i) => i);
  if (threshold < 3) return threshold === 1 ? Uint32Array.of(0) : Uint32Array.of(0, n - 1);
  const out = new Uint32Array(threshold);
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  out[0] = 0;
  for (let bucket = 0; bucket < threshold - 2; bucket++) {
    // Mean of the next bucket (for the last bucket: the last point); the mean of its x is exact.
    const nextStart = Math.floor((bucket + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((bucket + 2) * every) + 1, n);
    let sumY = 0;
    for (let i = nextStart; i < nextEnd; i++) sumY += y[i] as number;
    const avgX = (nextStart + nextEnd - 1) / 2;
    const avgY = sumY / (nextEnd - nextStart);
    // The point of this bucket with the largest triangle (a, point, mean of next bucket); twice the
    // area is |(a − avgX)(y − ay) − (a − x)(avgY − ay)|.
    const start = Math.floor(bucket * every) + 1;
    const end = Math.floor((bucket + 1) * every) + 1;
    const ay = y[a] as number;
    const dx = a - avgX;
    const dy = avgY - ay;
    let best = start;
    let bestArea = -1;
    for (let i = start; i < end; i++) {
      const area = Math.abs(dx * ((y[i] as number) - ay) - (a - i) * dy);
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    out[bucket + 1] = best;
    a = best;
  }
  out[threshold - 1] = n - 1;
  return out;
}
