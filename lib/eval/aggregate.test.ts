import { describe, expect, it } from "vitest";
import { aggregateRecords, meanStd, type RunRecord } from "./aggregate";
import { reportRowSchema } from "./report";
import type { Outcome } from "./simulate";

const outcome = (f1: number, delay: number | null = null, refined = true): Outcome => ({
  f1,
  precision: f1,
  recall: f1,
  delay,
  threshold: 10 * f1,
  labels: 5,
  refined,
});

function rec(partial: Partial<RunRecord> & { outcome: Outcome }): RunRecord {
  return { stage: 1, strategy: "dqs", budget: 5, budgetPerStage: 5, mislabel: 0, seed: 0, fold: 0, ...partial };
}

describe("meanStd", () => {
  it("gives the mean and the sample standard deviation", () => {
    expect(meanStd([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, std: Math.sqrt(32 / 7) });
    expect(meanStd([0.5])).toEqual({ mean: 0.5, std: 0 });
    expect(meanStd([1, 1, 1]).std).toBe(0);
  });

  it("refuses an empty list", () => {
    expect(() => meanStd([])).toThrow(RangeError);
  });
});

describe("aggregateRecords", () => {
  const records: RunRecord[] = [
    rec({ fold: 0, seed: 0, outcome: outcome(0.2, 10) }),
    rec({ fold: 0, seed: 1, outcome: outcome(0.4, null) }),
    rec({ fold: 1, seed: 0, outcome: outcome(0.6, 30, false) }),
    rec({ mislabel: 0.2, outcome: outcome(0.1) }),
    rec({ strategy: "random", outcome: outcome(0.3) }),
    rec({ stage: 0.5, budget: 5, outcome: outcome(0.7) }),
    rec({ strategy: "best", budget: null, budgetPerStage: null, mislabel: null, outcome: outcome(0.9) }),
    rec({ strategy: "unsupervised", budget: null, budgetPerStage: null, mislabel: null, outcome: outcome(0.05) }),
  ];
  const rows = aggregateRecords(records, ["random", "dqs"]);

  it("groups by (stage, strategy, budget, mislabel) and averages over seeds × folds", () => {
    const dqs = rows.find((r) => r.stage === 1 && r.strategy === "dqs" && r.mislabel === 0);
    expect(dqs?.n).toBe(3);
    expect(dqs?.f1.mean).toBeCloseTo(0.4, 12);
    expect(dqs?.f1.std).toBeCloseTo(0.2, 12);
    expect(dqs?.threshold.mean).toBeCloseTo(4, 12);
    expect(dqs?.refined).toBeCloseTo(2 / 3, 12);
  });

  it("averages the delay over the runs that have one, and gives null when none has", () => {
    const dqs = rows.find((r) => r.stage === 1 && r.strategy === "dqs" && r.mislabel === 0);
    expect(dqs?.delay).toEqual({ mean: 20, std: Math.sqrt(200) });
    expect(rows.find((r) => r.strategy === "random")?.delay).toEqual({ mean: null, std: null });
  });

  it("orders rows by stage, baselines first, then the given strategy order, budget and mislabel", () => {
    expect(rows.map((r) => [r.stage, r.strategy, r.mislabel])).toEqual([
      [0.5, "dqs", 0],
      [1, "unsupervised", null],
      [1, "best", null],
      [1, "random", 0],
      [1, "dqs", 0],
      [1, "dqs", 0.2],
    ]);
  });

  it("writes rows the report schema accepts", () => {
    for (const row of rows) expect(reportRowSchema.safeParse(row).success).toBe(true);
  });
});
