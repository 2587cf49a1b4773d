import { describe, expect, it } from "vitest";
import { ThresholdError } from "./errors";
import { evaluateOnline, tallyOnline } from "./online-evaluation";
import type { LabelledCandidate } from "./types";

const f64 = (...xs: number[]) => Float64Array.from(xs);
const anomalous = (onset: number | undefined, ...xs: number[]): LabelledCandidate =>
  onset === undefined ? { scores: f64(...xs), anomalous: true } : { scores: f64(...xs), anomalous: true, onset };
const normal = (...xs: number[]): LabelledCandidate => ({ scores: f64(...xs), anomalous: false });

describe("evaluateOnline on single candidates (threshold 5, 2 Hz)", () => {
  const at = (c: LabelledCandidate) => evaluateOnline([c], 5, { samplingRate: 2 });

  it("counts an alarm exactly at the onset as a true positive with no delay", () => {
    const e = at(anomalous(3, 1, 1, 1, 5, 1));
    expect(e).toMatchObject({ tp: 1, fp: 0, tn: 0, fn: 0, prematureAlarms: 0, delays: [0], meanDelay: 0 });
    expect(e.outcomes).toEqual([{ kind: "tp", firstAlarm: 3 }]);
  });

  it("gives a later alarm its delay in seconds: (6 − 2) steps / 2 Hz = 2 s", () => {
    const e = at(anomalous(2, 1, 1, 1, 4.9, 1, 1, 8, 9));
    expect(e).toMatchObject({ tp: 1, delays: [2], meanDelay: 2 });
  });

  it("counts a first alarm before the onset as a premature false positive, even if later ones follow", () => {
    const e = at(anomalous(4, 1, 7, 1, 1, 9));
    expect(e).toMatchObject({ tp: 0, fp: 1, prematureAlarms: 1, fn: 0, delays: [], meanDelay: null });
    expect(e.outcomes).toEqual([{ kind: "premature", firstAlarm: 1 }]);
  });

  it("counts an anomalous candidate with nothing ≥ threshold as a false negative", () => {
    expect(at(anomalous(1, 1, 2, 3, 4, 4.999))).toMatchObject({ tp: 0, fp: 0, fn: 1, tn: 0 });
  });

  it("counts a quiet normal candidate as a true negative and an alarming one as a false positive", () => {
    expect(at(normal(1, 2, 1, 2))).toMatchObject({ tn: 1, fp: 0, prematureAlarms: 0 });
    expect(at(normal(1, 1, 5.5, 1))).toMatchObject({ tn: 0, fp: 1, prematureAlarms: 0 });
  });

  it("never alarms on NaN scores", () => {
    expect(at(normal(Number.NaN, 1, Number.NaN))).toMatchObject({ tn: 1 });
    expect(at(anomalous(0, Number.NaN, 6))).toMatchObject({ tp: 1, delays: [0.5] });
  });

  it("reads an anomalous label without onset as onset 0 (no alarm can be premature)", () => {
    expect(at(anomalous(undefined, 9, 1, 1))).toMatchObject({ tp: 1, prematureAlarms: 0, delays: [0] });
  });

  it("reads a fractional onset as ceil(onset) for the split, and the onset itself for the delay", () => {
    // onset 1.5: step 1 is before it (premature), step 2 at/after it.
    expect(at(anomalous(1.5, 1, 6, 1))).toMatchObject({ prematureAlarms: 1 });
    expect(at(anomalous(1.5, 1, 1, 6))).toMatchObject({ tp: 1, delays: [0.25] });
  });
});

describe("evaluateOnline on a mixed set", () => {
  // threshold 5, 2 Hz
  const candidates: LabelledCandidate[] = [
    anomalous(3, 1, 1, 1, 5, 1, 1), //   first alarm 3 = onset      → TP, delay 0 s
    anomalous(2, 1, 1, 1, 1, 6, 1), //   first alarm 4 ≥ onset 2    → TP, delay (4 − 2) / 2 = 1 s
    anomalous(4, 1, 7, 1, 1, 9, 1), //   first alarm 1 < onset 4    → FP (premature)
    anomalous(1, 1, 2, 3, 4, 4.9, 1), // nothing ≥ 5                → FN
    normal(1, 2, 1, 2, 1, 2), //         nothing ≥ 5                → TN
    normal(1, 1, 5.5, 1, 1, 1), //       alarm                      → FP
  ];

  it("matches the counts and scores computed on paper", () => {
    // tp = 2, fp = 2 (1 premature), tn = 1, fn = 1
    // precision = 2 / (2 + 2) = 1/2; recall = 2 / (2 + 1) = 2/3
    // F1 = 2·tp / (2·tp + fp + fn) = 4 / 7  (= 2·(1/2)·(2/3) / (1/2 + 2/3) = (2/3) / (7/6))
    // mean delay = (0 + 1) / 2 = 0.5 s
    const e = evaluateOnline(candidates, 5, { samplingRate: 2 });
    expect(e).toMatchObject({ tp: 2, fp: 2, tn: 1, fn: 1, prematureAlarms: 1, delays: [0, 1], meanDelay: 0.5 });
    expect(e.precision).toBe(0.5);
    expect(e.recall).toBe(2 / 3);
    expect(e.f1).toBe(4 / 7);
    expect(e.outcomes.map((o) => o.kind)).toEqual(["tp", "tp", "premature", "fn", "tn", "fp"]);
    expect(tallyOnline(candidates, 5)).toEqual({ tp: 2, fp: 2, tn: 1, fn: 1, prematureAlarms: 1 });
  });

  it("uses 1 Hz by default", () => {
    expect(evaluateOnline(candidates, 5).delays).toEqual([0, 2]);
  });

  it("defines 0/0 as 0 for precision, recall and F1 (sklearn zero_division=0)", () => {
    expect(evaluateOnline([normal(1, 2)], 5)).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    expect(evaluateOnline([], 5)).toMatchObject({ precision: 0, recall: 0, f1: 0, meanDelay: null });
    expect(evaluateOnline([normal(9)], 5)).toMatchObject({ fp: 1, precision: 0, recall: 0, f1: 0 });
  });

  it("throws typed errors for a bad onset, sampling rate or threshold", () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof ThresholdError ? error.code : "other";
      }
      return "none";
    };
    expect(code(() => evaluateOnline([anomalous(-1, 1)], 5))).toBe("invalid_onset");
    expect(code(() => evaluateOnline([anomalous(Number.NaN, 1)], 5))).toBe("invalid_onset");
    expect(code(() => evaluateOnline([normal(1)], 5, { samplingRate: 0 }))).toBe("invalid_rate");
    expect(code(() => evaluateOnline([normal(1)], Number.NaN))).toBe("invalid_threshold");
  });
});
