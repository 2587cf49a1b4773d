/**
 * What one DQS batch knows about the DTW distance between an "anchor" (a queried series, or the
 * most similar candidate of an iteration) and each pool candidate: the exact value once computed,
 * otherwise a lower bound (cheap bounds, raised when an early-abandoned computation proves more).
 *
 * Ids: 0 … N−1 are pool candidates (input order), N … N+Q−1 the series queried before the batch.
 * Exact values are shared in both directions between pool anchors and with the caller's
 * DistanceCache (read when a row is created, written when a value is computed).
 */
import { lbKim, lbRange, seriesRange } from "../dtw/bounds";
import { corridorUpperBoundSquared, DEFAULT_CORRIDOR_FACTOR } from "../dtw/coarse";
import { createDtwScratch, dtwDistance, thresholdFor } from "../dtw/dtw";
import type { DtwScratch } from "../dtw/types";
import type { DistanceCache } from "./distance-cache";
import type { Candidate } from "./types";

/** Bounds are widened by this relative amount against floating-point rounding. */
export const LOWER_SLACK = 1 - 1e-9;
export const UPPER_SLACK = 1 + 1e-9;

export type PairRow = {
  /** Exact distance to pool candidate c, NaN while unknown. */
  exact: Float64Array;
  /** A lower bound of that distance (meaningful where exact is NaN); filled by `withLowerBounds`. */
  lb: Float64Array;
  hasLb: boolean;
};

/** Work counters: DTW computations (all, in the argmin step, abandoned early) for benchmarks. */
export type DqsStats = { dtwCalls: number; argminCalls: number; abandoned: number; corridorCalls: number; cells: number };

export class PairTable {
  readonly size: number;
  readonly stats: DqsStats = { dtwCalls: 0, argminCalls: 0, abandoned: 0, corridorCalls: 0, cells: 0 };
  private readonly series: Float32Array[];
  private readonly keys: string[];
  private readonly ranges: { min: number; max: number }[];
  private readonly rows = new Map<number, PairRow>();
  private readonly scratch: DtwScratch;

  constructor(pool: Candidate[], queried: Candidate[], private readonly cache?: DistanceCache) {
    this.size = pool.length;
    const all = [...pool, ...queried];
    this.series = all.map((c) => c.scores);
    this.keys = all.map((c) => c.key);
    this.ranges = this.series.map(seriesRange);
    this.scratch = createDtwScratch(this.series.reduce((m, s) => Math.max(m, s.length), 1));
  }

  /** The counters, with the DP cells computed so far. */
  snapshot(): DqsStats {
    return { ...this.stats, cells: this.scratch.cells };
  }

  seriesOf(id: number): Float32Array {
    return this.series[id]!;
  }

  keyOf(id: number): string {
    return this.keys[id]!;
  }

  row(id: number): PairRow {
    const existing = this.rows.get(id);
    if (existing) return existing;
    const row: PairRow = { exact: new Float64Array(this.size).fill(NaN), lb: new Float64Array(this.size), hasLb: false };
    if (id < this.size) {
      row.exact[id] = 0;
      for (const [other, r] of this.rows) if (other < this.size) row.exact[other] = r.exact[id]!;
    }
    if (this.cache) {
      const key = this.keys[id]!;
      for (let c = 0; c < this.size; c++) {
        if (row.exact[c] !== row.exact[c]) row.exact[c] = this.cache.get(key, this.keys[c]!) ?? NaN;
      }
    }
    this.rows.set(id, row);
    return row;
  }

  /** The row with cheap lower bounds: max(LB_Kim, LB_Yi both ways), widened by LOWER_SLACK. */
  withLowerBounds(id: number): PairRow {
    const row = this.row(id);
    if (row.hasLb) return row;
    const x = this.series[id]!;
    const rx = this.ranges[id]!;
    for (let c = 0; c < this.size; c++) {
      const y = this.series[c]!;
      const ry = this.ranges[c]!;
      const lb = Math.max(lbKim(x, y), lbRange(x, ry.min, ry.max), lbRange(y, rx.min, rx.max));
      row.lb[c] = lb * LOWER_SLACK;
    }
    row.hasLb = true;
    return row;
  }

  /**
   * Upper bound of d(anchor, c) from the coarse-path corridor (lib/dtw/coarse.ts), widened by
   * UPPER_SLACK; Infinity when it would exceed `limit` (the caller then keeps its own bound).
   */
  corridorBound(anchor: number, c: number, limit: number): number {
    this.stats.corridorCalls++;
    const [a, b] = [this.series[anchor]!, this.series[c]!];
    const sq = corridorUpperBoundSquared(a, b, { scratch: this.scratch, threshold: thresholdFor(limit) });
    const f = DEFAULT_CORRIDOR_FACTOR;
    this.scratch.cells += Math.ceil(a.length / f) * Math.ceil(b.length / f); // the coarse DP
    return sq === Infinity ? Infinity : Math.sqrt(sq) * UPPER_SLACK;
  }

  /**
   * d(anchor, c) if it is ≤ upperBound (exact, recorded), else Infinity with the row's lower bound
   * raised to upperBound (the kernel returns Infinity only when the distance exceeds it).
   */
  distance(anchor: number, c: number, upperBound = Infinity): number {
    const row = this.row(anchor);
    const known = row.exact[c]!;
    if (known === known) return known;
    this.stats.dtwCalls++;
    const d = dtwDistance(this.series[anchor]!, this.series[c]!, { upperBound, scratch: this.scratch });
    if (d === Infinity) {
      this.stats.abandoned++;
      if (upperBound > row.lb[c]!) row.lb[c] = upperBound;
      return Infinity;
    }
    row.exact[c] = d;
    if (anchor < this.size) {
      const back = this.rows.get(c);
      if (back) back.exact[anchor] = d;
    }
    this.cache?.set(this.keys[anchor]!, this.keys[c]!, d);
    return d;
  }
}
