import { describe, expect, it } from "vitest";
import { aggregateSeparability, rocAuc, stageSeparability } from "./separability";
import type { StageInput } from "./simulate";

/** Brute force over every (positive, negative) pair. */
function pairwise(pos: number[], neg: number[]): number {
  let s = 0;
  for (const p of pos) for (const n of neg) s += p > n ? 1 : p === n ? 0.5 : 0;
  return s / (pos.length * neg.length);
}

describe("rocAuc", () => {
  it("is 1 for perfect separation, 0 for the reverse, ½ for identical values, null without both classes", () => {
    expect(rocAuc([3, 4], [1, 2])).toBe(1);
    expect(rocAuc([1, 2], [3, 4])).toBe(0);
    expect(rocAuc([2, 2], [2])).toBe(0.5);
    expect(rocAuc([], [1])).toBeNull();
    expect(rocAuc([1], [])).toBeNull();
  });

  it("matches the pairwise definition with ties, on random draws", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let c = 0; c < 200; c++) {
      const pos = Array.from({ length: 1 + Math.floor(next() * 9) }, () => Math.round(next() * 6));
      const neg = Array.from({ length: 1 + Math.floor(next() * 9) }, () => Math.round(next() * 5));
      expect(rocAuc(pos, neg)).toBeCloseTo(pairwise(pos, neg), 12);
    }
  });

  it("counts a NaN maximum as the lowest score", () => {
    expect(rocAuc([Number.NaN], [0])).toBe(0);
  });
});

describe("stageSeparability", () => {
  const f = (...v: number[]) => Float32Array.from(v);
  const input: StageInput = {
    fraction: 0.5,
    pool: [
      { key: "a", scores: f(1, 5) },
      { key: "b", scores: f(2, 3) },
      { key: "c", scores: f(1, 4) },
    ],
    labelledAll: [],
    truth: new Map([
      ["a", { anomalous: false, onset: null }],
      ["b", { anomalous: true, onset: 1 }],
      ["c", { anomalous: false, onset: null }],
    ]),
    validation: [],
    test: [
      { scores: f(0, 9), anomalous: true, onset: 1 },
      { scores: f(1, 2), anomalous: false },
    ],
  };

  it("reads the AUC of the per-sequence maximum on the test split and on the pool", () => {
    // Pool: the anomalous sequence peaks at 3, below both normal ones (5 and 4).
    expect(stageSeparability(input, 2)).toEqual({ stage: 0.5, fold: 2, test: 1, pool: 0 });
  });

  it("aggregates over folds per stage, leaving out folds without both classes", () => {
    const rows = aggregateSeparability([
      { stage: 1, fold: 0, test: 0.8, pool: 0.6 },
      { stage: 0.5, fold: 0, test: 0.5, pool: null },
      { stage: 1, fold: 1, test: 0.6, pool: 0.6 },
    ]);
    expect(rows.map((r) => r.stage)).toEqual([0.5, 1]);
    expect(rows[0]).toMatchObject({ n: 1, test: { mean: 0.5, std: 0 }, pool: null });
    expect(rows[1]?.test?.mean).toBeCloseTo(0.7, 12);
    expect(rows[1]?.test?.std).toBeCloseTo(Math.sqrt(0.02), 12);
  });
});
