import { describe, expect, it } from "vitest";
import { ThresholdError } from "./errors";
import { unsupervisedThreshold } from "./unsupervised";

describe("unsupervisedThreshold", () => {
  it("is the largest finite score over all validation series", () => {
    const scores = [Float32Array.of(1, 2.5, 2), Float64Array.of(-3, 7.25, Number.NaN), Float32Array.of()];
    expect(unsupervisedThreshold(scores)).toBe(7.25);
  });

  it("skips NaN and infinite scores", () => {
    expect(unsupervisedThreshold([Float64Array.of(Infinity, 3, Number.NaN, -Infinity)])).toBe(3);
  });

  it("throws a typed error when there is no finite score", () => {
    for (const input of [[], [Float64Array.of()], [Float64Array.of(Number.NaN, Infinity)]]) {
      expect(() => unsupervisedThreshold(input)).toThrow(ThresholdError);
      try {
        unsupervisedThreshold(input);
      } catch (error) {
        expect(error).toMatchObject({ name: "ThresholdError", code: "no_finite_scores" });
      }
    }
  });
});
