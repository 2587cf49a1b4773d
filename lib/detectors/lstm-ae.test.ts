import { describe, expect, it } from "vitest";
import { resolveLstmAeConfig } from "./config";
import { createDetector, type TrainOptions } from "./index";
import { expectFlagsLevelShift, expectSameAfterReload, expectSeededRerun, trainedOnDemo } from "./test-helpers";

const config = { features: 4, windowSize: 8, hidden: 8, seed: 1 };
const options: TrainOptions = { epochs: 4, batchSize: 32, learningRate: 0.01, seed: 3, patience: 2, maxTrainWindows: 96 };

const demo = trainedOnDemo("lstm-ae", config, options);

describe("LSTM autoencoder behind the detector interface", () => {
  it("resolves its default sizes", () => {
    expect(resolveLstmAeConfig({ features: 8, windowSize: 32 })).toEqual({ features: 8, windowSize: 32, hidden: 64, latent: 4, seed: 0 });
  });

  it("trains on the NLL alone (β 0, no KL) and lowers the validation loss", () => {
    expect(demo.result.epochs.every((e) => e.beta === 0 && e.trainKl === 0 && e.trainLoss === e.trainNll)).toBe(true);
    expect(demo.result.bestLoss).toBeLessThan(demo.result.epochs[0]?.valLoss ?? Number.NaN);
    expect(demo.result.epochs[demo.result.bestEpoch]?.valLoss).toBe(demo.result.bestLoss);
  });

  it("repeats the same losses with the same seed", () => expectSeededRerun(demo), 30_000);

  it("scores every step with the Gaussian NLL and flags a level shift", () => expectFlagsLevelShift(demo.detector, demo.data[7] ?? []));

  it("round-trips its weights", () => expectSameAfterReload(demo.detector, demo.data[6] ?? []));

  it("uses no validation windows when there are none, monitoring the training NLL", async () => {
    const fresh = createDetector("lstm-ae", config);
    const r = await fresh.train({ train: demo.split().train, validation: [] }, { ...options, epochs: 2 });
    expect(r.monitored).toBe("train");
    expect(r.validationWindows).toBe(0);
    expect(r.epochs.every((e) => Number.isNaN(e.valLoss))).toBe(true);
    expect(r.bestLoss).toBe(r.epochs[r.bestEpoch]?.trainNll);
    fresh.dispose();
  });
});
