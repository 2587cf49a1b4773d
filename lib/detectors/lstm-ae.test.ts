import { beforeAll, describe, expect, it } from "vitest";
import type { SeriesColumns } from "../series/types";
import { resolveLstmAeConfig } from "./config";
import { createDetector, type Detector, type TrainOptions, type TrainResult } from "./index";
import { demoSequences, expectFlagsLevelShift, expectSameAfterReload, expectSeededRerun, setCpuBackend } from "./test-helpers";

const config = { features: 4, windowSize: 8, hidden: 8, seed: 1 };
const options: TrainOptions = { epochs: 4, batchSize: 32, learningRate: 0.01, seed: 3, patience: 2, maxTrainWindows: 96 };

let data: SeriesColumns[] = [];
let detector: Detector;
let result: TrainResult;
const split = () => ({ train: data.slice(0, 5), validation: data.slice(5, 7) });

beforeAll(async () => {
  await setCpuBackend();
  data = demoSequences({ sequences: 8, length: 200, channels: 4 });
  detector = createDetector("lstm-ae", config);
  result = await detector.train(split(), options);
}, 60_000);

describe("LSTM autoencoder behind the detector interface", () => {
  it("resolves its default sizes", () => {
    expect(resolveLstmAeConfig({ features: 8, windowSize: 32 })).toEqual({ features: 8, windowSize: 32, hidden: 64, latent: 4, seed: 0 });
  });

  it("trains on the NLL alone (β 0, no KL) and lowers the validation loss", () => {
    expect(result.epochs.every((e) => e.beta === 0 && e.trainKl === 0 && e.trainLoss === e.trainNll)).toBe(true);
    expect(result.bestLoss).toBeLessThan(result.epochs[0]?.valLoss ?? Number.NaN);
    expect(result.epochs[result.bestEpoch]?.valLoss).toBe(result.bestLoss);
  });

  it("repeats the same losses with the same seed", () => expectSeededRerun(detector, split(), options, result), 30_000);

  it("scores every step with the Gaussian NLL and flags a level shift", () => expectFlagsLevelShift(detector, data[7] ?? []));

  it("round-trips its weights", () => expectSameAfterReload(detector, data[6] ?? []));

  it("uses no validation windows when there are none, monitoring the training NLL", async () => {
    const fresh = createDetector("lstm-ae", config);
    const r = await fresh.train({ train: split().train, validation: [] }, { ...options, epochs: 2 });
    expect(r.monitored).toBe("train");
    expect(r.validationWindows).toBe(0);
    expect(r.epochs.every((e) => Number.isNaN(e.valLoss))).toBe(true);
    expect(r.bestLoss).toBe(r.epochs[r.bestEpoch]?.trainNll);
    fresh.dispose();
  });
});
