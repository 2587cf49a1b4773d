import { describe, expect, it } from "vitest";
import { createRng } from "../rng";
import { estimateContamination, type ContaminationDraw } from "./contamination";

/**
 * One query design as the strategies make it: a deterministic first pick (the most anomalous-looking
 * unit), then `k − 1` draws without replacement with weight `bias` for anomalies and 1 for normals.
 */
function drawDesign(truth: readonly boolean[], k: number, bias: number, seed: number): ContaminationDraw[] {
  const rng = createRng(seed);
  const open = truth.map((_, i) => i);
  const first = truth.indexOf(true);
  open.splice(open.indexOf(first), 1);
  const draws: ContaminationDraw[] = [{ anomalous: truth[first]!, probability: 1 }];
  while (draws.length < k) {
    const weights = open.map((i) => (truth[i] ? bias : 1));
    const total = weights.reduce((s, w) => s + w, 0);
    let r = rng.next() * total;
    let at = 0;
    while (at < open.length - 1 && (r -= weights[at]!) >= 0) at++;
    draws.push({ anomalous: truth[open[at]!]!, probability: weights[at]! / total });
    open.splice(at, 1);
  }
  return draws;
}

describe("estimateContamination", () => {
  const truth = Array.from({ length: 60 }, (_, i) => i % 5 === 0); // 12 of 60: α = 0.2

  it("is unbiased over many draws of a design that prefers anomalies; the labelled fraction is not", () => {
    let sum = 0;
    let naive = 0;
    const runs = 3000;
    for (let s = 0; s < runs; s++) {
      const e = estimateContamination(drawDesign(truth, 8, 6, s), truth.length, { resamples: 1 });
      sum += e.estimate!;
      naive += e.naive!;
    }
    expect(Math.abs(sum / runs - 0.2)).toBeLessThan(0.01);
    expect(naive / runs).toBeGreaterThan(0.45); // about 0.5: half the labels are anomalous
  });

  it("gives Raj's terms on a hand case, with a bootstrap interval around the estimate", () => {
    // draws: anomaly (p 1: no term), normal at 0.5 → 1 + 0/0.5 = 1, anomaly at 0.25 → 1 + 4 = 5.
    const e = estimateContamination(
      [
        { anomalous: true, probability: 1 },
        { anomalous: false, probability: 0.5 },
        { anomalous: true, probability: 0.25 },
      ],
      10,
      { resamples: 200, seed: 3 },
    );
    expect(e.estimate).toBeCloseTo(0.3, 12); // mean(1, 5) / 10
    expect(e.naive).toBeCloseTo(2 / 3, 12);
    expect(e.random).toBe(2);
    expect(e.lower).toBeCloseTo(0.1, 12);
    expect(e.upper).toBeCloseTo(0.5, 12);
  });

  it("stops at the first unlabelled draw and says why when nothing random is labelled", () => {
    const stopped = estimateContamination(
      [
        { anomalous: false, probability: 0.1 },
        { anomalous: null, probability: 0.1 },
        { anomalous: true, probability: 0.1 },
      ],
      20,
    );
    expect(stopped.labelled).toBe(1);
    expect(stopped.estimate).toBe(0);
    const none = estimateContamination([{ anomalous: true, probability: 1 }], 20);
    expect(none.estimate).toBeNull();
    expect(none.reason).toMatch(/deterministic/);
    expect(estimateContamination([], 20).reason).toMatch(/no query is labelled/);
  });
});
