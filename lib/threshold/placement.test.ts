import { describe, expect, it } from "vitest";
import { geometricMiddle, logSpacePoint, marginFraction, placeThreshold, referenceGridPoint } from "./placement";
import { percentileGridThreshold, poolScores } from "./percentile-grid";
import { refineThreshold } from "./refine";
import { createRng } from "../rng";
import { syntheticCandidates } from "./synthetic";

const pooled = (...xs: number[]) => poolScores([{ scores: Float64Array.from(xs), anomalous: false }]);

describe("placeThreshold, hand cases", () => {
  const interval = { lower: 10, upper: 1000 };
  const scores = pooled(0, 10, 1000);

  it("margin: the geometric middle from the lowest score — the same factor of margin on both sides", () => {
    expect(placeThreshold(interval, "margin", scores)).toBeCloseTo(100, 10);
    // Measured from a floor of −10: √(20 · 1010) − 10.
    expect(placeThreshold(interval, "margin", pooled(-10, 10, 1000))).toBeCloseTo(Math.sqrt(20 * 1010) - 10, 10);
  });

  it("margin with counts: nearer the edge the many labels pin down (a + 1) / (a + b + 2) of the way up in log space", () => {
    expect(marginFraction(1, 1)).toBe(0.5);
    expect(marginFraction(2, 16)).toBe(3 / 20);
    // 2 anomalies above, 16 normals below: 10 · (1000 / 10)^(3/20) from a floor of 0.
    expect(placeThreshold({ ...interval, above: 2, below: 16 }, "margin", scores)).toBeCloseTo(10 * 100 ** 0.15, 9);
    expect(placeThreshold({ ...interval, above: 1, below: 1 }, "margin", scores)).toBeCloseTo(100, 10);
    expect(logSpacePoint(interval, 0, 0)).toBeCloseTo(10, 12);
    expect(logSpacePoint(interval, 0, 1)).toBeCloseTo(1000, 9);
  });

  it("geometric, middle, upper and reference", () => {
    expect(placeThreshold(interval, "geometric", scores)).toBeCloseTo(100, 10);
    expect(placeThreshold(interval, "middle", scores)).toBe(505);
    expect(placeThreshold(interval, "upper", scores)).toBe(1000);
    // Grid over [0, 10, 1000]: v = 2q, the first value above 10 is at q = 0.5001 → 10 + 990 · 0.0002.
    expect(placeThreshold(interval, "reference", scores)).toBeCloseTo(10.198, 9);
  });

  it("keeps the upper edge when the interval is unbounded below, and stays inside a tiny interval", () => {
    expect(placeThreshold({ lower: -Infinity, upper: 5 }, "margin", pooled(1, 5))).toBe(5);
    const next = 1 + Number.EPSILON;
    const v = placeThreshold({ lower: 1, upper: next }, "margin", pooled(0, 1, next));
    expect(v > 1 && v <= next).toBe(true);
  });

  it("geometricMiddle falls back to the arithmetic middle when the lower edge sits on the origin", () => {
    expect(geometricMiddle({ lower: 2, upper: 8 }, 0)).toBeCloseTo(4, 12);
    expect(geometricMiddle({ lower: 0, upper: 8 }, 0)).toBe(4);
  });
});

describe("referenceGridPoint", () => {
  it("lands where the reference's grid search lands, on random labelled sets", () => {
    let compared = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const candidates = syntheticCandidates(createRng(seed), { count: 12, minLength: 20, maxLength: 60 });
      const exact = refineThreshold(candidates);
      const grid = percentileGridThreshold(candidates);
      if (!exact || !grid || exact.f1 === 0) continue;
      const point = referenceGridPoint({ lower: exact.lowerBound, upper: exact.threshold }, poolScores(candidates));
      // Where a grid value falls inside the lowest optimal interval, the grid's pick is exactly it.
      if (point !== null && grid.f1 === exact.f1) {
        expect(point).toBe(grid.threshold);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });
});
