/**
 * Scoring (docs/algorithms.md §6), shared by every detector: the windows of a whole sequence (shift 1
 * as in the reference, or a larger `shift` with one more window ending at the last step,
 * `scoringStarts`) go through the deterministic network in batches of at most 512; the output mean and
 * variance (exp of the log-variance) are averaged back onto the time axis over the windows that cover
 * each step ("mean" reverse windowing, accumulated as the batches come back, so no more than one batch
 * of windows is held); the score of a step and channel is the Gaussian NLL of the observed value,
 * 0.5·(log 2π + log σ² + (x − μ)²/σ²), and the score of a step is the sum over channels.
 *
 * A sequence shorter than the window is edge-padded (its last value repeated) to one window, scored,
 * and the padding dropped again: every step gets a finite score, `paddedSteps` says how many steps
 * were invented. An empty sequence gives empty arrays.
 */
import * as tf from "@tensorflow/tfjs";
import { SCORING_SHIFT, extractWindows, scoringStarts } from "../preprocess";
import type { SeriesColumns } from "../series/types";
import { DetectorError } from "./errors";
import { gaussianNll } from "./losses";
import type { Prediction } from "./network";
import { MAX_PREDICT_BATCH, throwIfAborted, yieldToEventLoop } from "./train-options";
import type { ScoreOptions, ScoreResult } from "./types";
import { batches, checkColumns } from "./windows";

export type PredictFn = (x: tf.Tensor3D) => Prediction;
type Shape = { windowSize: number; features: number };
type Sums = { mean: Float64Array[]; variance: Float64Array[]; windows: Uint32Array };

export const DEFAULT_SCORE_BATCH = 256;

export async function scoreColumns(
  predict: PredictFn,
  columns: SeriesColumns,
  shape: Shape,
  options: ScoreOptions = {},
): Promise<ScoreResult> {
  const batchSize = options.batchSize ?? DEFAULT_SCORE_BATCH;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_PREDICT_BATCH) {
    throw new DetectorError("invalid_option", `batchSize must be a whole number in [1, ${MAX_PREDICT_BATCH}]`);
  }
  const shift = options.shift ?? SCORING_SHIFT;
  if (!Number.isInteger(shift) || shift < 1 || shift > shape.windowSize) {
    throw new DetectorError("invalid_option", `shift must be a whole number in [1, ${shape.windowSize}] (the window size)`);
  }
  const length = checkColumns(columns, shape.features);
  if (length === 0) return emptyResult(shape.features);
  if (length >= shape.windowSize) return scoreFull(predict, columns, shape, { ...options, batchSize });
  const padded = columns.map((c) => edgePad(c, shape.windowSize));
  const full = await scoreFull(predict, padded, shape, { ...options, batchSize });
  const trim = (c: Float32Array) => c.slice(0, length);
  return {
    score: trim(full.score),
    channelScores: full.channelScores.map(trim),
    mean: full.mean.map(trim),
    variance: full.variance.map(trim),
    paddedSteps: shape.windowSize - length,
  };
}

function edgePad(column: Float32Array, size: number): Float32Array {
  const out = new Float32Array(size);
  out.set(column);
  out.fill(column[column.length - 1] ?? 0, column.length);
  return out;
}

function emptyResult(features: number): ScoreResult {
  const none = () => Array.from({ length: features }, () => new Float32Array(0));
  return { score: new Float32Array(0), channelScores: none(), mean: none(), variance: none(), paddedSteps: 0 };
}

async function scoreFull(
  predict: PredictFn,
  columns: SeriesColumns,
  shape: Shape,
  options: ScoreOptions & { batchSize: number },
): Promise<ScoreResult> {
  const length = columns[0]?.length ?? 0;
  const sums: Sums = {
    mean: columns.map(() => new Float64Array(length)),
    variance: columns.map(() => new Float64Array(length)),
    windows: new Uint32Array(length),
  };
  const groups = batches(scoringStarts(length, shape.windowSize, options.shift ?? SCORING_SHIFT), options.batchSize);
  for (const [i, starts] of groups.entries()) {
    throwIfAborted(options.signal);
    const out = tf.tidy(() => {
      const x = tf.tensor3d(extractWindows(columns, starts, shape.windowSize), [starts.length, shape.windowSize, shape.features]);
      const { mean, logVar } = predict(x);
      return [mean, tf.exp(logVar)];
    });
    const [mean, variance] = await Promise.all(out.map((t) => t.data()));
    tf.dispose(out);
    accumulate(sums, starts, shape, mean, variance);
    options.onProgress?.(i + 1, groups.length);
    if (i + 1 < groups.length) await yieldToEventLoop();
  }
  return finish(columns, sums);
}

/** Adds each window's values ([window][step][channel]) to the per-step sums. */
function accumulate(sums: Sums, starts: readonly number[], shape: Shape, mean?: ArrayLike<number>, variance?: ArrayLike<number>): void {
  if (!mean || !variance) return;
  const { windowSize, features } = shape;
  starts.forEach((start, w) => {
    for (let t = 0; t < windowSize; t++) {
      sums.windows[start + t] = (sums.windows[start + t] ?? 0) + 1;
      const base = (w * windowSize + t) * features;
      for (let c = 0; c < features; c++) {
        const m = sums.mean[c];
        const v = sums.variance[c];
        if (m) m[start + t] = (m[start + t] ?? 0) + (mean[base + c] ?? Number.NaN);
        if (v) v[start + t] = (v[start + t] ?? 0) + (variance[base + c] ?? Number.NaN);
      }
    }
  });
}

type ChannelResult = { mean: Float32Array; variance: Float32Array; nll: Float32Array };

function finishChannel(column: Float32Array, sumMean: Float64Array, sumVariance: Float64Array, windows: Uint32Array): ChannelResult {
  const length = column.length;
  const out: ChannelResult = { mean: new Float32Array(length), variance: new Float32Array(length), nll: new Float32Array(length) };
  for (let i = 0; i < length; i++) {
    const n = windows[i] ?? Number.NaN;
    const mu = (sumMean[i] ?? Number.NaN) / n;
    const sigma2 = (sumVariance[i] ?? Number.NaN) / n;
    out.mean[i] = mu;
    out.variance[i] = sigma2;
    out.nll[i] = gaussianNll(column[i] ?? Number.NaN, mu, sigma2);
  }
  return out;
}

function finish(columns: SeriesColumns, sums: Sums): ScoreResult {
  const length = columns[0]?.length ?? 0;
  const channels = columns.map((column, c) =>
    finishChannel(column, sums.mean[c] ?? new Float64Array(length), sums.variance[c] ?? new Float64Array(length), sums.windows),
  );
  const score = new Float32Array(length);
  for (const { nll } of channels) {
    for (let i = 0; i < length; i++) score[i] = (score[i] ?? 0) + (nll[i] ?? 0);
  }
  return {
    score,
    channelScores: channels.map((c) => c.nll),
    mean: channels.map((c) => c.mean),
    variance: channels.map((c) => c.variance),
    paddedSteps: 0,
  };
}
