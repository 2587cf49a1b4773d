import { describe, expect, it } from "vitest";
import { countCandidates, DEFAULT_WINDOW, detectorWindow, segmentSuggestion, suggestSegmentLength } from "./segment-length";

const repeat = (n: number, length: number) => Array.from({ length: n }, () => length);

describe("the suggested segment length", () => {
  it("keeps whole sequences for a pool of 30 or more of modest length", () => {
    const s = segmentSuggestion({ lengths: repeat(40, 200), window: 16 });
    expect(s.segmentLength).toBeNull();
    expect(s.candidates).toBe(40);
    expect(s.text).toContain("whole sequences give 40 candidates");
  });
  it("cuts a few long sequences into a multiple of the window giving tens to ~100 candidates", () => {
    const s = segmentSuggestion({ lengths: [1800, 2000, 2100, 2400, 1900, 2600, 2200, 2000], window: 16 });
    expect(s.segmentLength).not.toBeNull();
    expect((s.segmentLength ?? 0) % 16).toBe(0);
    expect(s.candidates).toBeGreaterThanOrEqual(30);
    expect(s.candidates).toBeLessThanOrEqual(120);
    expect(s.candidates).toBe(countCandidates([1800, 2000, 2100, 2400, 1900, 2600, 2200, 2000], s.segmentLength));
    expect(s.text).toMatch(
      /^8 long sequences \(median 2050 steps\) in the pool: segments of \d+ steps \(\d+ windows of 16\) give ~\d+ candidates\.$/,
    );
  });
  it("cuts long sequences even when there are many of them", () => {
    const length = suggestSegmentLength({ lengths: repeat(40, 2000), window: 16 });
    expect(length).toBe(1008);
    expect(countCandidates(repeat(40, 2000), length)).toBe(80);
  });
  it("keeps whole sequences when they already give enough candidates", () => {
    expect(suggestSegmentLength({ lengths: repeat(300, 2000), window: 16 })).toBeNull();
  });
  it("never suggests fewer than 4 windows", () => {
    const length = suggestSegmentLength({ lengths: repeat(5, 300), window: 32 });
    expect(length).toBe(128);
    expect(suggestSegmentLength({ lengths: repeat(5, 300), window: 32, target: 10_000 })).toBe(128);
  });
  it("says so when a few sequences are all too short to cut", () => {
    const s = segmentSuggestion({ lengths: [40, 50, 60], window: 16 });
    expect(s.segmentLength).toBeNull();
    expect(s.text).toContain("all short");
  });
  it("aims at the target", () => {
    const lengths = repeat(16, 2000);
    const few = suggestSegmentLength({ lengths, window: 16, target: 20 });
    const many = suggestSegmentLength({ lengths, window: 16, target: 200 });
    expect(few).toBe(1600);
    expect(many).toBe(160);
    expect(countCandidates(lengths, many)).toBeGreaterThanOrEqual(190);
  });
  it("has nothing to suggest for an empty pool", () => {
    expect(segmentSuggestion({ lengths: [], window: 16 })).toEqual({
      segmentLength: null,
      candidates: 0,
      text: "No sequences in the pool.",
    });
  });
  it("reads the run's window, 16 for the linear detector", () => {
    expect(detectorWindow("tevae", { windowSize: 32 })).toBe(32);
    expect(detectorWindow("linear", { windowSize: 32 })).toBe(DEFAULT_WINDOW);
    expect(detectorWindow("lstm-ae", null)).toBe(DEFAULT_WINDOW);
    expect(detectorWindow("lstm-ae", { windowSize: "x" })).toBe(DEFAULT_WINDOW);
  });
});
