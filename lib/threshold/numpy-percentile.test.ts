import { describe, expect, it } from "vitest";
import { GRID_SIZE, gridPercent, percentileOfSorted } from "./numpy-percentile";

// Expected values printed by numpy 2.4.6: float(np.percentile(np.array(VALUES, dtype), np.float64(p))).
const VALUES = [0.3, 1.7, 1.7, 2.25, 9.1, -4.4, 0.1, 3.3, 3.3, 3.3, 7.05];
const PERCENTS = [0, 0.01, 0.03, 0.07, 12.34, 33.33, 50, 66.67, 99.99, 100, 1234 * 0.01, 5001 * 0.01, 7777 * 0.01, 9999 * 0.01];
const NUMPY_F32 = [
  -4.400000095367432, -4.3955000953674315, -4.386500095367432, -4.368500095367431, 0.1468000056743622, 1.7000000476837158, 2.25,
  3.299999952316284, 9.09795038127899, 9.100000381469727, 0.1468000056743622, 2.2510499999523157, 3.299999952316284, 9.097950381278993,
];
const NUMPY_F64 = [
  -4.4, -4.3955, -4.386500000000001, -4.3685, 0.14679999999999999, 1.7, 2.25, 3.3, 9.097949999999997, 9.1, 0.14679999999999999,
  2.2510499999999993, 3.3, 9.09795,
];

describe("percentileOfSorted", () => {
  it("reproduces np.percentile (linear) bit for bit on float64 data", () => {
    const sorted = Float64Array.from(VALUES).sort();
    expect(PERCENTS.map((p) => percentileOfSorted(sorted, p))).toEqual(NUMPY_F64);
  });

  it("reproduces np.percentile (linear) bit for bit on float32 data", () => {
    const sorted = Float64Array.from(Float32Array.from(VALUES)).sort();
    expect(PERCENTS.map((p) => percentileOfSorted(sorted, p, true))).toEqual(NUMPY_F32);
  });

  it("handles one value and no value", () => {
    expect(percentileOfSorted(Float64Array.of(3), 42)).toBe(3);
    expect(percentileOfSorted(new Float64Array(0), 42)).toBeNaN();
  });

  it("builds the grid like np.arange(0, 100.01, 0.01)", () => {
    expect(GRID_SIZE).toBe(10_001);
    expect(gridPercent(0)).toBe(0);
    expect(gridPercent(3)).toBe(0.03);
    expect(gridPercent(10_000)).toBe(100);
  });
});
