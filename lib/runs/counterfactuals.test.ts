import { describe, expect, it } from "vitest";
import {
  counterfactualSchema,
  peakStretch,
  readStored,
  toRawUnits,
  withCounterfactual,
  type StoredCounterfactual,
} from "./counterfactuals";

const cf = (start: number, end: number, v = 0): StoredCounterfactual => ({
  start,
  end,
  band: "high",
  bandScores: { low: 0.5, high: 2 },
  seed: 1,
  values: [Array.from({ length: end - start }, () => v)],
});

describe("counterfactuals", () => {
  it("go back to the data's units", () => {
    expect(toRawUnits([Float32Array.from([0, 1, -2])], { mean: [10], std: [2] })).toEqual([[10, 12, 6]]);
  });

  it("check the stretch against the values", () => {
    expect(counterfactualSchema.safeParse({ ...cf(3, 5), sequenceId: "s" }).success).toBe(true);
    expect(counterfactualSchema.safeParse({ ...cf(3, 5), end: 6, sequenceId: "s" }).success).toBe(false);
    expect(counterfactualSchema.safeParse({ ...cf(5, 5), sequenceId: "s" }).success).toBe(false);
    expect(counterfactualSchema.safeParse({ ...cf(3, 5), values: [[1, Number.NaN]], sequenceId: "s" }).success).toBe(false);
  });

  it("replace the same stretch, keep the newest", () => {
    const list = withCounterfactual([cf(0, 2, 1), cf(4, 6, 1)], cf(0, 2, 9));
    expect(list.map((c) => [c.start, c.values[0]![0]])).toEqual([
      [4, 1],
      [0, 9],
    ]);
    expect(withCounterfactual([cf(0, 2), cf(2, 4), cf(4, 6)], cf(6, 8), 2).map((c) => c.start)).toEqual([4, 6]);
  });

  it("centre the sequence view's stretch on the highest score, inside the sequence", () => {
    expect(peakStretch([0, 1, 5, 1, 0, 0, 0, 0], 4)).toEqual({ start: 0, end: 4 });
    expect(peakStretch([0, 0, 0, 0, 1, 2, 3, 9], 4)).toEqual({ start: 4, end: 8 });
    expect(peakStretch([0, 0, 0, 7, 0, 0, 0, 0], 2)).toEqual({ start: 2, end: 4 });
    expect(peakStretch([1, 2], 8)).toEqual({ start: 0, end: 2 });
    expect(peakStretch([], 8)).toBeNull();
  });

  it("read what was stored and skip anything malformed", () => {
    expect(readStored(null)).toEqual([]);
    expect(readStored([cf(0, 2), { start: "x" }])).toEqual([cf(0, 2)]);
  });
});
