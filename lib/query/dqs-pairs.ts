/**
 * What one DQS batch knows about the DTW distance between an "anchor" (a queried series, or the
 * most similar candidate of an iteration) and each pool candidate: the exact value once computed,
 * otherwise a lower bound (cheap bounds, raised when an early-abandoned computation proves more).
 *
 * Ids: 0 … N−1 are pool candidates (input order), N … N+Q−1 the series queried before the batch.
 * Exact values are shared in both directions between pool anchors and with the caller's
 * DistanceCache (read when a row is created, written when a value is computed). The table computes
 * nothing itself: the DQS steps (dqs-argmin.ts, dqs-argmax.ts) ask for pairs through `dqs-work.ts`
 * and `record` the answers, so the same steps run inline or on a pool of workers.
 */
import { lbKim, lbRange, seriesRange } from "../dtw/bounds";
import type { DistanceCache } from "./distance-cache";
import type { Candidate } from "./types";

/** Bounds are widened by this relative amount against floating-point rounding. */
export const LOWER_SLACK = 1 - 1e-9;
import { UPPER_SLACK as UPPER_SLACK_VALUE } from "./pair-work";
export { UPPER_SLACK } from "./pair-work";

export type PairRow = {
  /** Exact distance to pool candidate c, NaN while unknown. */
  exact: Float64Array;
  /** A lower bound of that distance (meaningful where exact is NaN); filled by `withLowerBounds`. */
  lb: Float64Array;
  hasLb: boolean;
  /** Upper bounds from a row estimate (Infinity where none). */
  ub: Float64Array;
  estimated: boolean;
};

/** Work counters: DTW computations (all, in the argmin step, abandoned early) for benchmarks. */
export type DqsStats = { dtwCalls: number; argminCalls: number; abandoned: number; corridorCalls: number; cells: number };

export class PairTable {
  readonly size: number;
  readonly stats: DqsStats = { dtwCalls: 0, argminCalls: 0, abandoned: 0, corridorCalls: 0, cells: 0 };
  /** Every series by id: pool candidates, then the queried ones. */
  readonly series: Float32Array[];
  private readonly keys: string[];
  private readonly ranges: { min: number; max: number }[];
  private readonly rows = new Map<number, PairRow>();

  constructor(
    pool: Candidate[],
    queried: Candidate[],
    private readonly cache?: DistanceCache,
  ) {
    this.size = pool.length;
    const all = [...pool, ...queried];
    this.series = all.map((c) => c.scores);
    this.keys = all.map((c) => c.key);
    this.ranges = this.series.map(seriesRange);
  }

  snapshot(): DqsStats {
    return { ...this.stats };
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
    const n = this.size;
    const row: PairRow = {
      exact: new Float64Array(n).fill(NaN),
      lb: new Float64Array(n),
      hasLb: false,
      ub: new Float64Array(n).fill(Infinity),
      estimated: false,
    };
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
      row.lb[c] = Math.max(row.lb[c]!, lb * LOWER_SLACK);
    }
    row.hasLb = true;
    return row;
  }

  /**
   * Install a row estimate (approximate distances from `id` to every pool candidate, each within a
   * relative error `relErr`): lower bounds are raised and upper bounds set, both widened by the error.
   */
  installEstimate(id: number, approx: Float32Array, relErr: number): void {
    const row = this.withLowerBounds(id);
    for (let c = 0; c < this.size; c++) {
      const v = approx[c]!;
      const lo = v * (1 - relErr) * LOWER_SLACK;
      if (lo > row.lb[c]!) row.lb[c] = lo;
      row.ub[c] = v * (1 + relErr) * UPPER_SLACK_VALUE;
    }
    row.estimated = true;
  }

  /**
   * Record the answer to "d(anchor, c), abandoning above upperBound": an exact value is stored (both
   * directions, and in the cache); Infinity (abandoned) raises the row's lower bound to upperBound.
   */
  record(anchor: number, c: number, upperBound: number, d: number): void {
    const row = this.row(anchor);
    this.stats.dtwCalls++;
    if (d === Infinity) {
      this.stats.abandoned++;
      if (upperBound > row.lb[c]!) row.lb[c] = upperBound;
      return;
    }
    row.exact[c] = d;
    if (anchor < this.size) {
      const back = this.rows.get(c);
      if (back) back.exact[anchor] = d;
    }
    this.cache?.set(this.keys[anchor]!, this.keys[c]!, d);
  }

  known(anchor: number, c: number): boolean {
    const e = this.row(anchor).exact[c]!;
    return e === e;
  }
}
