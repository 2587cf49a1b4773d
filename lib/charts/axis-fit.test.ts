import { describe, expect, it } from "vitest";
import { fitRange, niceStep, visibleExtent } from "./axis-fit";

describe("visibleExtent", () => {
  const x = [0, 10, 20, 30, 40];
  const y = [100, 5, 7, 6, -50];

  it("takes the points inside the window only", () => {
    expect(visibleExtent(x, y, 10, 30)).toEqual({ min: 5, max: 7 });
    expect(visibleExtent(x, y, 0, 40)).toEqual({ min: -50, max: 100 });
  });

  it("falls back on the neighbours when no point lies inside", () => {
    expect(visibleExtent(x, y, 21, 29)).toEqual({ min: 6, max: 7 });
  });

  it("skips values that are not finite and answers null for nothing", () => {
    expect(visibleExtent([0, 1], [Number.NaN, 3], 0, 1)).toEqual({ min: 3, max: 3 });
    expect(visibleExtent([], [], 0, 1)).toBeNull();
  });
});

describe("fitRange", () => {
  it("pads and rounds out to a readable step", () => {
    expect(niceStep(0.7)).toBe(1);
    expect(niceStep(2.2)).toBe(2.5);
    expect(niceStep(34)).toBe(50);
    expect(fitRange({ min: 31.2, max: 33.9 })).toEqual({ min: 31, max: 35, interval: 1 });
    expect(fitRange({ min: 0.12, max: 0.38 })).toEqual({ min: 0.1, max: 0.4, interval: 0.1 });
  });

  it("does not cross zero when the data stay on one side of it", () => {
    expect(fitRange({ min: 0, max: 130 })).toEqual({ min: 0, max: 150, interval: 50 });
    expect(fitRange({ min: -130, max: 0 })).toEqual({ min: -150, max: 0, interval: 50 });
    expect(fitRange({ min: -10, max: 130 }).min).toBeLessThan(-10);
  });

  it("gives a flat line room around it", () => {
    const r = fitRange({ min: 50, max: 50 });
    expect(r.min).toBeLessThan(50);
    expect(r.max).toBeGreaterThan(50);
    const zero = fitRange({ min: 0, max: 0 });
    expect(zero.min).toBeLessThan(0);
    expect(zero.max).toBeGreaterThan(0);
    const below = fitRange({ min: -2, max: -2 });
    expect(below.min).toBeLessThan(-2);
    expect(below.max).toBeGreaterThan(-2);
  });
});
