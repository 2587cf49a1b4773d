/**
 * Reconstruction loss of a set of windows: the Gaussian NLL per window (summed over time and
 * channels) of the deterministic model, averaged over the windows. Early stopping monitors it.
 */
import * as tf from "@tensorflow/tfjs";
import type { SeriesColumns } from "../series/types";
import { gaussianNllPerWindow } from "./losses";
import type { Network } from "./network";
import { batches, gatherWindows, type WindowRef } from "./windows";

export type WindowShape = { windowSize: number; features: number };

export async function reconstructionLoss(
  net: Network,
  sequences: readonly SeriesColumns[],
  refs: readonly WindowRef[],
  shape: WindowShape,
  batchSize: number,
): Promise<number> {
  if (refs.length === 0) return Number.NaN;
  let sum = 0;
  for (const group of batches(refs, batchSize)) {
    const total = tf.tidy(() => {
      const x = tf.tensor3d(gatherWindows(sequences, group, shape.windowSize, shape.features), [
        group.length,
        shape.windowSize,
        shape.features,
      ]);
      const { mean, logVar } = net.predict(x);
      return tf.sum(gaussianNllPerWindow(x, mean, logVar));
    });
    const [value] = await total.data();
    total.dispose();
    sum += value ?? Number.NaN;
  }
  return sum / refs.length;
}
