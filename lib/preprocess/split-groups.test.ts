import { describe, expect, it } from "vitest";
import type { Split } from "../series/types";
import { splitCounts } from "./split";
import { assignGroupedSplits, groupsOf, type SplitItem } from "./split-groups";
import { planSplits } from "./split-plan";
import { assignStratifiedSplits } from "./split-stratified";
import { errorCode } from "./test-helpers";

const R622 = { train: 0.6, validation: 0.2, test: 0.2 };

/** `units` units of `perUnit` sequences each; the units listed in `anomalousUnits` have one anomalous sequence. */
function fleet(units: number, perUnit: number, anomalousUnits: number[]): SplitItem[] {
  return Array.from({ length: units * perUnit }, (_, i) => {
    const unit = Math.floor(i / perUnit);
    return { unit: `vehicle-${unit}`, anomalous: anomalousUnits.includes(unit) && i % perUnit === 0 };
  });
}

function splitsOfUnits(items: SplitItem[], splits: Split[]): Map<string, Set<Split>> {
  const out = new Map<string, Set<Split>>();
  items.forEach((item, i) => {
    const set = out.get(item.unit ?? `#${i}`) ?? new Set<Split>();
    set.add(splits[i] ?? "train");
    out.set(item.unit ?? `#${i}`, set);
  });
  return out;
}

const count = (splits: Split[], split: Split, where: (i: number) => boolean = () => true) =>
  splits.filter((s, i) => s === split && where(i)).length;

describe("groupsOf", () => {
  it("groups by unit, a null unit standing alone", () => {
    const groups = groupsOf([
      { unit: "a", anomalous: false },
      { unit: null, anomalous: true },
      { unit: "a", anomalous: true },
      { unit: null, anomalous: false },
    ]);
    expect(groups.map((g) => [g.members, g.anomalous])).toEqual([
      [[0, 2], 1],
      [[1], 1],
      [[3], 0],
    ]);
  });
});

describe("assignGroupedSplits", () => {
  it("never puts the sequences of one unit in two splits", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const items = fleet(12, 3, [0, 4, 7, 9]);
      const splits = assignGroupedSplits(items, R622, seed);
      for (const [, set] of splitsOfUnits(items, splits)) expect(set.size).toBe(1);
    }
  });

  it("follows the ratios when the units are equal, and spreads the anomalous units over every split", () => {
    const items = fleet(10, 3, [1, 3, 5, 8]);
    const anomalous = (i: number) => items[i]?.anomalous === true;
    for (const seed of [1, 2, 3]) {
      const splits = assignGroupedSplits(items, R622, seed);
      expect([count(splits, "train"), count(splits, "validation"), count(splits, "test")]).toEqual([18, 6, 6]);
      for (const s of ["train", "validation", "test"] as const) expect(count(splits, s, anomalous)).toBeGreaterThan(0);
    }
  });

  it("gets as close to the ratios as units of different sizes allow", () => {
    const items: SplitItem[] = [5, 4, 3, 3, 2, 2, 1, 1, 1].flatMap((size, u) =>
      Array.from({ length: size }, () => ({ unit: `u${u}`, anomalous: false })),
    );
    const splits = assignGroupedSplits(items, R622, 1);
    const target = splitCounts(items.length, R622); // 22 → 13/5/4 (largest remainder 13.2, 4.4, 4.4)
    expect(Math.abs(count(splits, "train") - target.train)).toBeLessThanOrEqual(1);
    expect(Math.abs(count(splits, "validation") - target.validation)).toBeLessThanOrEqual(1);
    expect(Math.abs(count(splits, "test") - target.test)).toBeLessThanOrEqual(1);
  });

  it("keeps a training unit and a validation unit, even when one unit holds almost everything", () => {
    const items: SplitItem[] = [
      ...Array.from({ length: 10 }, () => ({ unit: "big", anomalous: false })),
      { unit: "small", anomalous: false },
    ];
    const splits = assignGroupedSplits(items, R622, 1);
    expect(splits.slice(0, 10).every((s) => s === "train")).toBe(true);
    expect(splits[10]).toBe("validation");
    const one = assignGroupedSplits(
      Array.from({ length: 4 }, () => ({ unit: "only", anomalous: false })),
      R622,
      1,
    );
    expect(one).toEqual(["train", "train", "train", "train"]);
  });

  it("is deterministic for a seed", () => {
    const items = fleet(15, 2, [2, 6, 11]);
    expect(assignGroupedSplits(items, R622, 9)).toEqual(assignGroupedSplits(items, R622, 9));
  });

  it("validates the ratios, and takes no items", () => {
    expect(errorCode(() => assignGroupedSplits(fleet(2, 2, []), { train: 0.5, validation: 0, test: 0 }, 1))).toBe("invalid_split_ratios");
    expect(assignGroupedSplits([], R622, 1)).toEqual([]);
  });
});

describe("planSplits", () => {
  it("groups when units are shared, stratifies with ground truth, shuffles otherwise", () => {
    expect(planSplits(fleet(4, 2, [1]), R622, 1).method).toBe("grouped");
    const single = Array.from({ length: 6 }, (_, i) => ({ unit: `u${i}`, anomalous: i === 0 }));
    const stratified = planSplits(single, R622, 1);
    expect(stratified.method).toBe("stratified");
    expect(stratified.splits).toEqual(
      assignStratifiedSplits(
        single.map((i) => i.anomalous),
        R622,
        1,
      ),
    );
    expect(
      planSplits(
        [
          { unit: null, anomalous: null },
          { unit: null, anomalous: null },
        ],
        R622,
        1,
      ).method,
    ).toBe("random");
  });
});
