import { requireNonNegativeInteger } from "./check";
import { PreprocessError } from "./errors";
import { fft, nextPowerOfTwo } from "./fft";

/** z_{0.995} = Φ⁻¹(1 − 0.01/2): the 99 % two-sided normal quantile (scipy.stats.norm.ppf(0.995)). */
export const Z_99 = 2.5758293035489004;

export type AcfMethod = "auto" | "direct" | "fft";

function demean(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i] ?? 0;
  const mean = sum / n;
  if (!Number.isFinite(mean)) {
    throw new PreprocessError("non_finite_value", "series for the ACF holds a NaN or infinite value");
  }
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = (x[i] ?? 0) - mean;
  return d;
}

/** Σ_{t} d[t]·d[t+k] for k = 0..maxLag, by the direct O(n·maxLag) sum. */
function autocovDirect(d: Float64Array, maxLag: number): Float64Array {
  const n = d.length;
  const out = new Float64Array(maxLag + 1);
  for (let k = 0; k <= maxLag; k++) {
    let s = 0;
    for (let t = 0; t + k < n; t++) s += (d[t] ?? 0) * (d[t + k] ?? 0);
    out[k] = s;
  }
  return out;
}

/** The same sums through the Wiener–Khinchin theorem: zero-pad to a power of two ≥ 2n, |FFT|², inverse FFT. */
function autocovFft(d: Float64Array, maxLag: number): Float64Array {
  const size = nextPowerOfTwo(2 * d.length);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  re.set(d);
  fft(re, im);
  for (let i = 0; i < size; i++) {
    const r = re[i] ?? 0;
    const m = im[i] ?? 0;
    re[i] = r * r + m * m;
    im[i] = 0;
  }
  fft(re, im, true);
  return re.slice(0, maxLag + 1);
}

/**
 * Whether the FFT route is cheaper: the direct sum costs ≈ n·(maxLag+1) multiply-adds, the FFT route
 * two transforms of N·log2 N butterflies (N = the padded length).
 */
export function prefersFftAcf(n: number, maxLag: number): boolean {
  const size = nextPowerOfTwo(2 * n);
  return n * (maxLag + 1) > 6 * size * Math.log2(size);
}

/**
 * Sample autocorrelation for lags 0..maxLag with statsmodels' `acf` definition (adjusted=False):
 * acf[k] = Σ_{t<n−k} (x_t − x̄)(x_{t+k} − x̄) / Σ_t (x_t − x̄)², i.e. the biased autocovariance
 * (divided by n) over the variance. Computed in float64. `method` "auto" picks the FFT route when it
 * is cheaper (long series, many lags). A constant series has no ACF: every entry is NaN (as in
 * statsmodels). Throws `invalid_option` unless 0 ≤ maxLag ≤ n − 1, `non_finite_value` for NaN input.
 */
export function acf(x: ArrayLike<number>, maxLag: number, method: AcfMethod = "auto"): Float64Array {
  requireNonNegativeInteger(maxLag, "invalid_option", "maxLag");
  if (maxLag > x.length - 1) {
    throw new PreprocessError("invalid_option", `maxLag ${maxLag} needs at least ${maxLag + 1} steps, got ${x.length}`);
  }
  const d = demean(x);
  const useFft = method === "fft" || (method === "auto" && prefersFftAcf(d.length, maxLag));
  const cov = useFft ? autocovFft(d, maxLag) : autocovDirect(d, maxLag);
  let c0 = 0;
  for (let t = 0; t < d.length; t++) c0 += (d[t] ?? 0) * (d[t] ?? 0);
  const out = new Float64Array(maxLag + 1);
  if (c0 === 0) return out.fill(NaN);
  for (let k = 0; k <= maxLag; k++) out[k] = (cov[k] ?? 0) / c0;
  out[0] = 1;
  return out;
}

/**
 * Half-widths of statsmodels' confidence band around each acf value (Bartlett's formula, as
 * `acf(..., alpha)` computes it): var[0] = 0, var[1] = 1/n, var[k] = (1 + 2·Σ_{j=1}^{k−1} acf[j]²)/n,
 * half-width[k] = z·sqrt(var[k]). `n` is the number of observations the ACF was computed from.
 */
export function bartlettHalfWidths(acfValues: ArrayLike<number>, n: number, z: number = Z_99): Float64Array {
  const out = new Float64Array(acfValues.length);
  let sumSquares = 0;
  for (let k = 1; k < acfValues.length; k++) {
    out[k] = z * Math.sqrt((1 + 2 * sumSquares) / n);
    const r = acfValues[k] ?? 0;
    sumSquares += r * r;
  }
  return out;
}

/**
 * How "falls inside the band" is tested at lag k:
 * - "inside": |acf[k]| < halfWidth[k] — inside the band around zero (the rule of docs/algorithms.md §1.3; default).
 * - "below-upper": acf[k] < halfWidth[k] — the reference pipeline's test (`corr - upper_y < 0`), which
 *   also counts a strongly negative acf as a crossing.
 */
export type BandTest = "inside" | "below-upper";

/** The first lag k ≥ 1 whose acf passes `test`, or null when none does (NaN never passes). */
export function firstLagInsideBand(acfValues: ArrayLike<number>, halfWidths: ArrayLike<number>, test: BandTest = "inside"): number | null {
  for (let k = 1; k < acfValues.length; k++) {
    const r = acfValues[k] ?? NaN;
    const h = halfWidths[k] ?? NaN;
    if ((test === "inside" ? Math.abs(r) : r) < h) return k;
  }
  return null;
}
