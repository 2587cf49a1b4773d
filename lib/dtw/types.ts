/** A numeric series as DTW reads it (score series are Float32Array; tests often use Float64Array). */
import { CodedError } from "../coded-error";

export type Series = Float32Array | Float64Array;

export type DtwOptions = {
  /**
   * Sakoe–Chiba band exactly as dtaidistance's `window`: for row i of `a` (length n) the columns j of
   * `b` (length m) allowed are
   *   i − max(0, n − m) − (window − 1)  ≤  j  ≤  i + max(0, m − n) + (window − 1),
   * i.e. |i − j| < window on equal lengths (window = 1 is the Euclidean distance), widened by the length
   * difference so that a path always exists. `undefined` or 0 (dtaidistance's "no window") = no band.
   */
  window?: number;
  /**
   * Early abandoning: once it is certain that the distance exceeds `upperBound`, stop and return
   * Infinity. Cells whose accumulated cost exceeds upperBound² are pruned (PrunedDTW), which cannot
   * change a result that is ≤ upperBound. Guarantee: the result is either the exact distance or
   * Infinity, and Infinity only when the exact distance is > upperBound.
   */
  upperBound?: number;
  /** Reusable rows for hot loops (see `createDtwScratch`); grown when too short. */
  scratch?: DtwScratch;
};

/**
 * Two DP rows for the JavaScript kernel, reused across calls so that a hot loop allocates nothing
 * (the WebAssembly kernel keeps its rows in its own memory), and a running count of the cells
 * computed (a machine-independent measure of work for benchmarks; the same for both kernels).
 */
export type DtwScratch = { prev: Float64Array; curr: Float64Array; cells: number };

export type DtwErrorCode = "invalid-window" | "invalid-upper-bound" | "empty-series";

export class DtwError extends CodedError<DtwErrorCode> {
  override readonly name = "DtwError";
}
