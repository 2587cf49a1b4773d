/**
 * The unit of DTW work that DQS hands out: a list of pair requests over series ids (0 … N−1 the
 * pool candidates, N … the series queried before), packed in typed arrays so that it crosses to a
 * worker in one message. `computePairs` does the work; it is the whole of a pool worker's job, and
 * what DQS runs inline when it has no pool. Pure: no cache, no threads, the caller owns the scratch.
 */
import { corridorUpperBoundSquared, DEFAULT_CORRIDOR_FACTOR } from "../dtw/coarse";
import { dtwDistance, thresholdFor } from "../dtw/dtw";
import type { DtwScratch } from "../dtw/types";

/** Relative widening of an upper bound against floating-point rounding. */
export const UPPER_SLACK = 1 + 1e-9;

export const PAIR_KIND = {
  /** d(a, b) if ≤ bound (exact), else Infinity (abandoned early). */
  dtw: 0,
  /** The coarse-path corridor upper bound of d(a, b) widened by UPPER_SLACK, Infinity when > bound. */
  corridor: 1,
} as const;

export type PairRequests = {
  kind: Uint8Array;
  a: Int32Array;
  b: Int32Array;
  bound: Float64Array;
};

export type PairResults = { values: Float64Array; cells: number };

export type PairRequest = { kind: (typeof PAIR_KIND)[keyof typeof PAIR_KIND]; a: number; b: number; bound: number };

export function packRequests(list: readonly PairRequest[]): PairRequests {
  const out: PairRequests = {
    kind: new Uint8Array(list.length),
    a: new Int32Array(list.length),
    b: new Int32Array(list.length),
    bound: new Float64Array(list.length),
  };
  list.forEach((r, i) => {
    out.kind[i] = r.kind;
    out.a[i] = r.a;
    out.b[i] = r.b;
    out.bound[i] = r.bound;
  });
  return out;
}

export function computePairs(series: readonly Float32Array[], r: PairRequests, scratch: DtwScratch): PairResults {
  const values = new Float64Array(r.kind.length);
  const cells0 = scratch.cells;
  for (let i = 0; i < values.length; i++) {
    const a = series[r.a[i]!]!;
    const b = series[r.b[i]!]!;
    const bound = r.bound[i]!;
    if (r.kind[i] === PAIR_KIND.dtw) {
      values[i] = dtwDistance(a, b, { upperBound: bound, scratch });
    } else {
      const sq = corridorUpperBoundSquared(a, b, { scratch, threshold: thresholdFor(bound) });
      const f = DEFAULT_CORRIDOR_FACTOR;
      scratch.cells += Math.ceil(a.length / f) * Math.ceil(b.length / f); // the coarse DP
      values[i] = sq === Infinity ? Infinity : Math.sqrt(sq) * UPPER_SLACK;
    }
  }
  return { values, cells: scratch.cells - cells0 };
}

/**
 * Who computes the pairs: inline (synchronous), a pool of workers or threads (asynchronous). An
 * executor may also estimate whole rows (e.g. on a GPU): approximate distances from one series to
 * every pool candidate, each within a relative error `relativeError` of the exact value.
 */
export interface PairExecutor {
  /** Number of requests worth handing out at once (1 = strictly sequential, no speculation). */
  readonly roundSize: number;
  run(requests: PairRequests): PairResults | Promise<PairResults>;
  estimateRows?(ids: readonly number[]): Promise<RowEstimates>;
}

export type RowEstimates = { rows: Float32Array[]; relativeError: number[] };
