import { describe, expect, it } from "vitest";
import { dtwDistance } from "../dtw/dtw";
import { createRng, type Rng } from "../rng";
import { DistanceCache } from "./distance-cache";
import { selectDqs } from "./dqs";
import { dqsNaive } from "./dqs-naive";
import { syntheticScores } from "./synthetic-scores";
import { QueryError, type Candidate, type QueryContext } from "./types";

const unit = (key: string, xs: number[]): Candidate => ({ key, scores: Float32Array.from(xs) });

/** Noise, bumps, exact duplicates (ties) and constants (more ties), of unequal lengths. */
function randomPool(rng: Rng, n: number, prefix: string): Candidate[] {
  const pool: Candidate[] = [];
  for (let i = 0; i < n; i++) {
    const kind = rng.next();
    const earlier = pool[rng.int(Math.max(1, pool.length))];
    let scores: Float32Array;
    if (kind < 0.15 && earlier) scores = earlier.scores.slice();
    else if (kind < 0.25) scores = new Float32Array(4 + rng.int(20)).fill(rng.int(2));
    else {
      scores = new Float32Array(4 + rng.int(28));
      const bump = rng.next() < 0.4 ? rng.int(scores.length) : -100;
      for (let t = 0; t < scores.length; t++) scores[t] = 1 + 0.3 * rng.normal() + 6 * Math.exp(-0.5 * (t - bump) ** 2);
    }
    pool.push({ key: `${prefix}${i}`, scores });
  }
  return pool;
}

describe("DQS on a hand-worked example", () => {
  // a = [0,0,0] is queried; candidates b, c, d, e. DTW distances (squared-cost DP, worked by hand):
  //   d(a,b) = 1 (only b's last 1 costs), d(a,c) = 3, d(a,d) = √75 ≈ 8.660, d(a,e) = √48 ≈ 6.928,
  //   d(b,c) = √4 = 2 (0,0 match, 1 vs 3), d(b,d) = √(25+25+16) = √66 ≈ 8.124, d(c,d) = √54 ≈ 7.348,
  //   d(b,e) = √(16+16+9) = √41 ≈ 6.403, d(c,e) = √33 ≈ 5.745, d(d,e) = √3 ≈ 1.732.
  // 1: means to {a}: b 1, c 3, d 8.660, e 6.928 → most similar b; farthest from b: d (8.124).
  // 2: means to {a,d}: b (1+8.124)/2 = 4.562, c (3+7.348)/2 = 5.174, e (6.928+1.732)/2 = 4.330
  //    → most similar e; farthest from e among {b,c,e}: b (6.403) — e itself is at 0.
  // 3: means to {a,d,b}: c (3+7.348+2)/3 = 4.116, e (6.928+1.732+6.403)/3 = 5.021 → most similar c;
  //    farthest from c among {c,e}: e (5.745).
  // 4: only c is left: it is its own most similar candidate and, at distance 0, the farthest too.
  const ctx: QueryContext = {
    queried: [unit("a", [0, 0, 0])],
    candidates: [unit("b", [0, 0, 1]), unit("c", [0, 0, 3]), unit("d", [5, 5, 5]), unit("e", [4, 4, 4])],
    budget: 4,
    seed: 1,
  };

  it("picks d, b, e, c with the reasons worked out above", () => {
    expect(selectDqs(ctx)).toEqual([
      { key: "d", rank: 0, reason: "farthest from most similar b (DTW 8.1)" },
      { key: "b", rank: 1, reason: "farthest from most similar e (DTW 6.4)" },
      { key: "e", rank: 2, reason: "farthest from most similar c (DTW 5.7)" },
      { key: "c", rank: 3, reason: "farthest from most similar c (DTW 0.0)" },
    ]);
    expect(dqsNaive(ctx)).toEqual(selectDqs(ctx));
  });

  it("starts with a seeded uniform pick when nothing is queried", () => {
    const fresh = { ...ctx, queried: [], budget: 1, seed: 42 };
    const expected = ctx.candidates[createRng(42).int(4)]!.key;
    expect(selectDqs(fresh)).toEqual([{ key: expected, rank: 0, reason: "random first query (nothing queried yet)" }]);
  });
});

describe("pruned DQS equals the naive definition", () => {
  it("gives the same picks and reasons on many random pools (ties, duplicates, unequal lengths)", () => {
    const rng = createRng(2024);
    for (let t = 0; t < 150; t++) {
      const candidates = randomPool(rng, 2 + rng.int(30), "c");
      const queried = rng.next() < 0.5 ? [] : randomPool(rng, 1 + rng.int(3), "q");
      if (queried.length > 0 && rng.next() < 0.3) queried.push(candidates[0]!); // a queried key among the candidates
      const ctx: QueryContext = { candidates, queried, budget: rng.int(candidates.length + 3), seed: t };
      expect(selectDqs(ctx)).toEqual(dqsNaive(ctx));
    }
  });

  it("matches naive on anomaly-score-like series of length 64", () => {
    for (let seed = 0; seed < 6; seed++) {
      const ctx: QueryContext = { candidates: syntheticScores(60, 64, seed), queried: [], budget: 10, seed };
      expect(selectDqs(ctx)).toEqual(dqsNaive(ctx));
    }
  });

  it("reuses a DistanceCache across batches without changing the picks", () => {
    const all = syntheticScores(40, 48, 7);
    const cache = new DistanceCache();
    const first = selectDqs({ candidates: all, queried: [], budget: 4, seed: 3, distance: cache });
    expect(cache.size).toBeGreaterThan(0);
    const picked = new Set(first.map((p) => p.key));
    const ctx: QueryContext = {
      candidates: all.filter((c) => !picked.has(c.key)),
      queried: all.filter((c) => picked.has(c.key)),
      budget: 5,
      seed: 3,
    };
    expect(selectDqs({ ...ctx, distance: cache })).toEqual(dqsNaive(ctx));
    const [x, y] = [all[0]!, all[1]!];
    const cached = cache.get(x.key, y.key);
    if (cached !== undefined) expect(cached).toBe(dtwDistance(x.scores, y.scores));
  });
});

describe("DQS plumbing", () => {
  it("reports progress per pick and stops on an aborted signal", () => {
    const candidates = syntheticScores(12, 16, 1);
    const seen: [number, number][] = [];
    selectDqs({ candidates, queried: [], budget: 3, seed: 1, onProgress: (d, t) => seen.push([d, t]) });
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    const controller = new AbortController();
    controller.abort();
    const run = (): unknown => selectDqs({ candidates, queried: [], budget: 3, seed: 1, signal: controller.signal });
    expect(run).toThrow(QueryError);
    try {
      run();
    } catch (e) {
      expect(e instanceof QueryError && e.code).toBe("aborted");
    }
  });
});
