import { describe, expect, it } from "vitest";
import { symexp, symlog, symlogTicks } from "./symlog";

describe("symlog scale", () => {
  it("maps 0 to 0, ±9 to ±1, ±99 to ±2, and back", () => {
    expect(symlog(0)).toBe(0);
    expect(symlog(9)).toBeCloseTo(1, 12);
    expect(symlog(-99)).toBeCloseTo(-2, 12);
    for (const s of [-5737, -1.5, 0, 0.25, 374, 5737]) expect(symexp(symlog(s))).toBeCloseTo(s, 6);
  });
  it("keeps the order of negative and positive scores", () => {
    const scores = [-20, -3, -0.5, 0, 0.5, 3, 20, 600];
    const mapped = scores.map(symlog);
    expect([...mapped].sort((a, b) => a - b)).toEqual(mapped);
  });
  it("ticks at 0 and the powers of ten inside the range, with 2 and 5 added on a short range", () => {
    expect(symlogTicks(symlog(-20), symlog(5000)).map((y) => Math.round(symexp(y)))).toEqual([-10, -1, 0, 1, 10, 100, 1000]);
    expect(symlogTicks(symlog(0), symlog(30)).map((y) => Math.round(symexp(y)))).toEqual([0, 1, 2, 5, 10, 20]);
  });
});
