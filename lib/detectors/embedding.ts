/**
 * A detector's view of a stretch of a sequence, for ALOE's querying (lib/query/aloe.ts):
 *
 * - recurrent detectors: the mean, over the stretch's windows (training shift), of the network's
 *   window embedding (the LSTM autoencoder's code vector, TeVAE's latent posterior mean averaged
 *   over the window's steps);
 * - the linear detector, which has no latent space: its residual features, per channel the root mean
 *   square of the standardised residual (x − μ)/σ over the stretch (from a ScoreResult).
 */
import * as tf from "@tensorflow/tfjs";
import type { SeriesColumns } from "../series/types";
import { DetectorError } from "./errors";
import type { Network } from "./network";
import { MAX_PREDICT_BATCH } from "./train-options";
import type { Detector, ScoreResult } from "./types";
import { trainingShift } from "../preprocess";
import { batches, checkColumns, gatherWindows, type WindowRef } from "./windows";

/** Window starts covering [start, end) at the training shift; one window (clamped into the sequence) when shorter. */
export function stretchWindowStarts(start: number, end: number, length: number, windowSize: number): number[] {
  const shift = trainingShift(windowSize);
  const starts: number[] = [];
  for (let s = start; s + windowSize <= end; s += shift) starts.push(s);
  if (starts.length === 0) starts.push(Math.max(0, Math.min(start, length - windowSize)));
  return starts;
}

export async function embedStretches(
  net: Network,
  columns: SeriesColumns,
  stretches: readonly (readonly [number, number])[],
  shape: { windowSize: number; features: number },
): Promise<Float32Array[]> {
  const embed = net.embed;
  if (!embed) throw new DetectorError("invalid_config", "This detector has no embedding");
  const length = checkColumns(columns, shape.features);
  if (length < shape.windowSize)
    throw new DetectorError("no_training_windows", `The sequence is shorter than the window (${shape.windowSize})`);
  const owner: number[] = [];
  const refs: WindowRef[] = [];
  stretches.forEach(([start, end], k) => {
    for (const s of stretchWindowStarts(start, end, length, shape.windowSize)) {
      refs.push({ sequence: 0, start: s });
      owner.push(k);
    }
  });
  const sums: Float32Array[] = [];
  const counts = new Array<number>(stretches.length).fill(0);
  let at = 0;
  for (const group of batches(refs, MAX_PREDICT_BATCH)) {
    const x = tf.tensor3d(gatherWindows([columns], group, shape.windowSize, shape.features), [
      group.length,
      shape.windowSize,
      shape.features,
    ]);
    const z = embed(x);
    const [rows, width] = z.shape;
    const values = await z.data();
    tf.dispose([x, z]);
    for (let r = 0; r < rows; r++, at++) {
      const k = owner[at]!;
      sums[k] ??= new Float32Array(width);
      for (let j = 0; j < width; j++) sums[k][j]! += values[r * width + j]!;
      counts[k]!++;
    }
  }
  return sums.map((sum, k) => sum.map((v) => v / counts[k]!));
}

/** Per channel, √mean(((x − μ)/σ)²) over [start, end): the residual features of any detector's scoring. */
export function residualEmbedding(
  columns: SeriesColumns,
  scored: Pick<ScoreResult, "mean" | "variance">,
  start: number,
  end: number,
): Float32Array {
  return Float32Array.from(columns, (column, c) => {
    const mean = scored.mean[c]!;
    const variance = scored.variance[c]!;
    let sum = 0;
    for (let t = start; t < end; t++) sum += (column[t]! - mean[t]!) ** 2 / variance[t]!;
    return Math.sqrt(sum / Math.max(1, end - start));
  });
}

/** A detector that gives a window embedding (the recurrent ones: NetworkDetector.embed). */
type Embedding = { embed(columns: SeriesColumns, stretches: readonly (readonly [number, number])[]): Promise<Float32Array[]> };

/**
 * Each stretch's embedding from any detector: the recurrent detectors' mean window embedding, or,
 * for one without (the linear detector), the residual features of its scoring of the sequence —
 * `scored` when the caller has it, else scored here.
 */
export async function stretchEmbeddings(
  detector: Detector,
  columns: SeriesColumns,
  stretches: readonly (readonly [number, number])[],
  scored?: Pick<ScoreResult, "mean" | "variance">,
): Promise<Float32Array[]> {
  if ("embed" in detector && typeof detector.embed === "function") return (detector as Detector & Embedding).embed(columns, stretches);
  const result = scored ?? (await detector.score(columns));
  return stretches.map(([start, end]) => residualEmbedding(columns, result, start, end));
}
