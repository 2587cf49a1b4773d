import { describe, expect, it } from "vitest";
import { corridorUpperBound } from "../dtw/coarse";
import { createDtwScratch, dtwDistance } from "../dtw/dtw";
import { dtwDistanceNaive } from "../dtw/dtw-naive";
import { computePairs, packRequests, PAIR_KIND, UPPER_SLACK } from "./pair-work";
import { syntheticScores } from "./synthetic-scores";

const series = syntheticScores(6, 40, 3).map((c) => c.scores);

describe("computePairs", () => {
  it("computes exact distances, abandons above a bound, and counts the cells", () => {
    const d01 = dtwDistanceNaive(series[0]!, series[1]!);
    const requests = packRequests([
      { kind: PAIR_KIND.dtw, a: 0, b: 1, bound: Infinity },
      { kind: PAIR_KIND.dtw, a: 0, b: 1, bound: d01 * 0.5 },
      { kind: PAIR_KIND.dtw, a: 2, b: 5, bound: Infinity },
    ]);
    const { values, cells } = computePairs(series, requests, createDtwScratch(8));
    expect(values[0]).toBeCloseTo(d01, 10);
    expect(values[1]).toBe(Infinity);
    expect(values[2]).toBe(dtwDistance(series[2]!, series[5]!));
    expect(cells).toBeGreaterThan(40 * 40);
    expect(cells).toBeLessThan(3 * 40 * 40);
  });

  it("gives the corridor upper bound, widened, or Infinity above the limit", () => {
    const ub = corridorUpperBound(series[3]!, series[4]!);
    const { values } = computePairs(
      series,
      packRequests([
        { kind: PAIR_KIND.corridor, a: 3, b: 4, bound: Infinity },
        { kind: PAIR_KIND.corridor, a: 3, b: 4, bound: ub * 0.5 },
      ]),
      createDtwScratch(8),
    );
    expect(values[0]).toBeCloseTo(ub * UPPER_SLACK, 10);
    expect(values[0]).toBeGreaterThanOrEqual(dtwDistance(series[3]!, series[4]!));
    expect(values[1]).toBe(Infinity);
  });
});
