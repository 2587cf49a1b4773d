import { describe, expect, it } from "vitest";
import { resolvedDetectorConfig, type ModelSettings } from "./model";

const settings: ModelSettings = {
  kind: "linear",
  window: 16,
  hidden: 8,
  epochs: 1,
  batchSize: 32,
  learningRate: 0.001,
  patience: 1,
  maxWindows: 64,
  scoreShift: 1,
  seed: 1,
};

describe("resolvedDetectorConfig (part of the model cache key)", () => {
  it("holds a detector's own defaults, so that changing one misses the cache", () => {
    expect(resolvedDetectorConfig(settings, 8)).toEqual({ features: 8, windowSize: 16, lags: 2, ridge: 1, seed: 1 });
    expect(resolvedDetectorConfig({ ...settings, kind: "lstm-ae" }, 8)).toMatchObject({ hidden: 8, latent: 4 });
    expect(resolvedDetectorConfig({ ...settings, kind: "tevae" }, 8)).toMatchObject({ heads: 8, keyDim: 1, noiseStd: 0.01 });
  });

  it("leaves the window out when each stage takes it from the ACF", () => {
    expect(resolvedDetectorConfig({ ...settings, window: "acf" }, 8)).not.toHaveProperty("windowSize");
  });
});
