/**
 * A PairExecutor over several workers (web workers in the browser, worker threads in Node): each
 * round of pair requests is cut into small pieces that the workers pull as they become free, so a
 * worker stuck on a long DTW does not hold the others back. Pure: a worker is anything that can
 * load the series once and compute pieces (see workers/dtw/ and scripts/bench/dtw-threads.ts).
 */
import type { PairExecutor, PairRequests, PairResults } from "./pair-work";

export interface PairWorker {
  /** Every series by id; kept until the next load. */
  load(series: readonly Float32Array[]): Promise<void>;
  run(requests: PairRequests): Promise<PairResults>;
}

export type PoolOptions = {
  /** Messages per round, per worker (default 8): enough to balance the load, few enough to stay near the sequential bounds. */
  piecesPerWorker?: number;
  /** Requests per message; default: about a million DP cells' worth for the loaded series, 2 … 32. */
  piece?: number;
};

/** Requests per message so that a message carries ~1 M cells of DTW work (messages cost ~0.1 ms). */
export function pieceFor(series: readonly Float32Array[]): number {
  const mean = series.reduce((sum, s) => sum + s.length, 0) / Math.max(1, series.length);
  return Math.min(32, Math.max(2, Math.ceil(1e6 / Math.max(1, mean * mean))));
}

/** A copy (not a view: a view would post its whole buffer) of requests [from, to). */
function copyRequests(r: PairRequests, from: number, to: number): PairRequests {
  return { kind: r.kind.slice(from, to), a: r.a.slice(from, to), b: r.b.slice(from, to), bound: r.bound.slice(from, to) };
}

export function poolExecutor(
  workers: readonly PairWorker[],
  opts: PoolOptions = {},
): PairExecutor & { load(series: readonly Float32Array[]): Promise<void> } {
  if (workers.length === 0) throw new Error("poolExecutor needs at least one worker");
  const piecesPerWorker = Math.max(1, opts.piecesPerWorker ?? 8);
  let piece = Math.max(1, opts.piece ?? 4);
  return {
    get roundSize() {
      return workers.length * piecesPerWorker * piece;
    },
    async load(series) {
      if (opts.piece === undefined) piece = pieceFor(series);
      await Promise.all(workers.map((w) => w.load(series)));
    },
    async run(requests) {
      const n = requests.kind.length;
      const values = new Float64Array(n);
      let cells = 0;
      let next = 0;
      const drain = async (w: PairWorker): Promise<void> => {
        while (next < n) {
          const from = next;
          const to = Math.min(n, from + piece);
          next = to;
          const result = await w.run(copyRequests(requests, from, to));
          values.set(result.values, from);
          cells += result.cells;
        }
      };
      await Promise.all(workers.map(drain));
      return { values, cells };
    },
  };
}
