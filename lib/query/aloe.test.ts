import { describe, expect, it } from "vitest";
import { kmeansProbabilities, selectAloeKmeans, selectAloePos } from "./aloe";
import { QueryError, type Candidate } from "./types";

/** A unit at a point of the plane, with a flat score series at `score`. */
const at = (key: string, x: number, y: number, score = 0): Candidate => ({
  key,
  scores: Float32Array.from([score, score]),
  embedding: [x, y],
});

// Four points around (1, 0) and one far away. With τ = 0.01 the mean kernel value is ruled by the
// largest distance, so the "most central" unit is the one whose farthest neighbour is nearest: c.
const cluster = [at("a", 0, 0, 1), at("b", 1, 0, 2), at("c", 2, 0, 3), at("d", 1, 1, 4), at("far", 10, 0, 0)];

describe("aloe-kmeans", () => {
  it("first picks the most central unit, with probability 1", () => {
    const [first] = selectAloeKmeans({ candidates: cluster, queried: [], budget: 1, seed: 1 });
    expect(first!.key).toBe("c");
    expect(first!.probability).toBe(1);
  });

  it("then draws the far unit almost surely, and records that probability", () => {
    // After "c" (distances scaled by the largest, 10): a 0.2, b 0.1, d √2/10, far 0.8. exp(d/0.01)
    // makes "far" at least e^60 times likelier than any other.
    const expected = 1 / (1 + Math.exp(-60) + Math.exp(-70) + Math.exp(-(80 - 10 * Math.SQRT2)));
    for (const seed of [1, 2, 3]) {
      const picks = selectAloeKmeans({ candidates: cluster, queried: [], budget: 2, seed });
      expect(picks[1]!.key).toBe("far");
      expect(picks[1]!.probability).toBeCloseTo(expected, 12);
    }
  });

  it("draw probabilities sum to 1 over the open units and are 0 for taken ones", () => {
    const p = kmeansProbabilities([0.2, 0.5, 0, 0.4], [0, 0, 1, 0], 0.1);
    expect(p[2]).toBe(0);
    expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    // p ∝ exp(d/τ): the ratio of two open units is exp((d1 − d0)/τ).
    expect(p[1]! / p[0]!).toBeCloseTo(Math.exp(3), 9);
    // No unit chosen yet (Infinity): uniform over the open ones.
    const u = kmeansProbabilities([Infinity, Infinity, Infinity], [0, 1, 0]);
    expect(Array.from(u)).toEqual([0.5, 0, 0.5]);
  });

  it("with a queried unit, the first pick is drawn too (probability < 1) and is never that unit", () => {
    const picks = selectAloeKmeans({ candidates: cluster, queried: [at("q", 10, 0.1)], budget: 1, seed: 4 });
    expect(picks[0]!.key).not.toBe("far"); // next to the queried unit: e^-90 odds
    expect(picks[0]!.probability).toBeLessThan(1);
  });

  it("refuses candidates without an embedding", () => {
    const bare = cluster.map(({ key, scores }) => ({ key, scores }));
    expect(() => selectAloeKmeans({ candidates: bare, queried: [], budget: 1, seed: 1 })).toThrow(QueryError);
  });
});

describe("aloe-pos", () => {
  it("first picks the top score, then trades score against distance to the chosen set", () => {
    const picks = selectAloePos({ candidates: cluster, queried: [], budget: 3, seed: 0 });
    // scaled scores: a .25 b .5 c .75 d 1 far 0. First d (top score).
    expect(picks[0]!.key).toBe("d");
    // Then score + scaled distance to d: a .25+√2/10 ≈ .39, b .5+.1, c .75+.141 = .89, far 0+√82/10 ≈ .906.
    expect(picks[1]!.key).toBe("far");
    // Then c: .75 + .1 (to d at distance √2: .141) = .891 beats b .6 and a .39.
    expect(picks[2]!.key).toBe("c");
    expect(picks.every((p) => p.probability === 1)).toBe(true);
  });
});
