import { describe, expect, it } from "vitest";
import { bestInEffect, runDuration, testScore, type ComparedRun } from "./compare";

const flat = (n: number, v: number) => new Float32Array(n).fill(v);
const rising = (n: number, onset: number, v: number) => {
  const s = flat(n, 1);
  s.fill(v, onset);
  return s;
};

describe("runs compared", () => {
  const candidates = [
    { scores: rising(10, 5, 6), anomalous: true, onset: 5 },
    { scores: rising(10, 2, 6), anomalous: true, onset: 5 }, // alarms before the onset: premature
    { scores: flat(10, 1), anomalous: false },
    { scores: flat(10, 3), anomalous: false },
  ];

  it("scores a threshold on the test candidates as the online evaluation counts", () => {
    // At 5: one hit, one premature alarm (a false positive), the normals quiet.
    expect(testScore(candidates, 5)).toEqual({ precision: 0.5, recall: 1, f1: 2 / 3 });
    // At 2: the second normal alarms too.
    expect(testScore(candidates, 2)?.f1).toBeCloseTo(0.5, 12);
    expect(testScore(candidates, null)).toBeNull();
    expect(testScore([], 5)).toBeNull();
  });

  it("takes the time from start to finish", () => {
    expect(runDuration(new Date(1000), new Date(4500))).toBe(3500);
    expect(runDuration(new Date(1000), null)).toBeNull();
  });

  it("marks the run whose threshold in effect does best on the test split", () => {
    const run = (id: string, f1: number | null): ComparedRun => ({
      id,
      detector: "linear",
      status: "complete",
      createdAt: "",
      thresholds: { unsupervised: 1, refined: null, manual: null },
      inEffect: "unsupervised",
      test: f1 === null ? null : { unsupervised: { f1, precision: 0, recall: 0 }, refined: null, manual: null },
      tookMs: null,
    });
    expect(bestInEffect([run("a", 0.5), run("b", 0.8), run("c", null)])).toBe("b");
    expect(bestInEffect([run("c", null)])).toBeNull();
  });
});
