import { describe, expect, it } from "vitest";
import { createRng } from "../rng";
import { kmeansProbabilities, positiveMedian, selectAloeKmeans, selectAloePos } from "./aloe";
import { estimateContamination } from "./contamination";
import { QueryError, type Candidate } from "./types";

/** A unit at a point of the plane, with a flat score series at `score`. */
const at = (key: string, x: number, y: number, score = 0): Candidate => ({
  key,
  scores: Float32Array.from([score, score]),
  embedding: [x, y],
});

// Four points around (1, 0) and one far away. Pairwise distances: 1, 1, 1, √2, √2, 2, 8, 9, √82, 10;
// their median is (√2 + 2)/2, the kernel's unit (τ = 1); scaled distances are capped at 3.
const cluster = [at("a", 0, 0, 1), at("b", 1, 0, 2), at("c", 2, 0, 3), at("d", 1, 1, 4), at("far", 10, 0, 0)];
const MEDIAN = (Math.SQRT2 + 2) / 2;

describe("aloe-kmeans", () => {
  it("first picks the most central unit, with probability 1", () => {
    // Mean of exp(min(d/median, 3)) over the five: a 5.68, b 5.29, c 5.68, d 5.49, far 16.27.
    const [first] = selectAloeKmeans({ candidates: cluster, queried: [], budget: 1, seed: 1 });
    expect(first!.key).toBe("b");
    expect(first!.probability).toBe(1);
  });

  it("then draws with probability ∝ exp(capped distance to b / median): the far unit likeliest, but not certain", () => {
    // After "b": a, c and d at distance 1; far at 9, capped at 3 medians.
    const near = Math.exp(1 / MEDIAN);
    const total = 3 * near + Math.exp(3);
    const seen = new Map<string, number>();
    for (let seed = 0; seed < 400; seed++) {
      const picks = selectAloeKmeans({ candidates: cluster, queried: [], budget: 2, seed });
      const key = picks[1]!.key;
      expect(picks[1]!.probability).toBeCloseTo((key === "far" ? Math.exp(3) : near) / total, 12);
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect(Math.exp(3) / total).toBeCloseTo(0.7885, 3);
    // 400 draws: "far" about 315 times (binomial sd ≈ 8.2), and each of the others does come up.
    expect(seen.get("far")).toBeGreaterThan(290);
    expect(seen.get("far")).toBeLessThan(340);
    expect(seen.size).toBe(4);
  });

  it("every draw after the first has probability < 1, and the probabilities of each draw sum to 1", () => {
    for (const seed of [1, 2, 3]) {
      const picks = selectAloeKmeans({ candidates: cluster, queried: [], budget: 4, seed });
      for (const pick of picks.slice(1)) {
        expect(pick.probability).toBeGreaterThan(0);
        expect(pick.probability).toBeLessThan(1);
      }
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
    expect(picks[0]!.probability).toBeLessThan(1);
    // "far" is next to the queried unit (distance 0.1): the least likely of the five.
    const p = kmeansProbabilities(
      [10, 9, 8, 9.06, 0.1].map((d) => d / MEDIAN),
      [0, 0, 0, 0, 0],
    );
    expect(Math.min(...p)).toBe(p[4]);
  });

  it("gives an α̂ near the truth, run after run, where the labelled fraction is biased upwards", () => {
    // 45 normal units around the origin and 15 anomalies, 8 near (4, 4) and 7 far out near (40, 40)
    // (heavy tails, as a fault's residuals give): α = 0.25.
    const rng = createRng(7);
    const truth: boolean[] = [];
    const units = Array.from({ length: 60 }, (_, i) => {
      const anomalous = i % 4 === 0;
      truth.push(anomalous);
      const shift = anomalous ? (i % 8 === 0 ? 40 : 4) : 0;
      return at(String(i), shift + rng.normal(), shift + rng.normal());
    });
    const anomalousOf = new Map(units.map((u, i) => [u.key, truth[i]!]));
    const estimates: number[] = [];
    let naive = 0;
    for (let seed = 0; seed < 300; seed++) {
      const picks = selectAloeKmeans({ candidates: units, queried: [], budget: 10, seed });
      const draws = picks.map((p) => ({ anomalous: anomalousOf.get(p.key)!, probability: p.probability }));
      const e = estimateContamination(draws, units.length, { resamples: 1 });
      estimates.push(e.estimate!);
      naive += e.naive!;
    }
    const mean = estimates.reduce((a, b) => a + b, 0) / estimates.length;
    const median = positiveMedian(estimates);
    expect(Math.abs(mean - 0.25)).toBeLessThan(0.03);
    // A typical run, not only the average over runs, is near the truth (with the reference's
    // τ = 0.01 on max-scaled distances, a run read the count of anomalies drawn: about 0.05).
    expect(Math.abs(median - 0.25)).toBeLessThan(0.06);
    expect(naive / estimates.length).toBeGreaterThan(0.28);
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
