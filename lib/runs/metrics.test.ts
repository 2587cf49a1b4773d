import { describe, expect, it } from "vitest";
import type { LabelledCandidate } from "../threshold";
import { bestThreshold, f1Curve, metricsAt, perBatch, thresholdHistory, type HistoryRow } from "./metrics";

/**
 * Four test candidates worked out by hand (alarm when score ≥ t):
 * A normal, peak 2; B anomalous from step 2 (before 1, after 6); C anomalous from step 1 (before 3,
 * after 4); D normal, peak 4.5. Decision points 1, 2, 3, 4, 4.5, 6.
 */
const candidates: LabelledCandidate[] = [
  { scores: Float32Array.from([1, 2, 1]), anomalous: false },
  { scores: Float32Array.from([1, 1, 5, 6]), anomalous: true, onset: 2 },
  { scores: Float32Array.from([3, 2, 4]), anomalous: true, onset: 1 },
  { scores: Float32Array.from([0.5, 4.5, 0.5]), anomalous: false },
];

describe("metricsAt", () => {
  it("counts online outcomes and the mean delay in seconds", () => {
    // t = 4: B alarms at step 2 (delay 0), C at step 2 (delay 1 step), D is a false alarm, A quiet.
    expect(metricsAt(candidates, 4, 2)).toEqual({
      threshold: 4,
      f1: 0.8,
      precision: 2 / 3,
      recall: 1,
      meanDelay: 0.25,
      tp: 2,
      fp: 1,
      fn: 0,
      tn: 1,
    });
    // t = 3: C alarms before its onset (premature: a false positive).
    expect(metricsAt(candidates, 3, 1)).toMatchObject({ tp: 1, fp: 2, fn: 0, tn: 1, f1: 0.5, meanDelay: 0 });
  });

  it("is null without a threshold or without candidates", () => {
    expect(metricsAt(candidates, null, 1)).toBeNull();
    expect(metricsAt([], 4, 1)).toBeNull();
  });
});

describe("bestThreshold", () => {
  it("finds the highest F1 any threshold reaches, with its interval", () => {
    expect(bestThreshold(candidates, 1)).toMatchObject({ threshold: 4, lower: 3, f1: 0.8, tp: 2, fp: 1 });
  });

  it("is null when the test split holds no anomaly", () => {
    expect(bestThreshold([candidates[0]!, candidates[3]!], 1)).toBeNull();
  });
});

describe("f1Curve", () => {
  it("gives F1 at every decision point, ascending", () => {
    const curve = f1Curve(candidates);
    expect(curve.map((p) => p.threshold)).toEqual([1, 2, 3, 4, 4.5, 6]);
    expect(curve.map((p) => p.f1)).toEqual([0, 0.4, 0.5, 0.8, 0.5, 2 / 3]);
    expect(curve.at(-1)).toMatchObject({ precision: 1, recall: 0.5 });
  });

  it("agrees with metricsAt at every point", () => {
    for (const p of f1Curve(candidates)) expect(metricsAt(candidates, p.threshold, 1)?.f1).toBe(p.f1);
  });
});

describe("thresholdHistory", () => {
  const rows: HistoryRow[] = [
    { version: 1, kind: "refined", value: 6, labelCount: 1, batch: 1, createdAt: "t1" },
    { version: 2, kind: "withdrawn", value: 6, labelCount: 2, batch: 1, createdAt: "t2" },
    { version: 3, kind: "refined", value: 4, labelCount: 3, batch: 2, createdAt: "t3" },
  ];

  it("starts at the unsupervised threshold and follows every stored row; withdrawn falls back to unsupervised", () => {
    const steps = thresholdHistory(rows, 4.5, candidates, 1);
    expect(steps.map((s) => [s.step, s.labelCount, s.refined, s.threshold, s.test?.f1])).toEqual([
      [0, 0, false, 4.5, 0.5],
      [1, 1, true, 6, 2 / 3],
      [2, 2, false, 4.5, 0.5],
      [3, 3, true, 4, 0.8],
    ]);
    expect(perBatch(steps).map((s) => [s.batch, s.step])).toEqual([
      [1, 2],
      [2, 3],
    ]);
  });

  it("has no test figures without test candidates", () => {
    expect(thresholdHistory(rows, 4.5, [], 1).every((s) => s.test === null)).toBe(true);
  });
});
