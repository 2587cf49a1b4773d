import { describe, expect, it } from "vitest";
import { BAND_COLOR, bandArea, bandLabel, bandValues, intervalText, storedInterval } from "./threshold-band";

describe("the optimal-interval band", () => {
  it("writes the interval half-open, with formatThreshold's digits", () => {
    expect(intervalText({ lower: 1.23456, upper: 40 })).toBe("(1.235, 40.000]");
    expect(bandLabel({ lower: 1.23456, upper: 40 })).toBe("optimal interval (1.235, 40.000]");
  });
  it("says when the interval is unbounded below", () => {
    expect(intervalText({ lower: null, upper: 2 })).toBe("(−∞, 2.000]");
    expect(bandLabel({ lower: null, upper: 2 })).toBe("optimal interval (−∞, 2.000] — unbounded below");
  });
  it("is a translucent markArea from lower to upper across the x axis, labelled", () => {
    const [from, to] = bandArea({ lower: 1, upper: 3 }) as [Record<string, unknown>, Record<string, unknown>];
    expect(from.yAxis).toBe(1);
    expect(to.yAxis).toBe(3);
    expect(from.xAxis).toBeUndefined();
    expect(to.xAxis).toBeUndefined();
    expect((from.itemStyle as { color: string }).color).toBe(BAND_COLOR);
    expect(Number(/[\d.]+\)$/.exec(BAND_COLOR)?.[0].slice(0, -1))).toBeLessThan(0.3);
    expect((from.label as { formatter: string }).formatter).toBe("optimal interval (1.000, 3.000]");
  });
  it("leaves the lower corner without a y value when unbounded, so that it clamps to the axis bottom", () => {
    const [from, to] = bandArea({ lower: null, upper: 3 }) as [Record<string, unknown>, Record<string, unknown>];
    expect("yAxis" in from).toBe(false);
    expect(to.yAxis).toBe(3);
  });
  it("asks the axis to show its upper end", () => {
    expect(bandValues({ lower: null, upper: 3 })).toEqual([3]);
    expect(bandValues(null)).toEqual([]);
  });
  it("reads the interval of a stored threshold once it has one", () => {
    expect(storedInterval({ value: 2 })).toBeNull();
    expect(storedInterval(null)).toBeNull();
    expect(storedInterval({ value: 2, lower: 1, upper: 3 })).toEqual({ lower: 1, upper: 3 });
    expect(storedInterval({ value: 3, lower: null, upper: 3 })).toEqual({ lower: null, upper: 3 });
    expect(storedInterval({ value: 3, lower: 4, upper: 3 })).toBeNull();
  });
});
