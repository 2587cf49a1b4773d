import { describe, expect, it } from "vitest";
import { roundToPowerOfTwo, windowSizeFromAcf } from "./window-size";
import { errorCode, randomColumns, sinusoid } from "./test-helpers";

// Expected lags below were worked out with a numpy re-implementation of statsmodels'
// acf(x, nlags, alpha=0.01): first k ≥ 1 with |acf[k]| < confint[k, 1] − acf[k].

describe("roundToPowerOfTwo", () => {
  it("rounds in log2 space by default, in absolute distance for 'linear'", () => {
    const lags = [1, 2, 3, 5, 6, 13, 21, 22, 23, 24, 46, 604];
    expect(lags.map((l) => roundToPowerOfTwo(l))).toEqual([1, 2, 4, 4, 8, 16, 16, 16, 32, 32, 64, 512]);
    // linear: 3 and 6 and 24 are ties (equal distance) and go up; 23 and 46 are nearer the lower power
    expect(lags.map((l) => roundToPowerOfTwo(l, "linear"))).toEqual([1, 2, 4, 4, 8, 16, 16, 16, 16, 32, 32, 512]);
  });
});

describe("windowSizeFromAcf", () => {
  it("finds lag 13 → window 16 for a sinusoid of period 64 (1024 steps)", () => {
    const result = windowSizeFromAcf([[sinusoid(1024, 64)]]);
    expect(result).toEqual({ windowSize: 16, rawLag: 13, perChannel: [13], cappedPairs: 0, skippedPairs: 0 });
    expect(windowSizeFromAcf([[sinusoid(1024, 64)]], { acfMethod: "direct" }).rawLag).toBe(13);
    expect(windowSizeFromAcf([[sinusoid(1024, 64)]], { acfMethod: "fft" }).rawLag).toBe(13);
  });

  it("takes the max over channels and sequences and skips constant channels", () => {
    const result = windowSizeFromAcf([
      [sinusoid(1024, 64), new Float32Array(1024).fill(3)], // lag 13; constant: skipped
      [sinusoid(2000, 100), sinusoid(2000, 64)], // lag 21; lag 14
    ]);
    expect(result.perChannel).toEqual([21, 14]);
    expect(result.rawLag).toBe(21);
    expect(result.windowSize).toBe(16); // log2 21 ≈ 4.39 → 2⁴
    expect(result.skippedPairs).toBe(1);
  });

  it("clamps to [minWindow, maxWindow]", () => {
    const long = [[sinusoid(16384, 4096)]]; // lag 604 → 512
    expect(windowSizeFromAcf(long).windowSize).toBe(512);
    expect(windowSizeFromAcf(long, { maxWindow: 256 }).windowSize).toBe(256);
    expect(windowSizeFromAcf([[sinusoid(1024, 64)]], { minWindow: 32 }).windowSize).toBe(32);
  });

  it("gives lag 1 (→ minWindow) for white noise", () => {
    const sequences = [1, 2, 3].map((seed) => randomColumns(500, 2, seed));
    const result = windowSizeFromAcf(sequences);
    expect(result.rawLag).toBeLessThanOrEqual(2);
    expect(result.windowSize).toBe(8);
    expect(windowSizeFromAcf(sequences, { minWindow: 1 }).windowSize).toBeLessThanOrEqual(2);
  });

  it("differs between the two band tests on an alternating series", () => {
    // x = +1, −1, +1, … (64 steps): acf[k] = (−1)^k (64 − k)/64.
    const alternating = Float32Array.from({ length: 64 }, (_, t) => (t % 2 === 0 ? 1 : -1));
    expect(windowSizeFromAcf([[alternating]], { minWindow: 1 }).rawLag).toBe(5);
    expect(windowSizeFromAcf([[alternating]], { minWindow: 1, bandTest: "below-upper" }).rawLag).toBe(1);
  });

  it("counts a channel that never enters the band as the lag cap", () => {
    const trend = Float32Array.from({ length: 1000 }, (_, t) => t);
    const result = windowSizeFromAcf([[trend]], { maxLag: 10, minWindow: 1 });
    expect(result).toMatchObject({ rawLag: 10, cappedPairs: 1, windowSize: 8 });
  });

  it("falls back to minWindow when no channel has an ACF", () => {
    const result = windowSizeFromAcf([[new Float32Array(50).fill(1)], [Float32Array.from([4])]]);
    expect(result).toEqual({ windowSize: 8, rawLag: 0, perChannel: [0], cappedPairs: 0, skippedPairs: 2 });
  });

  it("throws typed errors for no sequences, channel mismatch and bad options", () => {
    expect(errorCode(() => windowSizeFromAcf([]))).toBe("empty_input");
    expect(errorCode(() => windowSizeFromAcf([[sinusoid(10, 4)], []]))).toBe("channel_mismatch");
    expect(errorCode(() => windowSizeFromAcf([[sinusoid(10, 4)]], { minWindow: 64, maxWindow: 32 }))).toBe("invalid_option");
    expect(errorCode(() => windowSizeFromAcf([[sinusoid(10, 4)]], { maxLag: 0 }))).toBe("invalid_option");
  });
});
