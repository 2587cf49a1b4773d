import { beforeAll, describe, expect, it } from "vitest";
import type { SeriesColumns } from "../series/types";
import { NetworkDetector } from "./detector";
import { createDetector } from "./index";
import { residualEmbedding } from "./embedding";
import { excludedSteps, keptPieces } from "./loe-linear";
import { loeObjective, loeWindowLoss, splitWindows, type LoeData } from "./loe";
import { demoSequences, setCpuBackend } from "./test-helpers";

describe("the ALOE loss", () => {
  it("gives the NLL to normal windows, a hinge to anomalous ones and their mean to latent anomalies", () => {
    expect(loeWindowLoss(3, 0, 5)).toBe(3);
    expect(loeWindowLoss(3, 1, 5)).toBe(2); // max(0, 5 − 3)
    expect(loeWindowLoss(7, 1, 5)).toBe(0); // above the margin: nothing left to push
    expect(loeWindowLoss(3, 2, 5)).toBe(3);
    expect(loeWindowLoss(4, 3, 5)).toBe(2.5); // ½·4 + ½·1
    // labelled half: mean(3, 0) = 1.5; unlabelled half: mean(3, 2.5) = 2.75.
    expect(
      loeObjective(
        [
          [3, 0],
          [7, 1],
        ],
        [
          [3, 2],
          [4, 3],
        ],
        5,
      ),
    ).toBe(4.25);
    expect(loeObjective([], [[3, 2]], 5)).toBe(3);
  });

  it("labels windows by the spans: overlapping an anomaly, inside a normal stretch, or neither", () => {
    const seq: SeriesColumns = [new Float32Array(16)];
    const data: LoeData = {
      sequences: [seq],
      spans: [
        { sequence: 0, start: 0, end: 8, anomalous: false },
        { sequence: 0, start: 13, end: 16, anomalous: true },
      ],
    };
    // window 4, shift 2: starts 0, 2, …, 12.
    const w = splitWindows(data, 4, 1);
    expect(w.normal.map((r) => r.start)).toEqual([0, 2, 4]);
    expect(w.anomalous.map((r) => r.start)).toEqual([10, 12]);
    expect(w.unlabelled.map((r) => r.start)).toEqual([6, 8]);
  });
});

describe("residual features", () => {
  it("are per channel the RMS of the standardised residual over the stretch", () => {
    const columns: SeriesColumns = [Float32Array.from([1, 3, 5]), Float32Array.from([0, 0, 0])];
    const scored = {
      mean: [Float32Array.from([1, 1, 1]), Float32Array.from([0, 0, 0])],
      variance: [Float32Array.from([4, 4, 4]), Float32Array.from([1, 1, 1])],
    };
    // channel 0 on [1, 3): residuals 2 and 4 over σ = 2 → 1 and 2 → √((1 + 4)/2).
    expect(Array.from(residualEmbedding(columns, scored, 1, 3))).toEqual([Math.fround(Math.sqrt(2.5)), 0]);
  });
});

describe("the linear analogue", () => {
  it("leaves out anomalous spans and the top α of the unlabelled steps, never labelled-normal ones", () => {
    const seq: SeriesColumns = [new Float32Array(10)];
    const data: LoeData = {
      sequences: [seq],
      spans: [
        { sequence: 0, start: 2, end: 4, anomalous: true },
        { sequence: 0, start: 8, end: 10, anomalous: false },
      ],
    };
    const scores = [Float32Array.from([0, 9, 0, 0, 1, 2, 8, 3, 99, 99])];
    // unlabelled steps: 0, 1, 4, 5, 6, 7 (6 of them); α = 1/3 leaves out the top 2 by score: 1 (9) and 6 (8).
    const [mask] = excludedSteps(data, scores, 1 / 3);
    expect(Array.from(mask!)).toEqual([0, 1, 1, 1, 0, 0, 1, 0, 0, 0]);
    const pieces = keptPieces([[Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])]], [mask!], 2);
    expect(pieces.map((p) => Array.from(p[0]!))).toEqual([
      [4, 5],
      [7, 8, 9],
    ]);
  });
});

describe("fine-tuning a toy LSTM autoencoder with labels", () => {
  let data: SeriesColumns[] = [];
  beforeAll(async () => {
    await setCpuBackend();
    data = demoSequences({ sequences: 7, length: 120, channels: 3, seed: 5 });
    // An anomaly the clean training data never shows: channel 0 shifted by 3 over steps 40–70 of sequence 5.
    for (let t = 40; t < 70; t++) data[5]![0]![t]! += 3;
  }, 60_000);

  it("lowers the labelled-normal scores and raises the labelled-anomalous ones", async () => {
    const detector = createDetector("lstm-ae", { features: 3, windowSize: 8, hidden: 6, seed: 2 }) as NetworkDetector;
    await detector.train({ train: data.slice(0, 5), validation: [] }, { epochs: 2, learningRate: 0.01, seed: 1, maxTrainWindows: 64 });
    const mean = (xs: Float32Array, a: number, b: number) => xs.slice(a, b).reduce((s, v) => s + v, 0) / (b - a);
    const before = {
      anomalous: mean((await detector.score(data[5]!)).score, 40, 70),
      normal: mean((await detector.score(data[6]!)).score, 0, 120),
    };
    const spans = [
      { sequence: 5, start: 40, end: 70, anomalous: true },
      { sequence: 6, start: 0, end: 120, anomalous: false },
    ];
    const result = await detector.fineTune(
      { sequences: data, spans },
      { alpha: 0.05, epochs: 3, learningRate: 0.01, seed: 4, maxWindows: 128 },
    );
    const after = {
      anomalous: mean((await detector.score(data[5]!)).score, 40, 70),
      normal: mean((await detector.score(data[6]!)).score, 0, 120),
    };
    // Its embedding of two stretches: one latent-wide vector each (latent = ⌊3/2⌋ = 1).
    const embedded = await detector.embed(data[5]!, [
      [0, 40],
      [40, 70],
    ]);
    detector.dispose();
    expect(embedded.map((e) => e.length)).toEqual([1, 1]);
    expect(embedded[0]![0]).not.toBe(embedded[1]![0]);
    expect(result.labelledAnomalous).toBeGreaterThan(0);
    expect(result.labelledNormal).toBeGreaterThan(0);
    expect(result.epochs).toHaveLength(3);
    expect(after.normal).toBeLessThan(before.normal);
    expect(after.anomalous).toBeGreaterThan(before.anomalous);
  }, 120_000);

  it("runs on TeVAE too: the latent embedding and an epoch of fine-tuning with a finite loss", async () => {
    const detector = createDetector("tevae", { features: 3, windowSize: 8, hidden: 2, heads: 1, seed: 2 }) as NetworkDetector;
    const embedded = await detector.embed(data[5]!, [[0, 40]]);
    expect(embedded[0]!.length).toBe(1); // latent = ⌊3/2⌋
    const spans = [{ sequence: 5, start: 40, end: 70, anomalous: true }];
    const result = await detector.fineTune({ sequences: data.slice(4, 6), spans }, { alpha: 0.1, epochs: 1, seed: 1, maxWindows: 32 });
    detector.dispose();
    expect(Number.isFinite(result.epochs[0]!.loss)).toBe(true);
    expect(result.epochs[0]!.latentAnomalous).toBe(Math.floor(0.1 * result.unlabelled));
  }, 120_000);
});
