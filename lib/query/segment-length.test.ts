import { describe, expect, it } from "vitest";
import { suggestSegmentLength } from "./segment-length";

describe("suggestSegmentLength", () => {
  it("keeps whole sequences when the pool has many of modest length", () => {
    expect(suggestSegmentLength({ lengths: Array(40).fill(200), window: 16 })).toBeNull();
  });

  it("cuts few long sequences into a multiple of the window that gives about 100 candidates", () => {
    // 8 × 12,000 steps = 96,000; /100 = 960 → 60 windows of 16.
    expect(suggestSegmentLength({ lengths: Array(8).fill(12_000), window: 16 })).toBe(960);
    expect(suggestSegmentLength({ lengths: Array(8).fill(12_000), window: 16, target: 30 })).toBe(3200);
  });

  it("cuts many long sequences too, never below 4 windows", () => {
    // 200 × 1,000 = 200,000 steps; /100 = 2,000 → 125 windows of 16; median 1,000 > 16 · 16.
    expect(suggestSegmentLength({ lengths: Array(200).fill(1_000), window: 16 })).toBeNull(); // 2,000 ≥ the median: whole
    expect(suggestSegmentLength({ lengths: Array(10).fill(300), window: 16 })).toBe(64);
  });

  it("returns null when a segment would be as long as a sequence, or there is nothing", () => {
    expect(suggestSegmentLength({ lengths: [100, 120], window: 64 })).toBeNull();
    expect(suggestSegmentLength({ lengths: [], window: 16 })).toBeNull();
  });
});
