/**
 * Fixtures for the detector tests: small z-scored PATH-like demo drives, the cpu backend, and the
 * checks every trained detector passes (a seeded rerun, a level shift, a save → load round trip).
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, expect } from "vitest";
import { generatePathDataset } from "../demo/path-dataset";
import { createChannelStats, finishChannelStats, updateChannelStats, zscore } from "../preprocess";
import type { SeriesColumns } from "../series/types";
import { createDetector, loadDetector, type Detector, type SavedWeights, type TrainOptions, type TrainResult } from "./index";
import type { DetectorKind, DetectorOptions } from "./types";

export async function setCpuBackend(): Promise<void> {
  await tf.setBackend("cpu");
  await tf.ready();
}

/** `sequences` clean drives of `length` steps, the first `channels` channels, z-scored over all of them. */
export function demoSequences(o: { sequences: number; length: number; channels?: number; seed?: number }): SeriesColumns[] {
  const dataset = generatePathDataset({
    seed: o.seed ?? 7,
    sequences: o.sequences,
    minLength: o.length,
    maxLength: o.length,
    anomalyFraction: 0,
  });
  const raw = dataset.sequences.map((s) => s.columns.slice(0, o.channels ?? s.columns.length));
  const stats = createChannelStats(raw[0]?.length ?? 0);
  for (const columns of raw) updateChannelStats(stats, columns);
  const summary = finishChannelStats(stats);
  return raw.map((columns) => zscore(columns, summary));
}

export function maxOf(values: Float32Array): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > max) max = v;
  return max;
}

/** A detector trained once for a test file, with its data: 8 demo drives, 0–4 to train, 5–6 to validate, 7 held out. */
export type TrainedOnDemo = {
  data: SeriesColumns[];
  detector: Detector;
  result: TrainResult;
  split(): { train: SeriesColumns[]; validation: SeriesColumns[] };
  options: TrainOptions;
};

/**
 * Registers a beforeAll that sets the cpu backend and trains a `kind` detector with `options` on 8
 * demo drives of 200 steps and 4 channels; the returned object is filled in once it has run.
 */
export function trainedOnDemo<K extends DetectorKind>(kind: K, config: DetectorOptions[K], options: TrainOptions): TrainedOnDemo {
  const trained: TrainedOnDemo = {
    data: [],
    detector: undefined as unknown as Detector,
    result: undefined as unknown as TrainResult,
    split: () => ({ train: trained.data.slice(0, 5), validation: trained.data.slice(5, 7) }),
    options,
  };
  beforeAll(async () => {
    await setCpuBackend();
    trained.data = demoSequences({ sequences: 8, length: 200, channels: 4 });
    trained.detector = createDetector(kind, config);
    trained.result = await trained.detector.train(trained.split(), options);
  }, 60_000);
  return trained;
}

/**
 * Trains a fresh detector of the trained one's kind and configuration on the same data with the same
 * options: it must repeat its losses epoch for epoch and, once disposed, leave no tensor behind.
 */
export async function expectSeededRerun({ detector, split, options, result }: TrainedOnDemo): Promise<void> {
  const before = tf.memory().numTensors;
  const again = createDetector(detector.kind, detector.config);
  const rerun = await again.train(split(), options);
  again.dispose();
  expect(tf.memory().numTensors).toBe(before);
  expect(rerun.epochs.map((e) => [e.trainLoss, e.valLoss])).toEqual(result.epochs.map((e) => [e.trainLoss, e.valLoss]));
}

/** A level shift of 6 standard deviations on channel 3 from step 120 on: every step is scored, and the shift scores higher. */
export async function expectFlagsLevelShift(detector: Detector, clean: SeriesColumns): Promise<void> {
  const shifted = clean.map((c, channel) => (channel === 3 ? c.map((v, i) => (i >= 120 ? v + 6 : v)) : c.slice()));
  const [a, b] = [await detector.score(clean), await detector.score(shifted)];
  expect(a.score).toHaveLength(clean[0]?.length ?? 0);
  expect(maxOf(b.score)).toBeGreaterThan(maxOf(a.score));
}

/** Saves `detector` and loads it back: the copy has the same kind and size and scores `sample` identically. */
export async function expectSameAfterReload(detector: Detector, sample: SeriesColumns): Promise<SavedWeights> {
  const saved = await detector.save();
  expect(saved.kind).toBe(detector.kind);
  const loaded = await loadDetector(saved);
  try {
    expect(loaded.parameterCount).toBe(detector.parameterCount);
    expect(Array.from((await loaded.score(sample)).score)).toEqual(Array.from((await detector.score(sample)).score));
  } finally {
    loaded.dispose();
  }
  return saved;
}
