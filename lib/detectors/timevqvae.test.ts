import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import type { SeriesColumns } from "../series/types";
import { resolveTimeVqvaeConfig } from "./config";
import { createDetector, loadDetector, type TrainResult } from "./index";
import { createRng } from "../rng";
import { demoSequences, setCpuBackend } from "./test-helpers";
import { conv, maskedNll, scoringMasks, stage1EpochsOf, TimeVqvaeDetector, trainingMask } from "./timevqvae";

const config = { features: 2, windowSize: 16, hidden: 16, latent: 4, codes: 16, seed: 1 };
const options = { epochs: 12, batchSize: 16, learningRate: 0.005, seed: 3, patience: 12, maxTrainWindows: 128 };

let data: SeriesColumns[] = [];
let detector: TimeVqvaeDetector;
let result: TrainResult;

beforeAll(async () => {
  await setCpuBackend();
  data = demoSequences({ sequences: 8, length: 240, channels: 2 });
  detector = createDetector("timevqvae", config) as TimeVqvaeDetector;
  result = await detector.train({ train: data.slice(0, 6), validation: data.slice(6, 7) }, options);
}, 120_000);

const rms = (a: Float32Array, b: ArrayLike<number>) => Math.sqrt(a.reduce((s, v, i) => s + (v - (b[i] ?? 0)) ** 2, 0) / a.length);
const mean = (a: ArrayLike<number>, from = 0, to = a.length) => {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i] ?? 0;
  return s / (to - from);
};

describe("masked-token scoring", () => {
  it("masks every frame in exactly one pass, span by span", () => {
    const masks = scoringMasks(1, 5, 2, 4).map((m) => Array.from(m));
    expect(masks).toEqual([
      [1, 1, 0, 0, 0],
      [0, 0, 1, 1, 0],
      [0, 0, 0, 0, 1],
    ]);
  });

  it("masks the channel groups in turn, so that a masked frame sees the other groups' channels", () => {
    // 3 channels of 3 frames (channel-major), span 2, 2 groups: channels 0 and 2, then channel 1.
    const masks = scoringMasks(3, 3, 2, 2).map((m) => Array.from(m));
    expect(masks).toEqual([
      [1, 1, 0, 0, 0, 0, 1, 1, 0],
      [0, 0, 0, 1, 1, 0, 0, 0, 0],
      [0, 0, 1, 0, 0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0, 1, 0, 0, 0],
    ]);
    const covered = new Array<number>(9).fill(0);
    for (const m of scoringMasks(3, 3, 1, 3)) m.forEach((v, i) => (covered[i] = (covered[i] ?? 0) + v));
    expect(covered).toEqual(new Array<number>(9).fill(1));
  });

  it("is the negative log-likelihood of the true token where masked, zero elsewhere", () => {
    // Frame 0: logits (0, 0) → p = ½ each; frame 1: (ln 3, 0) → p = (¾, ¼).
    const logits = tf.tensor3d([0, 0, Math.log(3), 0], [1, 2, 2]);
    const truth = tf.tensor2d([[0, 1]], [1, 2], "int32");
    expect(Array.from(maskedNll(logits, truth, tf.tensor2d([[1, 1]])).dataSync())).toEqual([
      expect.closeTo(Math.log(2), 5),
      expect.closeTo(Math.log(4), 5),
    ]);
    expect(Array.from(maskedNll(logits, truth, tf.tensor2d([[1, 0]])).dataSync())).toEqual([expect.closeTo(Math.log(2), 5), 0]);
  });
});

describe("masked-token training", () => {
  it("masks a fraction cos(π/2·u), u ~ U(0, 1), of each row's tokens: 2/π of them on average, at least one per row", () => {
    const rows = 4000;
    const mask = trainingMask(rows, 40, createRng(3));
    let masked = 0;
    for (let r = 0; r < rows; r++) {
      const row = mask.subarray(r * 40, (r + 1) * 40);
      const n = row.reduce((a, b) => a + b, 0);
      expect(n).toBeGreaterThanOrEqual(1);
      masked += n;
    }
    expect(masked / (rows * 40)).toBeCloseTo(2 / Math.PI, 2);
  });

  it("gives 40 % of the epochs (rounded up) to the VQ-VAEs and the rest to the prior", () => {
    expect([1, 2, 12, 20].map(stage1EpochsOf)).toEqual([1, 1, 5, 8]);
  });
});

describe("the frame convolution", () => {
  it("equals tf.conv1d with same padding, and its kernel gets gradients", () => {
    const x = tf.randomNormal([3, 9, 4], 0, 1, "float32", 1) as tf.Tensor3D;
    for (const size of [1, 3]) {
      const c = { kernel: tf.variable(tf.randomNormal([size, 4, 5], 0, 1, "float32", 2)), bias: tf.variable(tf.tensor1d([1, 2, 3, 4, 5])) };
      const ours = conv(x, c);
      const reference = tf.add(tf.conv1d(x, c.kernel as tf.Tensor3D, 1, "same"), c.bias);
      expect(ours.shape).toEqual([3, 9, 5]);
      expect(tf.max(tf.abs(tf.sub(ours, reference))).dataSync()[0]).toBeLessThan(1e-4);
      const { grads } = tf.variableGrads(() => tf.sum(tf.square(conv(x, c))), [c.kernel, c.bias]);
      const referenceGrads = tf.variableGrads(
        () => tf.sum(tf.square(tf.add(tf.conv1d(x, c.kernel as tf.Tensor3D, 1, "same"), c.bias))),
        [c.kernel, c.bias],
      ).grads;
      expect(tf.max(tf.abs(tf.sub(grads[c.kernel.name]!, referenceGrads[c.kernel.name]!))).dataSync()[0]).toBeLessThan(1e-3);
    }
  });
});

describe("TimeVQVAE-AD", () => {
  it("resolves its defaults and refuses impossible settings", () => {
    const c = resolveTimeVqvaeConfig({ features: 3, windowSize: 32 });
    expect(c).toMatchObject({
      nFft: 8,
      hop: 4,
      lowBins: 2,
      hidden: 32,
      latent: 8,
      codes: 32,
      heads: 2,
      layers: 1,
      maskSpan: 2,
      maskGroups: 8,
      priorPasses: 4,
    });
    expect(() => resolveTimeVqvaeConfig({ features: 3, windowSize: 32, hop: 5 })).toThrow(/hop/);
    expect(() => resolveTimeVqvaeConfig({ features: 3, windowSize: 32, lowBins: 5 })).toThrow(/lowBins/);
    expect(() => resolveTimeVqvaeConfig({ features: 3, windowSize: 4 })).toThrow(/windowSize/);
    expect(() => resolveTimeVqvaeConfig({ features: 3, windowSize: 32, hidden: 15 })).toThrow(/heads/);
  });

  it("lowers both stages' losses on a toy set", () => {
    expect(result.epochs).toHaveLength(12);
    const stage1 = result.epochs.slice(0, 5);
    const stage2 = result.epochs.slice(5);
    // Stage 1's training loss jumps when unused codes restart; its validation error is steadier.
    expect(stage1.at(-1)!.valLoss).toBeLessThan(0.7 * stage1[0]!.valLoss);
    expect(stage2.at(-1)!.trainLoss).toBeLessThan(0.9 * stage2[0]!.trainLoss);
    // The prior's validation cross-entropy ends well below that of a uniform prior, log(codes).
    expect(stage2.at(-1)!.valLoss).toBeLessThan(0.7 * Math.log(config.codes));
    expect(result.monitored).toBe("validation");
    expect(result.trainWindows).toBe(128);
  });

  it("scores every step and channel, the bands adding up to the channel scores", async () => {
    const columns = data[7]!;
    const scored = await detector.scoreBands(columns, { shift: 4 });
    expect(scored.score).toHaveLength(240);
    expect(scored.channelScores).toHaveLength(2);
    for (let c = 0; c < 2; c++) {
      expect(scored.channelScores[c]).toHaveLength(240);
      for (let t = 0; t < 240; t += 17) {
        expect(scored.bands.low[c]![t]! + scored.bands.high[c]![t]!).toBeCloseTo(scored.channelScores[c]![t]!, 4);
        expect(scored.channelScores[c]![t]!).toBeGreaterThanOrEqual(0);
      }
    }
    for (let t = 0; t < 240; t += 13) expect(scored.score[t]).toBeCloseTo(scored.channelScores[0]![t]! + scored.channelScores[1]![t]!, 4);
    const short = await detector.score(columns.map((c) => c.slice(0, 10)));
    expect(short.score).toHaveLength(10);
    expect(short.paddedSteps).toBe(6);
    expect(Array.from(short.score).every(Number.isFinite)).toBe(true);
  });

  it("scores an injected fault above the normal steps around it", async () => {
    const columns = data[7]!.map((c) => c.slice());
    for (let t = 120; t < 136; t++) columns[0]![t] = columns[0]![t]! + (t % 2 === 0 ? 3 : -3);
    const { score } = await detector.score(columns, { shift: 4 });
    expect(mean(score, 120, 136)).toBeGreaterThan(1.5 * mean(score, 40, 100));
  });

  it("gives identical scores after save and load", async () => {
    const saved = await detector.save();
    expect(saved.kind).toBe("timevqvae");
    const loaded = await loadDetector(saved);
    const a = await detector.score(data[7]!, { shift: 8 });
    const b = await loaded.score(data[7]!, { shift: 8 });
    expect(Array.from(b.score)).toEqual(Array.from(a.score));
    loaded.dispose();
    const other = createDetector("timevqvae", { ...config, codes: 8 });
    await expect(loadDetector({ ...saved, config: { ...saved.config, codes: 8 } })).rejects.toThrow(/shape .*must be trained again/);
    other.dispose();
  });
});

describe("counterfactuals", () => {
  it("of a normal stretch stay close to it, seeded", async () => {
    const columns = data[7]!;
    const cf = await detector.counterfactual(columns, 100, 108, { seed: 5 });
    expect(cf.values).toHaveLength(2);
    expect(cf.values[0]).toHaveLength(8);
    expect(["low", "high"]).toContain(cf.band);
    for (let c = 0; c < 2; c++) expect(rms(cf.values[c]!, columns[c]!.subarray(100, 108))).toBeLessThan(0.5);
    const again = await detector.counterfactual(columns, 100, 108, { seed: 5 });
    expect(Array.from(again.values[0]!)).toEqual(Array.from(cf.values[0]!));
  });

  it("of a faulty stretch look like the normal signal rather than the fault, and name the band it is in", async () => {
    const clean = data[7]!;
    const faulty = clean.map((c) => c.slice());
    for (let t = 120; t < 128; t++) faulty[0]![t] = faulty[0]![t]! + (t % 2 === 0 ? 3 : -3);
    const cf = await detector.counterfactual(faulty, 120, 128, { seed: 5 });
    expect(rms(cf.values[0]!, clean[0]!.subarray(120, 128))).toBeLessThan(0.5 * rms(cf.values[0]!, faulty[0]!.subarray(120, 128)));
    expect(cf.band).toBe("high");
  });

  it("refuse a stretch outside the sequence", async () => {
    await expect(detector.counterfactual(data[7]!, 230, 250)).rejects.toThrow(/stretch/);
  });
});

describe("the prior's cross-channel context", () => {
  // Two identical channels of white noise: each channel alone is unpredictable from its own frames,
  // but a masked frame of one channel is the same token as the other channel's (shared networks, same
  // input). A prior that sees every channel's tokens learns to copy it; a channel-independent one
  // cannot get far below the codes' entropy.
  const codes = 16;
  let twins: TimeVqvaeDetector;
  let noise: SeriesColumns[] = [];

  beforeAll(async () => {
    const rng = createRng(11);
    noise = Array.from({ length: 8 }, () => {
      const column = Float32Array.from({ length: 240 }, () => rng.normal());
      return [column, column.slice()];
    });
    twins = createDetector("timevqvae", { features: 2, windowSize: 16, hidden: 16, latent: 4, codes, seed: 2 }) as TimeVqvaeDetector;
    await twins.train(
      { train: noise.slice(0, 6), validation: noise.slice(6, 7) },
      { epochs: 16, batchSize: 16, learningRate: 0.005, seed: 4, patience: 16, maxTrainWindows: 128 },
    );
  }, 180_000);

  it("predicts a masked frame from the other channel: the token NLL drops far below log(codes)", async () => {
    const { bands } = await twins.scoreBands(noise[7]!, { shift: 8 });
    // Per step and band, the NLL of a uniform prior is log(codes).
    for (const band of ["low", "high"] as const) {
      for (let c = 0; c < 2; c++) expect(mean(bands[band][c]!)).toBeLessThan(0.3 * Math.log(codes));
    }
  });

  it("scores a coupling break (the second channel no longer copies the first) far above the coupled steps", async () => {
    const columns = noise[7]!.map((c) => c.slice());
    const rng = createRng(12);
    for (let t = 120; t < 180; t++) columns[1]![t] = rng.normal();
    const { channelScores } = await twins.score(columns, { shift: 8 });
    expect(mean(channelScores[1]!, 128, 172)).toBeGreaterThan(3 * mean(channelScores[1]!, 20, 100));
  });
});
