import { describe, expect, it } from "vitest";
import { formatRunSettings, runSettings } from "./run-settings";

describe("runSettings", () => {
  it("shows only the linear detector's own settings, with their defaults", () => {
    const stored = { windowSize: 64, epochs: 50, batchSize: 64, learningRate: 0.001, patience: 10, seed: 1, hidden: 8 };
    expect(formatRunSettings(runSettings("linear", stored))).toBe("lags 2 · ridge 1 · seed 1");
    expect(formatRunSettings(runSettings("linear", { lags: 3, ridge: 0.5 }))).toBe("lags 3 · ridge 0.5 · seed 0");
  });

  it("names a neural detector's settings readably, in the stored order", () => {
    expect(formatRunSettings(runSettings("tevae", { windowSize: 16, epochs: 2, learningRate: 0.001, latent: null }))).toBe(
      "window 16 · epochs 2 · learning rate 0.001",
    );
  });

  it("copes with a missing or odd config", () => {
    expect(formatRunSettings(runSettings("lstm-ae", null))).toBe("—");
    expect(formatRunSettings(runSettings("lstm-ae", { extra: [1, 2] }))).toBe("extra [1,2]");
  });
});
