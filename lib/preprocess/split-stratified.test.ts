import { describe, expect, it } from "vitest";
import type { Split } from "../series/types";
import { assignSplits, splitCounts } from "./split";
import { anomalyCounts, assignStratifiedSplits } from "./split-stratified";
import { errorCode } from "./test-helpers";

const R622 = { train: 0.6, validation: 0.2, test: 0.2 };

/** true for the first `anomalous` of `count` sequences. */
const flags = (count: number, anomalous: number) => Array.from({ length: count }, (_, i) => i < anomalous);

function tally(splits: Split[], anomalous: boolean[]) {
  const out = { train: [0, 0], validation: [0, 0], test: [0, 0] } as Record<Split, [number, number]>;
  splits.forEach((s, i) => {
    out[s][0]++;
    if (anomalous[i]) out[s][1]++;
  });
  return out;
}

describe("anomalyCounts", () => {
  it("rounds the anomalies by the ratios: 9 of 30 with 60/20/20 → 5/2/2", () => {
    expect(anomalyCounts(splitCounts(30, R622), 9, R622)).toEqual({ train: 5, validation: 2, test: 2 });
  });

  it("gives every non-empty split with a ratio above 0 an anomaly when there are enough", () => {
    // 3 × (0.6, 0.2, 0.2) = 1.8, 0.6, 0.6 would round to 2/1/0
    expect(anomalyCounts(splitCounts(20, R622), 3, R622)).toEqual({ train: 1, validation: 1, test: 1 });
    // 2 anomalies for 3 splits: 1.2, 0.4, 0.4 → train 1, and the tie between validation and test goes to test
    expect(anomalyCounts(splitCounts(20, R622), 2, R622)).toEqual({ train: 1, validation: 0, test: 1 });
    expect(anomalyCounts(splitCounts(20, R622), 1, R622)).toEqual({ train: 1, validation: 0, test: 0 });
  });

  it("never puts more anomalies in a split than it holds", () => {
    const counts = splitCounts(5, R622); // 3/1/1
    expect(anomalyCounts(counts, 5, R622)).toEqual(counts);
    expect(anomalyCounts(counts, 4, R622)).toEqual({ train: 2, validation: 1, test: 1 });
  });

  it("leaves splits with a ratio of 0 out", () => {
    const r = { train: 0.5, validation: 0.5, test: 0 };
    expect(anomalyCounts(splitCounts(10, r), 4, r)).toEqual({ train: 2, validation: 2, test: 0 });
  });
});

describe("assignStratifiedSplits", () => {
  it("keeps the split sizes of splitCounts and spreads the anomalies", () => {
    for (const [count, anomalous] of [
      [30, 9],
      [20, 3],
      [7, 2],
      [100, 12],
      [2, 1],
      [1, 1],
    ] as const) {
      const a = flags(count, anomalous);
      const t = tally(assignStratifiedSplits(a, R622, 5), a);
      const sizes = splitCounts(count, R622);
      const expected = anomalyCounts(sizes, anomalous, R622);
      expect([t.train[0], t.validation[0], t.test[0]]).toEqual([sizes.train, sizes.validation, sizes.test]);
      expect([t.train[1], t.validation[1], t.test[1]]).toEqual([expected.train, expected.validation, expected.test]);
    }
  });

  it("puts 9 anomalous of 30 sequences 5/2/2 over 18/6/6, whatever the seed", () => {
    const a = flags(30, 9);
    for (const seed of [1, 2, 3, 99]) {
      const t = tally(assignStratifiedSplits(a, R622, seed), a);
      expect(t).toEqual({ train: [18, 5], validation: [6, 2], test: [6, 2] });
    }
  });

  it("is deterministic for a seed, and another seed picks other members", () => {
    const a = flags(40, 10);
    expect(assignStratifiedSplits(a, R622, 7)).toEqual(assignStratifiedSplits(a, R622, 7));
    expect(assignStratifiedSplits(a, R622, 7)).not.toEqual(assignStratifiedSplits(a, R622, 8));
  });

  it("is exactly assignSplits when no sequence is anomalous", () => {
    for (const count of [0, 1, 5, 80]) expect(assignStratifiedSplits(flags(count, 0), R622, 3)).toEqual(assignSplits(count, R622, 3));
  });

  it("keeps the minimums (one train, one validation) and validates the ratios", () => {
    expect(assignStratifiedSplits([true], { train: 0, validation: 0, test: 1 }, 1)).toEqual(["train"]);
    const two = assignStratifiedSplits([true, false], { train: 0.9, validation: 0.1, test: 0 }, 1).sort();
    expect(two).toEqual(["train", "validation"]);
    expect(errorCode(() => assignStratifiedSplits([true], { train: 1, validation: 1, test: 0 }, 1))).toBe("invalid_split_ratios");
  });
});
