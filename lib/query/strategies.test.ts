import { describe, expect, it } from "vitest";
import { DistanceCache } from "./distance-cache";
import { quantile, scoreFeatures } from "./features";
import { getStrategy, QUERY_STRATEGIES, STRATEGY_NAMES } from "./strategies";
import { syntheticScores } from "./synthetic-scores";
import { QueryError, type Candidate, type QueryContext, type QueryErrorCode } from "./types";

const unit = (key: string, xs: number[]): Candidate => ({ key, scores: Float32Array.from(xs) });

function errorCode(f: () => unknown): QueryErrorCode | "none" | "other" {
  try {
    f();
  } catch (e) {
    return e instanceof QueryError ? e.code : "other";
  }
  return "none";
}

// Every strategy gets an embedding (the ALOE ones need it; the others ignore it): two score statistics.
const all = syntheticScores(30, 32, 5).map((c) => ({ ...c, embedding: [Math.max(...c.scores), c.scores[0]!] }));
const queried = all.slice(0, 4);
const base: QueryContext = { candidates: all.slice(2), queried, budget: 8, seed: 11, threshold: 3 };

describe.each(STRATEGY_NAMES)("strategy %s", (name) => {
  const strategy = QUERY_STRATEGIES[name];

  it("never offers a queried unit, never repeats one, returns min(budget, available) picks", () => {
    for (const budget of [0, 1, 8, 26, 40]) {
      const picks = strategy.select({ ...base, budget });
      const keys = picks.map((p) => p.key);
      expect(keys.length).toBe(Math.min(budget, 26)); // 28 candidates, 2 of them queried
      expect(new Set(keys).size).toBe(keys.length);
      for (const q of queried) expect(keys).not.toContain(q.key);
      expect(picks.map((p) => p.rank)).toEqual(keys.map((_, i) => i));
      for (const p of picks) expect(p.reason.length).toBeGreaterThan(0);
    }
  });

  it("gives the same batch for the same seed and inputs", () => {
    expect(strategy.select({ ...base })).toEqual(strategy.select({ ...base }));
  });

  it("rejects a bad budget and duplicate candidate keys", () => {
    expect(errorCode(() => strategy.select({ ...base, budget: -1 }))).toBe("invalid-budget");
    expect(errorCode(() => strategy.select({ ...base, budget: 1.5 }))).toBe("invalid-budget");
    const dup = [...base.candidates, base.candidates[0]!];
    expect(errorCode(() => strategy.select({ ...base, candidates: dup }))).toBe("duplicate-key");
  });
});

describe("seeded strategies", () => {
  it("random gives (usually) different batches for different seeds", () => {
    const random = getStrategy("random");
    const batches = new Set([1, 2, 3, 4].map((seed) => JSON.stringify(random.select({ ...base, seed }))));
    expect(batches.size).toBeGreaterThan(1);
  });

  it("DQS's first pick follows the seed when nothing is queried", () => {
    const dqs = getStrategy("dqs");
    const firsts = new Set([1, 2, 3, 4, 5].map((seed) => dqs.select({ ...base, queried: [], budget: 1, seed })[0]!.key));
    expect(firsts.size).toBeGreaterThan(1);
  });
});

describe("top, uncertain, score-kmeans", () => {
  const units = [unit("low", [0, 1, 0]), unit("high", [0, 9, 0]), unit("mid", [0, 4, 1]), unit("mid2", [4, 0, 0])];
  const ctx: QueryContext = { candidates: units, queried: [], budget: 4, seed: 0, threshold: 3.5 };

  it("top orders by maximum score, ties by input order", () => {
    expect(
      getStrategy("top")
        .select(ctx)
        .map((p) => p.key),
    ).toEqual(["high", "mid", "mid2", "low"]);
    expect(getStrategy("top").select(ctx)[0]!.reason).toBe("highest maximum score (9.00)");
  });

  it("uncertain orders by |max − threshold| and needs a threshold", () => {
    expect(
      getStrategy("uncertain")
        .select(ctx)
        .map((p) => p.key),
    ).toEqual(["mid", "mid2", "low", "high"]);
    expect(errorCode(() => getStrategy("uncertain").select({ ...ctx, threshold: undefined }))).toBe("missing-threshold");
    expect(errorCode(() => getStrategy("uncertain").select({ ...ctx, threshold: Number.NaN }))).toBe("missing-threshold");
  });

  it("score-kmeans starts at the largest maximum and then spreads out in feature space", () => {
    const picks = getStrategy("score-kmeans").select({ ...ctx, budget: 2 });
    expect(picks[0]!.key).toBe("high");
    expect(picks[0]!.reason).toBe("score-kmeans: largest maximum score (first centre)");
    // With the queried set as centres, a candidate identical to a queried unit has weight 0.
    const twin = unit("twin", [0, 9, 0]);
    const far = unit("far", [50, 0, 0]);
    for (let seed = 0; seed < 20; seed++) {
      const got = getStrategy("score-kmeans").select({
        candidates: [twin, far],
        queried: [unit("q", [0, 9, 0])],
        budget: 1,
        seed,
        threshold: 3,
      });
      expect(got[0]!.key).toBe("far");
    }
  });

  it("computes the documented features", () => {
    const f = scoreFeatures(unit("x", [1, 3, 2, 2]), 2);
    expect(f[0]).toBe(3); // max
    expect(f[1]).toBe(2); // mean
    expect(f[2]).toBeCloseTo(Math.sqrt(0.5)); // std
    expect(f[3]).toBe(0.75); // fraction ≥ threshold
    expect(f[4]).toBeCloseTo(1 / 3); // argmax position
    expect(quantile(Float32Array.from([0, 10]), 0.95)).toBeCloseTo(9.5);
  });
});

describe("registry and cache", () => {
  it("names every strategy and rejects unknown names", () => {
    for (const name of STRATEGY_NAMES) expect(getStrategy(name).name).toBe(name);
    expect(errorCode(() => getStrategy("best"))).toBe("unknown-strategy");
  });

  it("stores distances symmetrically", () => {
    const cache = new DistanceCache();
    cache.set("b", "a", 2);
    expect(cache.get("a", "b")).toBe(2);
    cache.set("a", "b", 3);
    expect(cache.size).toBe(1);
    expect(cache.get("b", "a")).toBe(3);
    cache.clear();
    expect(cache.get("a", "b")).toBeUndefined();
  });
});

describe("input validation", () => {
  it("rejects empty and non-finite score series in every strategy", () => {
    for (const name of STRATEGY_NAMES) {
      const s = getStrategy(name);
      const ctx = { ...base, budget: 2 };
      expect(errorCode(() => s.select({ ...ctx, candidates: [...ctx.candidates, unit("nan", [1, Number.NaN])] }))).toBe("non-finite-score");
      expect(errorCode(() => s.select({ ...ctx, queried: [unit("inf", [Infinity])] }))).toBe("non-finite-score");
      expect(errorCode(() => s.select({ ...ctx, candidates: [unit("empty", [])] }))).toBe("empty-series");
    }
  });
});
