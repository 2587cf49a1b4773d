import { describe, expect, it } from "vitest";
import { displayRank, faultName, formatBytes, formatCount, formatDuration, formatStep, formatValue } from "./format";

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
  it("rounds measured values to 4 significant digits", () => {
    expect(formatValue(-16.24398422241211)).toBe("-16.24");
    expect(formatValue(0.000123456)).toBe("0.0001235");
    expect(formatValue(123456.7)).toBe("123,500");
    expect(formatValue(0)).toBe("0");
    expect(formatValue(1.5e-7)).toBe("1.500e-7");
    expect(formatValue(Number.NaN)).toBe("—");
    expect(formatValue(null)).toBe("—");
    expect(formatValue(3.14159, 2)).toBe("3.1");
  });
  it("groups the thousands of steps", () => {
    expect(formatStep(12345)).toBe("12,345");
    expect(formatStep(7)).toBe("7");
  });
  it("says durations in the largest sensible units", () => {
    expect(formatDuration(800)).toBe("0.8 s");
    expect(formatDuration(42_300)).toBe("42 s");
    expect(formatDuration(185_000)).toBe("3 min 5 s");
    expect(formatDuration(3_720_000)).toBe("1 h 2 min");
  });
});

describe("faultName", () => {
  it("writes stored fault kinds as words", () => {
    expect(faultName("sensor_drift")).toBe("Sensor drift");
    expect(faultName("stuck_sensor")).toBe("Stuck sensor");
    expect(faultName("level-shift")).toBe("Level shift");
    expect(faultName("NOISE_BURST")).toBe("Noise burst");
    expect(faultName(null)).toBe("Anomaly");
    expect(faultName("  ")).toBe("Anomaly");
  });
});
