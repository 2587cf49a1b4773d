import { describe, expect, it } from "vitest";
import { createRng } from "../rng";
import { anomalyShareAt, expectedF1, isotonicFit, poolTerm } from "./objective";
import { refineThreshold } from "./refine";
import { syntheticCandidates } from "./synthetic";
import type { LabelledCandidate } from "./types";

const f64 = (...xs: number[]) => Float64Array.from(xs);
const anomalous = (...xs: number[]): LabelledCandidate => ({ scores: f64(...xs), anomalous: true, onset: 0 });
const normal = (...xs: number[]): LabelledCandidate => ({ scores: f64(...xs), anomalous: false });
const peak = (p: number, a: boolean) => ({ peak: p, anomalous: a });

describe("isotonicFit and anomalyShareAt", () => {
  it("pools adjacent violators, equal peaks merged first", () => {
    // Ascending labels 0, 1, 0, 1, 1 → 0, ½, ½, 1, 1.
    const fit = isotonicFit([peak(5, true), peak(1, false), peak(3, false), peak(2, true), peak(4, true)]);
    expect(fit).toEqual({ from: [1, 2, 3, 4, 5], at: [0, 0.5, 0.5, 1, 1] });
    // Two labels on one peak count as one point of weight 2: (1 + 0) / 2 then 1.
    expect(isotonicFit([peak(2, true), peak(2, false), peak(3, true)])).toEqual({ from: [2, 3], at: [0.5, 1] });
    // A weak anomaly below three normals is pooled with them: ¼.
    expect(isotonicFit([peak(1, true), peak(2, false), peak(3, false), peak(4, false), peak(Number.NaN, true)]).at).toEqual([
      0.25, 0.25, 0.25, 0.25,
    ]);
  });

  it("reads the step function: 0 below every labelled peak, the fit of the highest peak at or below", () => {
    const fit = { from: [1, 2, 3], at: [0, 0.5, 1] };
    expect([0.5, 1, 1.5, 2, 2.9, 3, 100, Number.NaN].map((m) => anomalyShareAt(fit, m))).toEqual([0, 0, 0, 0.5, 0.5, 1, 1, 0]);
    expect(anomalyShareAt({ from: [], at: [] }, 5)).toBe(0);
  });

  it("poolTerm accumulates the unlabelled candidates above each lower edge, in descending order", () => {
    const term = poolTerm([peak(1, false), peak(10, true)], [12, 5, 0, Number.NaN]);
    expect(term.size).toBe(3);
    // p: 12 → 1, 5 → 0, 0 → 0 (below every labelled peak).
    expect(term.next(20)).toEqual({ tp: 0, fp: 0, fn: 1, alarms: 0 });
    expect(term.next(10)).toEqual({ tp: 1, fp: 0, fn: 0, alarms: 1 });
    expect(term.next(-Infinity)).toEqual({ tp: 1, fp: 2, fn: 0, alarms: 3 });
    expect(expectedF1(0, 0, 0)).toBe(0);
  });
});

describe('refineThreshold with the "pool" objective', () => {
  it('agrees exactly with "labels" when nothing is unlabelled and its threshold alarms on at most half', () => {
    const rng = createRng(12);
    let compared = 0;
    for (let k = 0; k < 200; k++) {
      const candidates = syntheticCandidates(rng, {
        count: 1 + rng.int(14),
        minLength: 20,
        maxLength: 200,
        spikeRate: 0.01,
        anomalousShare: 0.25,
      });
      const labels = refineThreshold(candidates);
      const pool = refineThreshold(candidates, { objective: "pool", unlabelledPeaks: [] });
      if (!labels) throw new Error("every case has scores");
      const alarms = labels.evaluation.tp + labels.evaluation.fp;
      if (2 * alarms > candidates.length) continue;
      compared++;
      expect(pool?.threshold).toBe(labels.threshold);
      expect(pool?.lowerBound).toBe(labels.lowerBound);
      expect(pool?.f1).toBe(labels.f1);
    }
    expect(compared).toBeGreaterThan(50);
  });

  it("returns null when every threshold alarms on more than half of the pool", () => {
    expect(refineThreshold([anomalous(5), normal(6)], { objective: "pool", unlabelledPeaks: [7] })).toBeNull();
  });

  it("does not lower to a weak anomaly when that alarms on the many unlabelled candidates below the strong ones", () => {
    // Labels: F1 2/3 in (90, 100]; lowering to 10 catches the weak anomaly for one labelled false
    // alarm: 4/5, so "labels" lowers. The pool holds 30 unlabelled candidates between 10 and 90.
    const candidates = [anomalous(1, 100), normal(90), anomalous(10)];
    expect(refineThreshold(candidates)).toMatchObject({ threshold: 10, lowerBound: -Infinity });
    const unlabelledPeaks = Array.from({ length: 30 }, (_, i) => 20 + 2 * i);
    const r = refineThreshold(candidates, { objective: "pool", unlabelledPeaks });
    expect(r).toMatchObject({ threshold: 100, lowerBound: 90, f1: 2 / 3 });
    // "minority" (F1 on the labels, the same exclusion) stops there too.
    expect(refineThreshold(candidates, { objective: "minority", unlabelledPeaks })).toMatchObject({
      threshold: 100,
      lowerBound: 90,
      f1: 2 / 3,
    });
  });

  it("still lowers to a clear cluster of anomalies, unlabelled look-alikes and all", () => {
    // Four anomalies above two normals; a few unlabelled candidates among the anomalies, many far below.
    const candidates = [anomalous(100), anomalous(95), anomalous(90), anomalous(85), normal(60), normal(50)];
    const unlabelledPeaks = [88, 87, 86, ...Array.from({ length: 20 }, (_, i) => 2 * i)];
    const r = refineThreshold(candidates, { objective: "pool", unlabelledPeaks });
    expect(r).toMatchObject({ threshold: 85, lowerBound: 60, f1: 1 });
    expect(r?.score).toBe(1);
  });
});
