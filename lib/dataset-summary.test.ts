import { describe, expect, it } from "vitest";
import { summariseDataset } from "./dataset-summary";

const seq = (values: number[][], split: "train" | "validation" | "test") => ({
  columns: values.map((v) => Float32Array.from(v)),
  split,
});

describe("summariseDataset", () => {
  it("takes z-score statistics from the training split only", () => {
    const summary = summariseDataset([seq([[1, 2, 3, 4]], "train"), seq([[3, 4, 5, 6]], "train"), seq([[100, 100, 100, 100]], "test")], 1);
    // Train values 1,2,3,4,3,4,5,6: mean 28/8 = 3.5; squared deviations
    // 6.25+2.25+0.25+0.25+0.25+0.25+2.25+6.25 = 18, population variance 18/8 = 2.25, std 1.5.
    expect(summary.trainStats.mean[0]).toBeCloseTo(3.5, 12);
    expect(summary.trainStats.std[0]).toBeCloseTo(1.5, 12);
    expect(summary.trainStats.count).toBe(8);
    // The test sequence's max |z| = (100 − 3.5) / 1.5 = 64.33….
    expect(summary.maxAbsZ[2]).toBeCloseTo(96.5 / 1.5, 4);
    expect(summary.sequenceStats[2]?.max[0]).toBe(100);
  });

  it("refuses a dataset without training sequences", () => {
    expect(() => summariseDataset([seq([[1, 2]], "test")], 1)).toThrow(RangeError);
  });
});
