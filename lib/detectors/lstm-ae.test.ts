import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import type { SeriesColumns } from "../series/types";
import { resolveLstmAeConfig } from "./config";
import { createDetector, loadDetector, type Detector, type TrainOptions, type TrainResult } from "./index";
import { demoSequences, maxOf, setCpuBackend } from "./test-helpers";

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

  it("repeats the same losses with the same seed", async () => {
    const before = tf.memory().numTensors;
    const again = createDetector("lstm-ae", config);
    const rerun = await again.train(split(), options);
    again.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(rerun.epochs.map((e) => [e.trainLoss, e.valLoss])).toEqual(result.epochs.map((e) => [e.trainLoss, e.valLoss]));
  }, 30_000);

  it("scores every step with the Gaussian NLL and flags a level shift", async () => {
    const clean = data[7] ?? [];
    const shifted = clean.map((c, channel) => (channel === 3 ? c.map((v, i) => (i >= 120 ? v + 6 : v)) : c.slice()));
    const [a, b] = [await detector.score(clean), await detector.score(shifted)];
    expect(a.score).toHaveLength(200);
    expect(maxOf(b.score)).toBeGreaterThan(maxOf(a.score));
  });

  it("round-trips its weights", async () => {
    const saved = await detector.save();
    expect(saved.kind).toBe("lstm-ae");
    const loaded = await loadDetector(saved);
    const sample = data[6] ?? [];
    expect(Array.from((await loaded.score(sample)).score)).toEqual(Array.from((await detector.score(sample)).score));
    expect(loaded.parameterCount).toBe(detector.parameterCount);
    loaded.dispose();
  });

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
