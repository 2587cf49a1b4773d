import { describe, expect, it } from "vitest";
import { arrivedCount, interleave, planFolds, stageMembers } from "./folds";

const truth = Array.from({ length: 80 }, (_, i) => i % 5 === 0); // 16 anomalous

describe("planFolds", () => {
  const folds = planFolds(truth, 3, 1);

  it("tests every sequence exactly once, with anomalies in every fold", () => {
    const tested = folds.flatMap((f) => f.test).sort((a, b) => a - b);
    expect(tested).toEqual(truth.map((_, i) => i));
    for (const f of folds) {
      const anomalies = f.test.filter((i) => truth[i]).length;
      expect(anomalies === 5 || anomalies === 6).toBe(true);
      expect(Math.abs(f.test.length - 80 / 3)).toBeLessThan(1);
    }
  });

  it("splits the rest into disjoint train and validation, about a quarter validation, anomalies in both", () => {
    for (const f of folds) {
      const rest = [...f.train, ...f.validation].sort((a, b) => a - b);
      expect(rest).toEqual(truth.map((_, i) => i).filter((i) => !f.test.includes(i)));
      expect(f.validation.length).toBeGreaterThanOrEqual(12);
      expect(f.validation.length).toBeLessThanOrEqual(14);
      expect(f.validation.some((i) => truth[i])).toBe(true);
      expect(f.train.some((i) => truth[i])).toBe(true);
    }
  });

  it("is deterministic per seed and changes with it", () => {
    expect(planFolds(truth, 3, 1)).toEqual(folds);
    expect(planFolds(truth, 3, 2)).not.toEqual(folds);
  });

  it("holds out a third with one fold", () => {
    const [only] = planFolds(truth, 1, 1);
    expect(only?.test.length).toBe(27);
    expect(only?.test.filter((i) => truth[i]).length).toBeGreaterThan(0);
  });

  it("refuses impossible plans", () => {
    expect(() => planFolds(truth, 0, 1)).toThrow(RangeError);
    expect(() => planFolds([true, false], 3, 1)).toThrow(RangeError);
  });
});

describe("stages", () => {
  const [fold] = planFolds(truth, 3, 1);

  it("take growing prefixes of each split, at least one of each", () => {
    if (!fold) throw new Error("no fold");
    const stages = [0.125, 0.25, 0.5, 1].map((q) => stageMembers(fold, q));
    stages.forEach((s, i) => {
      expect(s.train).toEqual(fold.train.slice(0, s.train.length));
      expect(s.validation).toEqual(fold.validation.slice(0, s.validation.length));
      expect(s.validation.length).toBeGreaterThanOrEqual(1);
      if (i > 0) expect(s.train.length).toBeGreaterThan(stages[i - 1]?.train.length ?? 0);
    });
    expect(stages[3]?.train).toEqual(fold.train);
    expect(stages[0]?.train.length).toBe(Math.ceil(fold.train.length / 8));
  });

  it("spread the anomalies along the arrival order", () => {
    if (!fold) throw new Error("no fold");
    const half = stageMembers(fold, 0.5).train.filter((i) => truth[i]).length;
    const all = fold.train.filter((i) => truth[i]).length;
    expect(Math.abs(half - all / 2)).toBeLessThanOrEqual(1);
  });

  it("count ⌈q·n⌉ without float noise", () => {
    expect(arrivedCount(40, 0.125)).toBe(5);
    expect(arrivedCount(10, 0.3)).toBe(3);
    expect(arrivedCount(3, 0.01)).toBe(1);
    expect(arrivedCount(0, 0.5)).toBe(0);
    expect(() => stageMembers(fold!, 0)).toThrow(RangeError);
  });

  it("interleave places the rare items evenly", () => {
    expect(interleave([100, 101], [1, 2, 3, 4, 5, 6])).toEqual([1, 2, 3, 100, 4, 5, 6, 101]);
    expect(interleave([], [1, 2])).toEqual([1, 2]);
  });
});
