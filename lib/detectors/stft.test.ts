import { describe, expect, it } from "vitest";
import { createRng } from "../rng";
import { bandFeatures, emptySpectrum, frameCount, framesToSteps, hann, istft, setBandFeatures, splitBands, stft } from "./stft";

const noise = (length: number, seed: number) => {
  const rng = createRng(seed);
  return Float32Array.from({ length }, () => rng.normal());
};
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return m;
};

describe("STFT", () => {
  it("has ⌊length / hop⌋ + 1 frames of nFft/2 + 1 bins", () => {
    const s = stft(noise(37, 1), { nFft: 8, hop: 4 });
    expect(s.frames).toBe(10);
    expect(s.bins).toBe(5);
    expect(s.re.length).toBe(50);
    expect(frameCount(32, 4)).toBe(9);
  });

  it("gives a constant signal to the DC bin and the Hann window's leakage into bin 1 only", () => {
    const s = stft(new Float32Array(32).fill(2), { nFft: 8, hop: 4 });
    const windowSum = hann(8).reduce((a, b) => a + b, 0);
    expect(windowSum).toBeCloseTo(4, 10);
    for (let f = 0; f < s.frames; f++) {
      expect(s.re[f * s.bins]).toBeCloseTo(2 * windowSum, 5);
      // The periodic Hann window's DFT is N/2 at bin 0 and −N/4 at bins ±1.
      expect(s.re[f * s.bins + 1]).toBeCloseTo(-windowSum, 5);
      for (let k = 2; k < s.bins; k++) expect(Math.hypot(s.re[f * s.bins + k]!, s.im[f * s.bins + k]!)).toBeLessThan(1e-5);
    }
  });

  it("puts a sine at its frequency bin and half as much into each neighbour", () => {
    // Period 4 steps with nFft 8: bin 2.
    const x = Float32Array.from({ length: 64 }, (_, t) => Math.sin((2 * Math.PI * t) / 4));
    const s = stft(x, { nFft: 8, hop: 4 });
    const mid = 8 * s.bins;
    const magnitude = (k: number) => Math.hypot(s.re[mid + k]!, s.im[mid + k]!);
    expect(magnitude(2)).toBeCloseTo(2, 4);
    expect(magnitude(1)).toBeCloseTo(1, 4);
    expect(magnitude(3)).toBeCloseTo(1, 4);
    for (const k of [0, 4]) expect(magnitude(k)).toBeLessThan(1e-4);
  });

  it.each([
    [64, 8, 4],
    [37, 8, 4],
    [50, 16, 8],
    [20, 8, 2],
    [5, 8, 4],
    [1, 8, 4],
  ])("round-trips %i steps (nFft %i, hop %i) within float32 error", (length, nFft, hop) => {
    const x = noise(length, length);
    const back = istft(stft(x, { nFft, hop }), { nFft, hop }, length);
    expect(back.length).toBe(length);
    expect(maxAbsDiff(back, x)).toBeLessThan(1e-5);
  });

  it("refuses shapes it cannot invert", () => {
    expect(() => stft(noise(8, 1), { nFft: 7, hop: 2 })).toThrow(/nFft/);
    expect(() => stft(noise(8, 1), { nFft: 8, hop: 5 })).toThrow(/hop/);
    expect(() => istft(stft(noise(8, 1), { nFft: 8, hop: 4 }), { nFft: 8, hop: 4 }, 20)).toThrow(/frames/);
  });
});

describe("frequency bands", () => {
  it("split a signal into a low and a high part that add up to it", () => {
    const x = noise(64, 3);
    const { low, high } = splitBands(x, { nFft: 8, hop: 4 }, 1);
    const sum = low.map((v, i) => v + high[i]!);
    expect(maxAbsDiff(sum, x)).toBeLessThan(1e-5);
  });

  it("send a level to the low band (bins 0–1) and the fastest oscillation to the high band", () => {
    const level = new Float32Array(64).fill(1.5);
    const fast = Float32Array.from({ length: 64 }, (_, t) => (t % 2 === 0 ? 0.7 : -0.7));
    const { low, high } = splitBands(
      level.map((v, i) => v + fast[i]!),
      { nFft: 8, hop: 4 },
      2,
    );
    // Away from the ends, where the edge padding makes the oscillation a level for a few steps.
    expect(maxAbsDiff(low.slice(8, 56), level.slice(8, 56))).toBeLessThan(1e-5);
    expect(maxAbsDiff(high.slice(8, 56), fast.slice(8, 56))).toBeLessThan(1e-5);
  });

  it("features of a band write back to the same bins", () => {
    const s = stft(noise(32, 4), { nFft: 8, hop: 4 });
    for (const band of ["low", "high"] as const) {
      const features = bandFeatures(s, band, 1, 4);
      expect(features.length).toBe(s.frames * (band === "low" ? 2 : 8));
      const copy = emptySpectrum(s.frames, s.bins);
      setBandFeatures(copy, band, 1, 4, features);
      const [from, to] = band === "low" ? [0, 1] : [1, 5];
      for (let f = 0; f < s.frames; f++) {
        for (let k = 0; k < s.bins; k++) {
          const inBand = k >= from && k < to;
          expect(copy.re[f * s.bins + k]).toBeCloseTo(inBand ? s.re[f * s.bins + k]! : 0, 5);
          expect(copy.im[f * s.bins + k]).toBeCloseTo(inBand ? s.im[f * s.bins + k]! : 0, 5);
        }
      }
    }
  });
});

describe("framesToSteps", () => {
  it("interpolates linearly between frame centres and holds the last frame", () => {
    expect(Array.from(framesToSteps([0, 4, 8], 4, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 8]);
  });
});
