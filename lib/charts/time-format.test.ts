import { describe, expect, it } from "vitest";
import { clockAxisLabel, clockDecimals, formatClock, formatInstant } from "./time-format";

describe("formatClock", () => {
  it("writes h:mm:ss, hours growing past 24", () => {
    expect(formatClock(0)).toBe("0:00:00");
    expect(formatClock(245)).toBe("0:04:05");
    expect(formatClock(3723)).toBe("1:02:03");
    expect(formatClock(500_000)).toBe("138:53:20");
    expect(formatClock(-5)).toBe("−0:00:05");
    expect(formatClock(Number.NaN)).toBe("");
  });

  it("adds the fraction asked for and drops trailing zeros", () => {
    expect(formatClock(62.5, 1)).toBe("0:01:02.5");
    expect(formatClock(62, 1)).toBe("0:01:02");
    expect(formatClock(1.25, 2)).toBe("0:00:01.25");
    expect(formatClock(59.96, 1)).toBe("0:01:00");
    expect(formatClock(62.5)).toBe("0:01:03");
  });
});

describe("axis labels", () => {
  it("shows fractions only on short views", () => {
    expect(clockDecimals(600)).toBe(0);
    expect(clockDecimals(30)).toBe(0);
    expect(clockDecimals(22)).toBe(1);
    expect(clockDecimals(1)).toBe(2);
    expect(clockAxisLabel(10)(12.5)).toBe("0:00:12.5");
    expect(clockAxisLabel(100)(12.5)).toBe("0:00:13");
  });
});

describe("formatInstant", () => {
  it("gives the time to the step's resolution and the step", () => {
    expect(formatInstant(125, 2)).toBe("0:01:02.5 · step 125");
    expect(formatInstant(7200, 1)).toBe("2:00:00 · step 7,200");
    expect(formatInstant(12345, 100)).toBe("0:02:03.45 · step 12,345");
  });
});
