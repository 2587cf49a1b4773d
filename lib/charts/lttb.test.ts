import { describe, expect, it } from "vitest";
import { lttbIndices } from "./lttb";

describe("lttbIndices", () => {
  it("matches a case worked out by hand", () => {
    // n = 7, threshold 4: every = 2.5; buckets {1,2} and {3,4,5}.
    // Bucket 1: a = (0,0), next mean = (4, 2); doubled areas: i=1 → |−4·1 + 1·2| = 2, i=2 → |0 + 2·2| = 4 → 2.
    // Bucket 2: a = (2,0), next mean = (6, 0); i=3 → |−4·5| = 20, i=4 → 0, i=5 → 4 → 3.
    expect(Array.from(lttbIndices([0, 1, 0, 5, 0, 1, 0], 4))).toEqual([0, 2, 3, 6]);
  });

  it("keeps a spike that uniform sampling would miss", () => {
    const y = new Float32Array(1000);
    y[501] = 100;
    const kept = lttbIndices(y, 10);
    expect(Array.from(kept)).toContain(501);
    expect(kept[0]).toBe(0);
    expect(kept[9]).toBe(999);
  });

  it("returns every index when the threshold is not below the length", () => {
    expect(Array.from(lttbIndices([3, 1, 2], 3))).toEqual([0, 1, 2]);
    expect(Array.from(lttbIndices([3, 1, 2], 0))).toEqual([0, 1, 2]);
    expect(Array.from(lttbIndices([], 5))).toEqual([]);
  });

  it("keeps the ends for thresholds 1 and 2, ascending and unique otherwise", () => {
    expect(Array.from(lttbIndices([1, 2, 3, 4], 2))).toEqual([0, 3]);
    expect(Array.from(lttbIndices([1, 2, 3, 4], 1))).toEqual([0]);
    const y = Float32Array.from({ length: 10_001 }, (_, i) => Math.sin(i / 37) + (i % 13) / 10);
    const kept = Array.from(lttbIndices(y, 500));
    expect(kept).toHaveLength(500);
    expect(kept.every((v, i) => i === 0 || v > (kept[i - 1] ?? -1))).toBe(true);
  });

  it("refuses a negative or fractional threshold", () => {
    expect(() => lttbIndices([1, 2], -1)).toThrow(RangeError);
    expect(() => lttbIndices([1, 2], 1.5)).toThrow(RangeError);
  });
});
