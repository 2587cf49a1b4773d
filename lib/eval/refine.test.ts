import { describe, expect, it } from "vitest";
import { fineTuneAlpha } from "../query/contamination";
import {
  aggregateContamination,
  formatContaminationTable,
  isRefinedName,
  labelSpans,
  refinedName,
  type ContaminationRecord,
} from "./refine";

describe("labelSpans", () => {
  it("maps labels on candidate keys to spans of their sequences; an anomaly's span starts at its onset", () => {
    expect(
      labelSpans([
        { key: "a:0-100", anomalous: false, onset: null },
        { key: "b:200-300", anomalous: true, onset: 30 },
        { key: "c:0-50", anomalous: true, onset: null },
      ]),
    ).toEqual([
      { sequenceId: "a", start: 0, end: 100, anomalous: false },
      { sequenceId: "b", start: 230, end: 300, anomalous: true },
      { sequenceId: "c", start: 0, end: 50, anomalous: true },
    ]);
    expect(() => labelSpans([{ key: "whole", anomalous: false, onset: null }])).toThrow(/names no stretch/);
  });
});

describe("fineTuneAlpha", () => {
  it("takes the estimate, else the labelled fraction, else the fallback, clamped to [0, 0.5]", () => {
    expect(fineTuneAlpha({ estimate: 0.2, naive: 0.6 })).toBe(0.2);
    expect(fineTuneAlpha({ estimate: -0.1, naive: 0.6 })).toBe(0);
    expect(fineTuneAlpha({ estimate: null, naive: 0.3 })).toBe(0.3);
    expect(fineTuneAlpha({ estimate: null, naive: 0.9 })).toBe(0.5);
    expect(fineTuneAlpha(null)).toBe(0.05);
  });
});

describe("the contamination table", () => {
  const record = (over: Partial<ContaminationRecord>): ContaminationRecord => ({
    stage: 1,
    strategy: "random",
    budget: 10,
    mislabel: 0,
    seed: 0,
    fold: 0,
    truth: 0.2,
    estimate: 0.1,
    lower: 0,
    upper: 0.3,
    naive: 0.2,
    used: 0.1,
    ...over,
  });

  it("averages per (stage, strategy, budget, mislabel) in the strategies' order; the estimate over the runs that have one", () => {
    const rows = aggregateContamination(
      [
        record({ seed: 0 }),
        record({ seed: 1, estimate: 0.3, lower: 0.1, upper: 0.5, truth: 0.3 }),
        record({ strategy: "aloe-pos", estimate: null, lower: null, upper: null, naive: 0.8, used: 0.5 }),
        record({ strategy: "aloe-pos", seed: 1, estimate: null, lower: null, upper: null, naive: 0.6, used: 0.5 }),
      ],
      ["aloe-pos", "random"],
    );
    expect(rows.map((r) => r.strategy)).toEqual(["aloe-pos", "random"]);
    expect(rows[0]).toMatchObject({ runs: 2, estimated: 0, estimate: null, lower: null, naive: 0.7, used: 0.5 });
    expect(rows[1]!.runs).toBe(2);
    expect(rows[1]!.truth).toBeCloseTo(0.25, 12);
    expect(rows[1]!.estimate!.mean).toBeCloseTo(0.2, 12);
    expect(rows[1]!.estimate!.std).toBeCloseTo(Math.SQRT2 * 0.1, 12);
    expect(rows[1]!.lower).toBeCloseTo(0.05, 12);
    const text = formatContaminationTable(rows);
    expect(text).toContain("— (deterministic)");
    expect(text).toContain("0.200 ± 0.141");
    expect(text.split("\n")).toHaveLength(3);
  });

  it("names the refined rows after their strategy", () => {
    expect(refinedName("aloe-pos")).toBe("aloe-pos + ALOE fine-tuning");
    expect(isRefinedName(refinedName("top"))).toBe(true);
    expect(isRefinedName("top")).toBe(false);
  });
});
