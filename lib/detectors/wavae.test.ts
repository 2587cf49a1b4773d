import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { resolveWavaeConfig } from "./config";
import { createDetector, type TrainOptions } from "./index";
import { expectFlagsLevelShift, expectSameAfterReload, expectSeededRerun, trainedOnDemo } from "./test-helpers";
import { augmentWindows, infoNce } from "./wavae";

const config = { features: 4, windowSize: 8, hidden: 8, seed: 1 };
const options: TrainOptions = { epochs: 8, batchSize: 32, learningRate: 0.01, seed: 3, patience: 8, maxTrainWindows: 96 };

const demo = trainedOnDemo("wavae", config, options);

const read = (t: tf.Tensor) => {
  const values = Array.from(t.dataSync());
  t.dispose();
  return values;
};

describe("InfoNCE", () => {
  it("matches a hand computation", () => {
    const identity = tf.tensor2d([
      [1, 0],
      [0, 1],
    ]);
    // Two orthogonal pairs, τ = 1: each row −log(e / (e + 1)) = log(1 + 1/e).
    expect(read(infoNce(identity, identity, 1))[0]).toBeCloseTo(Math.log(1 + Math.exp(-1)), 5);
    // Both b rows point the same way: rows log 2 each; columns log(1 + 1/e) and log(1 + e); τ = 1.
    const same = tf.tensor2d([
      [2, 0],
      [5, 0],
    ]);
    const expected = (2 * Math.log(2) + Math.log(1 + Math.exp(-1)) + Math.log(1 + Math.exp(1))) / 4;
    expect(read(infoNce(identity, same, 1))[0]).toBeCloseTo(expected, 5);
    // Cosine similarity: the scale of the codes does not matter; a lower temperature sharpens it.
    expect(read(infoNce(tf.mul(identity, 3) as tf.Tensor2D, identity, 1))[0]).toBeCloseTo(Math.log(1 + Math.exp(-1)), 5);
    expect(read(infoNce(identity, identity, 0.5))[0]).toBeCloseTo(Math.log(1 + Math.exp(-2)), 5);
    tf.dispose([identity, same]);
  });
});

describe("weak augmentations", () => {
  const ramp = () =>
    tf.tensor3d(
      Array.from({ length: 3 * 10 * 2 }, (_, i) => i),
      [3, 10, 2],
    );
  const weak = { jitterStd: 0.05, scaleStd: 0.05, maxShift: 2 };

  it("keep the shape and are seeded", () => {
    const x = ramp();
    const [a, b, c] = [augmentWindows(x, weak, 5), augmentWindows(x, weak, 5), augmentWindows(x, weak, 6)];
    expect(a.shape).toEqual([3, 10, 2]);
    expect(read(a)).toEqual(read(b));
    expect(read(c)).not.toEqual(read(augmentWindows(x, weak, 5)));
    x.dispose();
  });

  it("change nothing at zero strength, and a shift alone moves each window by at most maxShift steps", () => {
    const x = ramp();
    const original = read(tf.clone(x));
    expect(read(augmentWindows(x, { jitterStd: 0, scaleStd: 0, maxShift: 0 }, 1))).toEqual(original);
    const shifted = augmentWindows(x, { jitterStd: 0, scaleStd: 0, maxShift: 2 }, 9).arraySync();
    for (const [b, window] of shifted.entries()) {
      const offsets = window.map((step, t) => t - ((step[0] ?? 0) - 20 * b) / 2);
      const inside = offsets.filter((_, t) => t >= 2 && t < 8);
      expect(new Set(inside).size).toBe(1);
      expect(Math.abs(inside[0] ?? 99)).toBeLessThanOrEqual(2);
    }
    x.dispose();
  });
});

describe("WAVAE behind the detector interface", () => {
  it("resolves its defaults and refuses bad settings", () => {
    expect(resolveWavaeConfig({ features: 8, windowSize: 64 })).toEqual({
      features: 8,
      windowSize: 64,
      hidden: 32,
      latent: 4,
      jitterStd: 0.05,
      scaleStd: 0.05,
      maxShift: 4,
      temperature: 0.2,
      contrastiveWeight: 1,
      adversarialWeight: 0,
      seed: 0,
    });
    expect(() => resolveWavaeConfig({ features: 2, windowSize: 8, temperature: 0 })).toThrow(/temperature/);
    expect(() => resolveWavaeConfig({ features: 2, windowSize: 8, maxShift: 8 })).toThrow(/maxShift/);
  });

  it("lowers the loss on a toy case (β from the cyclical schedule, KL reported)", () => {
    const first = demo.result.epochs[0];
    const last = demo.result.epochs.at(-1);
    expect(last?.trainLoss).toBeLessThan(first?.trainLoss ?? Number.NaN);
    expect(demo.result.bestLoss).toBeLessThan(first?.valLoss ?? Number.NaN);
    expect(demo.result.epochs.every((e) => Number.isFinite(e.trainKl) && e.trainKl >= 0)).toBe(true);
  });

  it("repeats the same losses with the same seed, and leaks no tensors", () => expectSeededRerun(demo), 30_000);

  it("scores every step with the Gaussian NLL and flags a level shift", () => expectFlagsLevelShift(demo.detector, demo.data[7] ?? []));

  it("gives identical scores after save → load", () => expectSameAfterReload(demo.detector, demo.data[6] ?? []));

  it("trains the adversarial variant: a discriminator among the weights, finite losses, the same scores after save → load", async () => {
    const adversarial = createDetector("wavae", { ...config, adversarialWeight: 0.5 });
    expect(adversarial.parameterCount).toBeGreaterThan(demo.detector.parameterCount);
    const r = await adversarial.train(demo.split(), { ...options, epochs: 2 });
    expect(r.epochs.every((e) => Number.isFinite(e.trainLoss) && Number.isFinite(e.valLoss))).toBe(true);
    const saved = await expectSameAfterReload(adversarial, demo.data[6] ?? []);
    expect(saved.specs.some((s) => s.name.startsWith("discriminator/"))).toBe(true);
    adversarial.dispose();
  }, 30_000);
});
