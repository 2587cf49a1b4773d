import { describe, expect, it } from "vitest";
import { referenceDelay } from "./protocol";

const f = (...v: number[]) => Float32Array.from(v);

describe("referenceDelay (the DQS reference's delay metric)", () => {
  // Ten steps, window 3, 2 Hz, threshold 5.
  it("adds the reverse-window penalty to an alarm, counts premature alarms and misses, skips normals", () => {
    const tp = { scores: f(0, 0, 0, 0, 9, 0, 0, 0, 0, 0), anomalous: true, onset: 2 }; //   |4 + 3 − 2| / 2 = 2.5
    const premature = { scores: f(9, 0, 0, 0, 0, 0, 0, 0, 0, 0), anomalous: true, onset: 4 }; // |0 + 3 − 4| / 2 = 0.5
    const late = { scores: f(0, 0, 0, 0, 0, 0, 0, 0, 9, 0), anomalous: true, onset: 5 }; //  alarm in the last window: |8 + 2 − 5| / 2 = 2.5
    const miss = { scores: f(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), anomalous: true, onset: 6 }; //  (10 − 6) / 2 = 2
    const normal = { scores: f(9, 9, 9, 9, 9, 9, 9, 9, 9, 9), anomalous: false };
    expect(referenceDelay([tp, premature, late, miss, normal], 5, 3, 2)).toBeCloseTo((2.5 + 0.5 + 2.5 + 2) / 4, 12);
  });

  it("is null without an anomalous candidate", () => {
    expect(referenceDelay([{ scores: f(1), anomalous: false }], 5, 3, 2)).toBeNull();
  });
});
