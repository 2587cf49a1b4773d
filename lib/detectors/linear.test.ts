import { describe, expect, it } from "vitest";
import { createRng } from "../rng";
import type { SeriesColumns } from "../series/types";
import { resolveLinearConfig } from "./config";
import { createDetector, loadDetector, type SavedWeights } from "./index";
import { regressorCount } from "./linear";

/** Three coupled channels: a = random walk, b = 2a + noise, c = b(t − 1) − a + noise. */
function coupled(seed: number, length: number): SeriesColumns {
  const rng = createRng(seed);
  const a = new Float32Array(length);
  const b = new Float32Array(length);
  const c = new Float32Array(length);
  for (let t = 0; t < length; t++) {
    a[t] = (t > 0 ? (a[t - 1] ?? 0) * 0.95 : 0) + (rng.next() - 0.5);
    b[t] = 2 * (a[t] ?? 0) + 0.05 * (rng.next() - 0.5);
    c[t] = (t > 0 ? (b[t - 1] ?? 0) : 0) - (a[t] ?? 0) + 0.05 * (rng.next() - 0.5);
  }
  return [a, b, c];
}

const config = { features: 3, windowSize: 16 };
const train = [1, 2, 3, 4].map((s) => coupled(s, 400));
const validation = [coupled(5, 300)];

describe("linear cross-channel detector", () => {
  it("resolves its defaults and refuses bad settings", () => {
    expect(resolveLinearConfig({ features: 8, windowSize: 32 })).toEqual({ features: 8, windowSize: 32, lags: 2, ridge: 1, seed: 0 });
    expect(() => resolveLinearConfig({ features: 3, windowSize: 16, ridge: 0 })).toThrow(/ridge/);
    expect(() => resolveLinearConfig({ features: 3, windowSize: 16, lags: -1 })).toThrow(/lags/);
    expect(regressorCount({ features: 8, lags: 2 })).toBe(24);
  });

  it("learns the coupling: the residual variance is near the noise's, the same on held-out data", async () => {
    const detector = createDetector("linear", config);
    const result = await detector.train({ train, validation });
    expect(result.epochs).toHaveLength(1);
    expect(result).toMatchObject({ bestEpoch: 0, monitored: "validation", stopReason: "completed" });
    const { variance } = await detector.score(validation[0] ?? []);
    // Each channel follows from the others up to noise of width 0.05 (variance 0.05² / 12 ≈ 2e-4; a is b / 2),
    // against a spread of about 1 for the channels themselves.
    for (const v of variance) expect(v[0]).toBeLessThan(0.01);
    expect(Math.abs(result.bestLoss - (await detector.evaluate(validation)))).toBeLessThan(1e-9);
  });

  it("scores a broken coupling far above the normal steps", async () => {
    const detector = createDetector("linear", config);
    await detector.train({ train, validation });
    const faulty = coupled(9, 300);
    const b = faulty[1] ?? new Float32Array(0);
    for (let t = 200; t < 300; t++) b[t] = (b[t] ?? 0) + 0.5; // a level shift on b: b no longer equals 2a
    const { score, channelScores } = await detector.score(faulty);
    const max = (v: Float32Array, from: number, to: number) => Math.max(...v.subarray(from, to));
    // From the lags on (the first steps repeat the first value as their past).
    expect(max(score, 200, 300)).toBeGreaterThan(5 * max(score, 2, 200));
    // The step's score is the sum of the channels' NLLs (the pair b ~ 2a breaks on both sides).
    expect(score[250]).toBeCloseTo(
      channelScores.reduce((sum, c) => sum + (c[250] ?? 0), 0),
      2,
    );
  });

  it("saves and loads to identical scores, and refuses weights of another size", async () => {
    const detector = createDetector("linear", config);
    await detector.train({ train, validation: [] });
    const saved = await detector.save();
    expect(saved.specs.map((s) => s.name)).toEqual(["linear/weights", "linear/variance"]);
    expect(saved.data.byteLength).toBe(4 * detector.parameterCount);
    const loaded = await loadDetector(saved);
    expect((await loaded.score(validation[0] ?? [])).score).toEqual((await detector.score(validation[0] ?? [])).score);
    const other: SavedWeights = { ...saved, config: { ...config, lags: 1, ridge: 1, seed: 0 } };
    await expect(loadDetector(other)).rejects.toMatchObject({ code: "invalid_weights" });
  });

  it("refuses a sequence with the wrong channel count and too little data", async () => {
    const detector = createDetector("linear", config);
    await expect(detector.train({ train: [coupled(1, 400).slice(0, 2)], validation: [] })).rejects.toMatchObject({
      code: "channel_mismatch",
    });
    await expect(detector.train({ train: [coupled(1, 8)], validation: [] })).rejects.toMatchObject({ code: "no_training_windows" });
    detector.dispose();
    await expect(detector.score(validation[0] ?? [])).rejects.toMatchObject({ code: "disposed" });
  });
});
