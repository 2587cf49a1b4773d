import { describe, expect, it } from "vitest";
import { formatRunSettings, runSettings, trainsInEpochs } from "./run-settings";

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

  it("says what each setting means, and nothing for an unknown one", () => {
    const rows = runSettings("tevae", { windowSize: 16, extra: 1 });
    expect(rows[0]).toMatchObject({ name: "window", value: "16" });
    expect(rows[0]?.meaning).toMatch(/steps per training window/);
    expect(rows[1]).toEqual({ name: "extra", value: "1", meaning: "" });
    expect(runSettings("linear", {}).map((r) => r.meaning.length > 0)).toEqual([true, true, true]);
  });

  it("knows which detectors train in epochs", () => {
    expect(trainsInEpochs("linear")).toBe(false);
    expect(trainsInEpochs("tevae")).toBe(true);
  });
});
