import { describe, expect, it } from "vitest";
import { createDtwScratch, dtwDistance } from "../dtw/dtw";
import { computeDistanceRow } from "./distance-row";
import { syntheticScores } from "./synthetic-scores";

describe("computeDistanceRow", () => {
  const series = syntheticScores(12, 40, 3).map((c) => c.scores);
  const [target, ...rest] = series as [Float32Array, ...Float32Array[]];

  it("equals one dtwDistance per candidate", () => {
    const row = computeDistanceRow(target, rest, createDtwScratch(40));
    expect(Array.from(row)).toEqual(rest.map((c) => dtwDistance(target, c)));
  });

  it("abandons per candidate against its own upper bound", () => {
    const exact = computeDistanceRow(target, rest, createDtwScratch(40));
    const upperBounds = exact.map((d, i) => (i % 2 === 0 ? d : d / 4));
    const row = computeDistanceRow(target, rest, createDtwScratch(40), { upperBounds });
    row.forEach((d, i) => expect(d).toBe(i % 2 === 0 || exact[i] === 0 ? exact[i] : Infinity));
  });
});
