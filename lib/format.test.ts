import { describe, expect, it } from "vitest";
import { displayRank, formatBytes, formatCount } from "./format";

describe("format", () => {
  it("formats bytes in decimal units", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(5_412_864)).toBe("5.4 MB");
    expect(formatBytes(1_600_000_000)).toBe("1.6 GB");
  });
  it("groups thousands", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
  });
  it("shows ranks from 1 (stored from 0)", () => {
    expect(displayRank(0)).toBe(1);
    expect(displayRank(9)).toBe(10);
  });
});
