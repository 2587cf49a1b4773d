import { describe, expect, it } from "vitest";
import { buildCandidates, candidateKey, nameCandidateKeys, parseCandidateKey, segmentBounds } from "./candidates";

describe("query candidates", () => {
  it("uses whole sequences by default and when segments would not be shorter", () => {
    const c = buildCandidates([{ sequenceId: "s1", score: Float32Array.from([1, 2, 3]) }], null);
    expect(c.map((x) => x.key)).toEqual(["s1:0-3"]);
    expect(segmentBounds(3, 5)).toEqual([[0, 3]]);
  });

  it("cuts long sequences into segments; a short tail joins the last segment", () => {
    expect(segmentBounds(10, 4)).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
    expect(segmentBounds(9, 4)).toEqual([
      [0, 4],
      [4, 9],
    ]);
    const c = buildCandidates([{ sequenceId: "s", score: Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8]) }], 4);
    expect(Array.from(c[1]?.scores ?? [])).toEqual([4, 5, 6, 7, 8]);
  });

  it("round-trips keys and rejects malformed ones", () => {
    const stretch = { sequenceId: "cmabc", start: 10, end: 20 };
    expect(parseCandidateKey(candidateKey(stretch))).toEqual(stretch);
    expect(parseCandidateKey("cmabc:20-10")).toBeNull();
    expect(parseCandidateKey("nonsense")).toBeNull();
  });

  it("names candidate keys in a reason by their sequence", () => {
    const names = new Map([["cmab1", "drive-013"]]);
    expect(nameCandidateKeys("farthest from most similar cmab1:0-1948 (DTW 233.7)", names)).toBe(
      "farthest from most similar drive-013 0–1948 (DTW 233.7)",
    );
    expect(nameCandidateKeys("near zz9:0-10", names)).toBe("near zz9:0-10");
  });
});
