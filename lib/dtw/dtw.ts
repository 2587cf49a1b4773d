/**
 * Dynamic time warping as dtaidistance's `dtw.distance_fast` with default settings: the cost of a
 * cell is the squared difference, accumulated along the warping path with the steps (i−1, j),
 * (i, j−1), (i−1, j−1), no window unless one is given, result = √(minimal accumulated cost).
 *
 * The kernel is PrunedDTW with early abandoning on two rows (see `dtw-js.ts` for the algorithm and
 * why results ≤ upperBound are exact). It runs in WebAssembly (`dtw-wasm.ts`, the same operations,
 * hence the same bits, at native speed) wherever WebAssembly SIMD is available, in plain
 * JavaScript (`dtw-js.ts`) elsewhere.
 */
import { bandSpan, resolveBand, type RowSpan } from "./band";
import { dtwSquaredInSpanJs } from "./dtw-js";
import { wasmDtwKernel } from "./dtw-wasm";
import { DtwError, type DtwOptions, type DtwScratch, type Series } from "./types";

export { createDtwScratch } from "./dtw-js";

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
export function dtwSquared(a: Series, b: Series, window: number | undefined, threshold: number, scratch?: DtwScratch): number {
  if (a.length === 0 || b.length === 0) throw new DtwError("empty-series", "DTW needs two non-empty series");
  const wasm = wasmDtwKernel();
  if (wasm) return wasm.band(a, b, resolveBand(a.length, b.length, window), threshold, scratch);
  return dtwSquaredInSpanJs(a, b, bandSpan(a.length, b.length, window), threshold, scratch);
}

/**
 * The same DP restricted to the cells of `span` (cells outside it count as Infinity), so the result
 * is ≥ the unrestricted one — an upper bound when the span is narrower than the band.
 */
export function dtwSquaredInSpan(a: Series, b: Series, span: RowSpan, threshold: number, scratch?: DtwScratch): number {
  const wasm = wasmDtwKernel();
  if (wasm) return wasm.span(a, b, span, threshold, scratch);
  return dtwSquaredInSpanJs(a, b, span, threshold, scratch);
}
