import { describe, expect, it } from "vitest";
import type { Split } from "../series/types";
import { assignSplits, splitCounts } from "./split";
import { errorCode } from "./test-helpers";

const countOf = (splits: Split[], split: Split) => splits.filter((s) => s === split).length;

describe("splitCounts", () => {
  it("rounds by largest remainder", () => {
    // 10 × (0.7, 0.15, 0.15) = 7, 1.5, 1.5 → one left over; equal remainders → validation first
    expect(splitCounts(10, { train: 0.7, validation: 0.15, test: 0.15 })).toEqual({ train: 7, validation: 2, test: 1 });
    // 7 × (0.6, 0.2, 0.2) = 4.2, 1.4, 1.4 → floors 4, 1, 1, one left → validation
    expect(splitCounts(7, { train: 0.6, validation: 0.2, test: 0.2 })).toEqual({ train: 4, validation: 2, test: 1 });
    // 9 × (0.5, 0.25, 0.25) = 4.5, 2.25, 2.25 → train takes the extra one
    expect(splitCounts(9, { train: 0.5, validation: 0.25, test: 0.25 })).toEqual({ train: 5, validation: 2, test: 2 });
    const hundred = splitCounts(100, { train: 0.6, validation: 0.2, test: 0.2 });
    expect(hundred).toEqual({ train: 60, validation: 20, test: 20 });
    expect(splitCounts(0, { train: 0.6, validation: 0.2, test: 0.2 })).toEqual({ train: 0, validation: 0, test: 0 });
  });

  it("keeps one train sequence (count ≥ 1) and one validation sequence (count ≥ 2, ratio > 0)", () => {
    expect(splitCounts(1, { train: 0, validation: 0.5, test: 0.5 })).toEqual({ train: 1, validation: 0, test: 0 });
    expect(splitCounts(2, { train: 0.9, validation: 0.1, test: 0 })).toEqual({ train: 1, validation: 1, test: 0 });
    expect(splitCounts(2, { train: 0.9, validation: 0, test: 0.1 })).toEqual({ train: 2, validation: 0, test: 0 });
    expect(splitCounts(3, { train: 0.1, validation: 0.1, test: 0.8 })).toEqual({ train: 1, validation: 1, test: 1 });
  });

  it("validates ratios and count with typed errors", () => {
    const ok = { train: 0.6, validation: 0.2, test: 0.2 };
    expect(errorCode(() => splitCounts(5, { ...ok, test: -0.2, train: 1 }))).toBe("invalid_split_ratios");
    expect(errorCode(() => splitCounts(5, { ...ok, train: 0.5 }))).toBe("invalid_split_ratios");
    expect(errorCode(() => splitCounts(5, { ...ok, train: Number.NaN }))).toBe("invalid_split_ratios");
    expect(errorCode(() => splitCounts(5, { ...ok, train: 0.6000005 }))).toBe("no error"); // within 1e-6
    expect(errorCode(() => splitCounts(-1, ok))).toBe("invalid_count");
    expect(errorCode(() => splitCounts(2.5, ok))).toBe("invalid_count");
  });
});

describe("assignSplits", () => {
  const ratios = { train: 0.6, validation: 0.2, test: 0.2 };

  it("is deterministic per seed and shuffles differently for another seed", () => {
    expect(assignSplits(20, ratios, 7)).toEqual(assignSplits(20, ratios, 7));
    expect(assignSplits(20, ratios, 7)).not.toEqual(assignSplits(20, ratios, 8));
  });

  it("gives exactly the counts of splitCounts", () => {
    for (const count of [0, 1, 2, 3, 7, 20, 101]) {
      const splits = assignSplits(count, ratios, count);
      const expected = splitCounts(count, ratios);
      expect(splits).toHaveLength(count);
      expect(countOf(splits, "train")).toBe(expected.train);
      expect(countOf(splits, "validation")).toBe(expected.validation);
      expect(countOf(splits, "test")).toBe(expected.test);
    }
  });

  it("rejects invalid ratios", () => {
    expect(errorCode(() => assignSplits(5, { train: 1, validation: 1, test: 0 }, 1))).toBe("invalid_split_ratios");
  });
});
