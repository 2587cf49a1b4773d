/**
 * `np.percentile(a, p)` with numpy's default method ('linear', Hyndman & Fan type 7), reproduced
 * operation by operation (numpy 2.x `_quantile` / `_lerp`) so that the grid baseline picks the
 * same thresholds as the reference:
 *   q = p / 100; v = (n − 1)·q; i = floor(v); γ = v − i;
 *   a = x[i], b = x[i + 1], d = b − a;  γ < 0.5 → a + d·γ,  γ ≥ 0.5 → b − d·(1 − γ);
 *   v ≥ n − 1 → x[n − 1].
 * numpy subtracts b − a in the array's dtype: pass `float32 = true` when the pooled scores were
 * float32, so that d is rounded to float32 as numpy does; the rest is float64.
 */

/** The reference's grid `np.arange(0, 100.01, 0.01)`: numpy fills it as i · 0.01. */
export const GRID_STEP = 0.01;
export const GRID_SIZE = 10_001;

export function gridPercent(i: number): number {
  return i * GRID_STEP;
}

/** `sorted` ascending and without NaN; returns NaN for an empty array. */
export function percentileOfSorted(sorted: Float64Array, percent: number, float32 = false): number {
  const n = sorted.length;
  const last = sorted[n - 1];
  if (last === undefined) return Number.NaN;
  const virtual = (n - 1) * (percent / 100);
  if (virtual >= n - 1) return last;
  const lo = Math.max(0, Math.floor(virtual));
  const gamma = virtual - lo;
  const a = sorted[lo] ?? last;
  const b = sorted[lo + 1] ?? last;
  const diff = float32 ? Math.fround(b - a) : b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}
