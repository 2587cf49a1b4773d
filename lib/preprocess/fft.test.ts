import { describe, expect, it } from "vitest";
import { createRng } from "../rng";
import { fft, isPowerOfTwo, nextPowerOfTwo } from "./fft";
import { errorCode } from "./test-helpers";

function naiveDft(re: Float64Array, im: Float64Array): [Float64Array, Float64Array] {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < n; t++) {
      const a = (-2 * Math.PI * k * t) / n;
      outRe[k] = (outRe[k] ?? 0) + (re[t] ?? 0) * Math.cos(a) - (im[t] ?? 0) * Math.sin(a);
      outIm[k] = (outIm[k] ?? 0) + (re[t] ?? 0) * Math.sin(a) + (im[t] ?? 0) * Math.cos(a);
    }
  }
  return [outRe, outIm];
}

describe("fft", () => {
  it("transforms [1, 2, 3, 4] to [10, −2+2i, −2, −2−2i] (by hand)", () => {
    const re = Float64Array.from([1, 2, 3, 4]);
    const im = new Float64Array(4);
    fft(re, im);
    [10, -2, -2, -2].forEach((x, k) => expect(re[k]).toBeCloseTo(x, 14));
    [0, 2, 0, -2].forEach((x, k) => expect(im[k]).toBeCloseTo(x, 14));
  });

  it("matches a naive DFT on random complex data", () => {
    const rng = createRng(3);
    const re = Float64Array.from({ length: 32 }, () => rng.normal());
    const im = Float64Array.from({ length: 32 }, () => rng.normal());
    const [expRe, expIm] = naiveDft(re, im);
    fft(re, im);
    re.forEach((x, k) => expect(x).toBeCloseTo(expRe[k] ?? NaN, 10));
    im.forEach((x, k) => expect(x).toBeCloseTo(expIm[k] ?? NaN, 10));
  });

  it("inverts itself", () => {
    const rng = createRng(4);
    const original = Float64Array.from({ length: 1024 }, () => rng.normal());
    const re = original.slice();
    const im = new Float64Array(1024);
    fft(re, im);
    fft(re, im, true);
    re.forEach((x, i) => expect(x).toBeCloseTo(original[i] ?? NaN, 12));
    im.forEach((x) => expect(Math.abs(x)).toBeLessThan(1e-12));
  });

  it("needs power-of-two lengths", () => {
    expect(errorCode(() => fft(new Float64Array(12), new Float64Array(12)))).toBe("invalid_option");
    expect(errorCode(() => fft(new Float64Array(8), new Float64Array(4)))).toBe("invalid_option");
    expect([0, 1, 5, 8, 9].map(nextPowerOfTwo)).toEqual([1, 1, 8, 8, 16]);
    expect([1, 2, 6, 64, 0].map(isPowerOfTwo)).toEqual([true, true, false, true, false]);
  });
});
