/**
 * One anchor against many series — the unit of work a worker pool can split (by slicing
 * `candidates`). Pure: no cache, no threads; the caller owns the scratch.
 */
import { dtwDistance } from "../dtw/dtw";
import type { DtwScratch, Series } from "../dtw/types";
import { throwIfAborted } from "./pool";

export type DistanceRowOptions = {
  window?: number;
  /** Per-candidate early-abandoning bound (see DtwOptions.upperBound); Infinity where abandoned. */
  upperBounds?: Float64Array;
  signal?: AbortSignal;
};

export function computeDistanceRow(
  target: Series,
  candidates: readonly Series[],
  scratch: DtwScratch,
  opts: DistanceRowOptions = {},
): Float64Array {
  const out = new Float64Array(candidates.length);
  candidates.forEach((c, i) => {
    if ((i & 63) === 0) throwIfAborted(opts.signal);
    out[i] = dtwDistance(target, c, { window: opts.window, upperBound: opts.upperBounds?.[i], scratch });
  });
  return out;
}
