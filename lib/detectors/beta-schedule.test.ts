import { describe, expect, it } from "vitest";
import { DEFAULT_BETA_SCHEDULE, klBeta, resolveBetaSchedule } from "./beta-schedule";
import { isDetectorError } from "./errors";

describe("cyclical β schedule", () => {
  it("follows the documented example: grace 3, cycle 4, 0 → 1", () => {
    const s = resolveBetaSchedule({ graceEpochs: 3, cycleEpochs: 4, start: 0, end: 1 });
    const betas = Array.from({ length: 10 }, (_, e) => klBeta(e, s));
    const expected = [0, 0, 0, 1 / 3, 2 / 3, 1, 0, 1 / 3, 2 / 3, 1];
    betas.forEach((b, e) => expect(b).toBeCloseTo(expected[e] ?? Number.NaN, 12));
  });

  it("uses the reference defaults: 25 grace epochs at 1e-3, then linspace(1e-3, 1, 25) cycles", () => {
    const s = resolveBetaSchedule();
    expect(s).toEqual(DEFAULT_BETA_SCHEDULE);
    expect(klBeta(0, s)).toBe(1e-3);
    expect(klBeta(24, s)).toBe(1e-3);
    expect(klBeta(25, s)).toBeCloseTo(1e-3 + 0.999 / 24, 12);
    expect(klBeta(48, s)).toBeCloseTo(1, 12);
    expect(klBeta(49, s)).toBeCloseTo(1e-3, 12);
  });

  it("ramps over part of a cycle and stays at the top (rampFraction 0.5)", () => {
    const s = resolveBetaSchedule({ graceEpochs: 0, cycleEpochs: 6, start: 0, end: 1, rampFraction: 0.5 });
    const betas = Array.from({ length: 7 }, (_, e) => klBeta(e, s));
    [0, 0.5, 1, 1, 1, 1, 0].forEach((b, e) => expect(betas[e]).toBeCloseTo(b, 12));
  });

  it("rejects a bad schedule with a typed error", () => {
    try {
      resolveBetaSchedule({ cycleEpochs: 0 });
      expect.unreachable();
    } catch (error) {
      expect(isDetectorError(error) && error.code).toBe("invalid_option");
    }
  });
});
