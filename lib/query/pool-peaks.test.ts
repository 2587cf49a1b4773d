import { describe, expect, it } from "vitest";
import { batchPool, peakOf, poolPeaks, unlabelledPeaks } from "./pool-peaks";

const f32 = (...v: number[]) => Float32Array.from(v);
const sequences = [
  { sequenceId: "a", split: "train" },
  { sequenceId: "b", split: "validation" },
  { sequenceId: "c", split: "test" },
  { sequenceId: "d", split: "validation" },
];
const scores = new Map([
  ["a", f32(1, 9, 2, 3)],
  ["b", f32(4, 1, 1, 7)],
  ["c", f32(50, 50, 50, 50)],
  ["d", f32(2, Number.NaN, 5, 1)],
]);

describe("the query pool's peaks", () => {
  it("takes each candidate's max, NaN steps ignored", () => {
    expect(peakOf(f32(1, Number.NaN, 3))).toBe(3);
    expect(peakOf(f32())).toBe(-Infinity);
  });
  it("holds the pool's splits only, never test, cut as the query panel cuts", () => {
    expect(poolPeaks(sequences, scores, { includeTrain: false, segmentLength: null })).toEqual([
      { sequenceId: "b", start: 0, end: 4, peak: 7 },
      { sequenceId: "d", start: 0, end: 4, peak: 5 },
    ]);
    expect(poolPeaks(sequences, scores, { includeTrain: true, segmentLength: 2 })).toEqual([
      { sequenceId: "a", start: 0, end: 2, peak: 9 },
      { sequenceId: "a", start: 2, end: 4, peak: 3 },
      { sequenceId: "b", start: 0, end: 2, peak: 4 },
      { sequenceId: "b", start: 2, end: 4, peak: 7 },
      { sequenceId: "d", start: 0, end: 2, peak: 2 },
      { sequenceId: "d", start: 2, end: 4, peak: 5 },
    ]);
  });
  it("leaves out every candidate a labelled stretch overlaps, whatever its segment length", () => {
    const pool = poolPeaks(sequences, scores, { includeTrain: true, segmentLength: 2 });
    expect(unlabelledPeaks(pool, [])).toEqual([9, 3, 4, 7, 2, 5]);
    // b's whole sequence labelled, and steps 1–2 of a: both segments of a touch it.
    expect(
      unlabelledPeaks(pool, [
        { sequenceId: "b", start: 0, end: 4 },
        { sequenceId: "a", start: 1, end: 3 },
      ]),
    ).toEqual([2, 5]);
    // Adjacent is not overlapping.
    expect(unlabelledPeaks(pool, [{ sequenceId: "d", start: 2, end: 4 }])).toEqual([9, 3, 4, 7, 2]);
  });
  it("reads a batch's pool from its parameters, the run page's default for an old batch", () => {
    expect(batchPool({ segmentLength: 64, includeTrain: true }, 10)).toEqual({ includeTrain: true, segmentLength: 64 });
    expect(batchPool({ segmentLength: null }, 10)).toEqual({ includeTrain: false, segmentLength: null });
    // A thin validation split starts with train in the pool on the run page.
    expect(batchPool({}, 2)).toEqual({ includeTrain: true, segmentLength: null });
  });
});
