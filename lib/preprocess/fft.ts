import { PreprocessError } from "./errors";

/** The smallest power of two ≥ n (1 for n ≤ 1). */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;
}

/** cos/sin of 2πk/n for k < n/2, cached per n (FFT lengths repeat across channels and sequences). */
const twiddleCache = new Map<number, { cos: Float64Array; sin: Float64Array }>();
const TWIDDLE_CACHE_LIMIT = 8;

function twiddles(n: number): { cos: Float64Array; sin: Float64Array } {
  const cached = twiddleCache.get(n);
  if (cached) return cached;
  const half = n / 2;
  const cos = new Float64Array(half);
  const sin = new Float64Array(half);
  for (let k = 0; k < half; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / n);
    sin[k] = Math.sin((2 * Math.PI * k) / n);
  }
  if (twiddleCache.size >= TWIDDLE_CACHE_LIMIT) twiddleCache.clear();
  const table = { cos, sin };
  twiddleCache.set(n, table);
  return table;
}

function bitReversePermute(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = re[i] ?? 0;
      re[i] = re[j] ?? 0;
      re[j] = tr;
      const ti = im[i] ?? 0;
      im[i] = im[j] ?? 0;
      im[j] = ti;
    }
  }
}

/**
 * In-place iterative radix-2 complex FFT (Cooley–Tukey, decimation in time).
 * Forward: X[k] = Σ x[t]·e^(−2πi·kt/n). Inverse (`inverse = true`) uses e^(+2πi·kt/n) and divides
 * by n, so fft → inverse fft returns the input. The length must be a power of two
 * (`invalid_option` otherwise) and `re`, `im` of the same length.
 */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if (im.length !== n || !isPowerOfTwo(n)) {
    throw new PreprocessError("invalid_option", `FFT needs equal power-of-two lengths, got ${n} and ${im.length}`);
  }
  bitReversePermute(re, im);
  const { cos, sin } = twiddles(n);
  const sign = inverse ? 1 : -1;
  for (let size = 2; size <= n; size *= 2) {
    const half = size / 2;
    const step = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * step] ?? 0;
        const wi = sign * (sin[k * step] ?? 0);
        const i = start + k;
        const j = i + half;
        const br = re[j] ?? 0;
        const bi = im[j] ?? 0;
        const tr = br * wr - bi * wi;
        const ti = br * wi + bi * wr;
        const ar = re[i] ?? 0;
        const ai = im[i] ?? 0;
        re[j] = ar - tr;
        im[j] = ai - ti;
        re[i] = ar + tr;
        im[i] = ai + ti;
      }
    }
  }
  if (inverse) {
    for (let i = 0; i < n; i++) {
      re[i] = (re[i] ?? 0) / n;
      im[i] = (im[i] ?? 0) / n;
    }
  }
}
