import { describe, expect, it } from "vitest";
import { downsampleByAveraging, downsampleFactor, downsampleLabels } from "./downsample";
import { errorCode, f32 } from "./test-helpers";

describe("downsampleByAveraging", () => {
  it("averages blocks of `factor` steps and a trailing partial block over what it has", () => {
    const columns = [f32([1, 2, 3, 4, 5, 6, 7]), f32([10, 20, 30, 40, 50, 60, 70])];
    // (1+2+3)/3 = 2, (4+5+6)/3 = 5, 7/1 = 7
    expect(downsampleByAveraging(columns, 3)).toEqual([f32([2, 5, 7]), f32([20, 50, 70])]);
    // (1+2)/2, (3+4)/2, (5+6)/2, 7
    expect(downsampleByAveraging(columns, 2)[0]).toEqual(f32([1.5, 3.5, 5.5, 7]));
  });

  it("copies for factor 1 and handles empty input", () => {
    const columns = [f32([1, 2, 3])];
    const out = downsampleByAveraging(columns, 1);
    expect(out).toEqual(columns);
    expect(out[0]).not.toBe(columns[0]);
    expect(downsampleByAveraging([new Float32Array(0)], 4)).toEqual([new Float32Array(0)]);
    expect(downsampleByAveraging([], 4)).toEqual([]);
  });

  it("rejects a bad factor and channels of different lengths", () => {
    expect(errorCode(() => downsampleByAveraging([f32([1])], 0))).toBe("invalid_factor");
    expect(errorCode(() => downsampleByAveraging([f32([1])], 1.5))).toBe("invalid_factor");
    expect(errorCode(() => downsampleByAveraging([f32([1]), f32([1, 2])], 2))).toBe("length_mismatch");
  });
});

describe("downsampleLabels", () => {
  it("marks a block anomalous when any of its steps is", () => {
    expect(downsampleLabels(Uint8Array.from([0, 0, 1, 0, 0, 0, 1]), 3)).toEqual(Uint8Array.from([1, 0, 1]));
    expect(downsampleLabels(Uint8Array.from([0, 0, 0, 0]), 2)).toEqual(Uint8Array.from([0, 0]));
  });
});

describe("downsampleFactor", () => {
  it("returns the integer ratio of the rates", () => {
    expect(downsampleFactor(10, 2)).toBe(5);
    expect(downsampleFactor(10, 10)).toBe(1);
    expect(downsampleFactor(1, 0.2)).toBe(5); // 1 / 0.2 = 5.000000000000001 in floating point
    expect(downsampleFactor(100, 0.1)).toBe(1000);
  });

  it("throws typed errors for a non-integer ratio, upsampling and bad rates", () => {
    expect(errorCode(() => downsampleFactor(10, 3))).toBe("rate_ratio_not_integer");
    expect(errorCode(() => downsampleFactor(2, 10))).toBe("rate_ratio_not_integer");
    expect(errorCode(() => downsampleFactor(0, 1))).toBe("invalid_rate");
    expect(errorCode(() => downsampleFactor(10, -2))).toBe("invalid_rate");
    expect(errorCode(() => downsampleFactor(Number.NaN, 1))).toBe("invalid_rate");
    expect(errorCode(() => downsampleFactor(10, Infinity))).toBe("invalid_rate");
  });
});
