import { describe, expect, it } from "vitest";
import { createDtwScratch } from "../dtw/dtw";
import { createRng } from "../rng";
import { DistanceCache } from "./distance-cache";
import { selectDqs, selectDqsWith } from "./dqs";
import { dqsNaive } from "./dqs-naive";
import type { DqsStats } from "./dqs-pairs";
import { pieceFor, poolExecutor, type PairWorker } from "./pair-pool";
import { computePairs, type PairExecutor } from "./pair-work";
import { dtwDistance } from "../dtw/dtw";
import { syntheticScores } from "./synthetic-scores";
import type { Candidate } from "./types";

/** An in-process stand-in for a worker: answers after a random delay, so pieces finish out of order. */
function fakeWorker(seed: number): PairWorker & { calls: number } {
  const rng = createRng(seed);
  let series: readonly Float32Array[] = [];
  const scratch = createDtwScratch(1);
  return {
    calls: 0,
    async load(s) {
      series = s.map((x) => x.slice());
    },
    async run(requests) {
      this.calls++;
      await new Promise((r) => (rng.next() < 0.1 ? setTimeout(r, 1) : setImmediate(r)));
      return computePairs(series, requests, scratch);
    },
  };
}

function mixedPool(seed: number, n: number): Candidate[] {
  const rng = createRng(seed);
  return syntheticScores(n, 24 + rng.int(40), seed).map((c, i) =>
    i % 7 === 3 ? { ...c, scores: c.scores.slice(0, 10 + rng.int(20)) } : c,
  );
}

describe("DQS on a pool of workers", () => {
  it.each([1, 2, 3])("makes the same picks as the sequential DQS and the naive one (%i workers)", async (w) => {
    for (const seed of [1, 2, 3]) {
      const candidates = mixedPool(seed, 60);
      const queried = seed % 2 ? [] : candidates.splice(0, 3).map((c) => ({ ...c, key: `q${c.key}` }));
      const ctx = { candidates, queried, budget: 8, seed };
      const workers = Array.from({ length: w }, (_, i) => fakeWorker(seed * 10 + i));
      for (const piecesPerWorker of [1, 32]) {
        const picks = await selectDqsWith(ctx, poolExecutor(workers, { piecesPerWorker, piece: 2 }));
        expect(picks).toEqual(selectDqs(ctx));
        expect(picks).toEqual(dqsNaive(ctx));
      }
      expect(workers.every((x) => x.calls > 0)).toBe(true);
    }
  });

  it("fills the shared distance cache and counts the work done", async () => {
    const candidates = mixedPool(9, 40);
    const cache = new DistanceCache();
    const stats: DqsStats = { dtwCalls: 0, argminCalls: 0, abandoned: 0, corridorCalls: 0, cells: 0 };
    const picks = await selectDqsWith(
      { candidates, queried: [], budget: 5, seed: 9, distance: cache },
      poolExecutor([fakeWorker(1), fakeWorker(2)]),
      stats,
    );
    expect(picks).toHaveLength(5);
    expect(cache.size).toBeGreaterThan(0);
    expect(stats.dtwCalls).toBeGreaterThan(0);
    expect(stats.cells).toBeGreaterThan(0);
  });

  it("stops between rounds when aborted", async () => {
    const controller = new AbortController();
    const candidates = mixedPool(5, 80);
    const run = selectDqsWith(
      { candidates, queried: [], budget: 10, seed: 5, signal: controller.signal, onProgress: (done) => done === 2 && controller.abort() },
      poolExecutor([fakeWorker(3)]),
    );
    await expect(run).rejects.toMatchObject({ code: "aborted" });
  });

  it("sizes messages by the work in them", () => {
    expect(pieceFor([new Float32Array(512)])).toBe(4);
    expect(pieceFor([new Float32Array(24), new Float32Array(24)])).toBe(32);
    expect(pieceFor([new Float32Array(5000)])).toBe(2);
  });

  it("refuses an empty pool", () => {
    expect(() => poolExecutor([])).toThrow(/at least one worker/);
  });
});

describe("DQS with row estimates (the GPU path's contract)", () => {
  /** Exact distances, each moved by up to ±relErr (relative), as a float32 GPU would. */
  function estimating(seed: number, relErr: number): PairExecutor & { load(s: readonly Float32Array[], n: number): void; rows: number } {
    const rng = createRng(seed);
    let series: readonly Float32Array[] = [];
    let size = 0;
    const scratch = createDtwScratch(1);
    return {
      roundSize: 8,
      rows: 0,
      load(s, n) {
        [series, size] = [s, n];
      },
      run: (requests) => computePairs(series, requests, scratch),
      async estimateRows(ids) {
        this.rows += ids.length;
        const rows = ids.map((id) =>
          Float32Array.from({ length: size }, (_, c) => dtwDistance(series[id]!, series[c]!) * (1 + relErr * (2 * rng.next() - 1))),
        );
        return { rows, relativeError: ids.map(() => relErr) };
      },
    };
  }

  it("makes the naive picks, and computes fewer DP cells", async () => {
    for (const seed of [1, 2, 3]) {
      const candidates = mixedPool(seed, 80);
      const ctx = { candidates, queried: [], budget: 8, seed };
      const plain: DqsStats = { dtwCalls: 0, argminCalls: 0, abandoned: 0, corridorCalls: 0, cells: 0 };
      const withRows: DqsStats = { ...plain };
      selectDqs(ctx, plain);
      const executor = estimating(seed, 1e-4);
      expect(await selectDqsWith(ctx, executor, withRows)).toEqual(dqsNaive(ctx));
      expect(executor.rows).toBeGreaterThan(0);
      expect(withRows.cells).toBeLessThan(plain.cells);
      expect(withRows.abandoned).toBe(0); // tight bounds: only the pairs a pick needs are computed
    }
  });

  it("stays exact when the estimates are loose", async () => {
    const candidates = mixedPool(4, 50);
    const ctx = { candidates, queried: [], budget: 10, seed: 4 };
    expect(await selectDqsWith(ctx, estimating(4, 0.3))).toEqual(dqsNaive(ctx));
  });
});
