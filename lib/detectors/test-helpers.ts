/**
 * Fixtures for the detector tests: small z-scored PATH-like demo drives, and the cpu backend.
 */
import * as tf from "@tensorflow/tfjs";
import { generatePathDataset } from "../demo/path-dataset";
import { createChannelStats, finishChannelStats, updateChannelStats, zscore } from "../preprocess";
import type { SeriesColumns } from "../series/types";

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
