import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import type { SeriesColumns } from "../series/types";
import { resolveTeVaeConfig } from "./config";
import { isDetectorError } from "./errors";
import { createDetector, loadDetector, type Detector, type TrainOptions, type TrainResult } from "./index";
import { createTeVaeNetwork } from "./tevae";
import { demoSequences, maxOf, setCpuBackend } from "./test-helpers";

const config = { features: 4, windowSize: 8, hidden: 8, seed: 1 };
const options: TrainOptions = {
  epochs: 6,
  batchSize: 32,
  learningRate: 0.005,
  seed: 3,
  patience: 2,
  maxTrainWindows: 96,
  beta: { graceEpochs: 1, cycleEpochs: 2, start: 0, end: 1 },
};

let data: SeriesColumns[] = [];
let detector: Detector;
let result: TrainResult;
const split = () => ({ train: data.slice(0, 5), validation: data.slice(5, 7) });
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "none",
    (e: unknown) => (isDetectorError(e) ? e.code : String(e)),
  );

beforeAll(async () => {
  await setCpuBackend();
  data = demoSequences({ sequences: 8, length: 200, channels: 4 });
  detector = createDetector("tevae", config);
  result = await detector.train(split(), options);
}, 120_000);

describe("TeVAE network", () => {
  it("resolves the reference sizes by default", () => {
    expect(resolveTeVaeConfig({ features: 8, windowSize: 32 })).toEqual({
      features: 8,
      windowSize: 32,
      hidden: 128,
      latent: 4,
      heads: 8,
      keyDim: 1,
      noiseStd: 0.01,
      seed: 0,
    });
  });

  it("maps [batch, window, features] to Gaussian parameters of the same shape; predict is deterministic", () => {
    const net = createTeVaeNetwork(resolveTeVaeConfig(config));
    const x = tf.randomNormal([3, 8, 4], 0, 1, "float32", 1) as tf.Tensor3D;
    const a = net.predict(x);
    const b = net.predict(x);
    expect(a.mean.shape).toEqual([3, 8, 4]);
    expect(a.logVar.shape).toEqual([3, 8, 4]);
    expect(Array.from(a.mean.dataSync())).toEqual(Array.from(b.mean.dataSync()));
    const parts = net.lossParts(x, { beta: 0.5, seed: 1 });
    const [loss, nll, kl] = [parts.loss, parts.nll, parts.kl].map((t) => t.dataSync()[0] ?? Number.NaN);
    expect(kl).toBeGreaterThanOrEqual(0);
    expect(loss).toBeCloseTo((nll ?? 0) + 0.5 * (kl ?? 0), 3);
    net.dispose();
  });
});

describe("TeVAE training", () => {
  it("lowers the validation loss and reports β from the schedule", () => {
    const first = result.epochs[0];
    expect(first).toBeDefined();
    expect(result.bestLoss).toBeLessThan(first?.valLoss ?? Number.NaN);
    expect(result.epochs.map((e) => e.beta)).toEqual([0, 1, 0, 1, 0, 1].slice(0, result.epochs.length));
    expect(result.trainWindows).toBe(96);
    expect(result.monitored).toBe("validation");
  });

  it("stops early and restores the best epoch's weights", async () => {
    expect(result.stopReason).toBe("early_stopping");
    expect(result.bestEpoch).toBeLessThan(result.epochs.length - 1);
    expect(result.bestLoss).toBe(result.epochs[result.bestEpoch]?.valLoss);
    const restored = await detector.evaluate(split().validation);
    expect(restored).toBeCloseTo(result.bestLoss, 4);
    expect(Math.abs(restored - (result.epochs.at(-1)?.valLoss ?? 0))).toBeGreaterThan(0.1);
  });

  it("repeats the same losses with the same seed, and leaves no tensors behind", async () => {
    const before = tf.memory().numTensors;
    const again = createDetector("tevae", config);
    const rerun = await again.train(split(), { ...options, epochs: 2 });
    again.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const losses = (r: TrainResult) => r.epochs.slice(0, 2).map((e) => [e.trainLoss, e.valLoss]);
    expect(losses(rerun)).toEqual(losses(result));
  }, 60_000);

  it("refuses a second call while training, and aborts with the best weights restored", async () => {
    const fresh = createDetector("tevae", config);
    const sample = data[7] ?? [];
    const before = await fresh.score(sample);
    const controller = new AbortController();
    const training = fresh.train(split(), { ...options, signal: controller.signal, onBatch: () => controller.abort() });
    expect(await codeOf(fresh.score(sample))).toBe("busy");
    expect(await codeOf(training)).toBe("aborted");
    const after = await fresh.score(sample);
    expect(Array.from(after.score)).toEqual(Array.from(before.score));
    fresh.dispose();
    expect(await codeOf(fresh.score(sample))).toBe("disposed");
  }, 60_000);

  it("needs at least one training window", async () => {
    const short = data.map((columns) => columns.map((c) => c.slice(0, 5)));
    const fresh = createDetector("tevae", config);
    expect(await codeOf(fresh.train({ train: short, validation: [] }, options))).toBe("no_training_windows");
    fresh.dispose();
  });
});

describe("TeVAE scoring", () => {
  it("scores every step and ranks an injected level shift above the clean drive", async () => {
    const clean = data[7] ?? [];
    // A level shift of 6 standard deviations on channel 3 (voltage) from step 120 on.
    const shifted = clean.map((c, channel) => (channel === 3 ? c.map((v, i) => (i >= 120 ? v + 6 : v)) : c.slice()));
    const a = await detector.score(clean);
    const b = await detector.score(shifted);
    expect(a.score).toHaveLength(200);
    expect(a.channelScores).toHaveLength(4);
    expect(a.mean.map((c) => c.length)).toEqual([200, 200, 200, 200]);
    expect(maxOf(b.score)).toBeGreaterThan(maxOf(a.score));
    expect(maxOf(b.channelScores[3] ?? new Float32Array())).toBeGreaterThan(maxOf(a.channelScores[3] ?? new Float32Array()));
    expect(Array.from(b.score.slice(0, 112))).toEqual(Array.from(a.score.slice(0, 112)));
  });
});

describe("TeVAE save and load", () => {
  it("round-trips the weights: the loaded detector scores identically", async () => {
    const saved = await detector.save();
    expect(saved.kind).toBe("tevae");
    expect(saved.config).toEqual(detector.config);
    expect(saved.data.byteLength).toBe(4 * detector.parameterCount);
    expect(new Set(saved.specs.map((s) => s.name)).size).toBe(saved.specs.length);
    const loaded = await loadDetector(saved);
    const sample = data[6] ?? [];
    const [a, b] = await Promise.all([detector.score(sample), loaded.score(sample)]);
    expect(Array.from(b.score)).toEqual(Array.from(a.score));
    loaded.dispose();
  });

  it("rejects weights that do not fit", async () => {
    const saved = await detector.save();
    expect(await codeOf(loadDetector({ ...saved, data: saved.data.slice(4) }))).toBe("invalid_weights");
    expect(await codeOf(loadDetector({ ...saved, config: { ...saved.config, hidden: 4 } }))).toBe("invalid_weights");
    expect(await codeOf(loadDetector({ ...saved, specs: saved.specs.slice().reverse() }))).toBe("invalid_weights");
  });
});
