/**
 * A cross-channel linear detector behind the same interface: per channel c, a ridge regression
 * predicts x_c(t) from the other channels at t and from every channel at t − 1 … t − lags (steps
 * before the start repeat the first one). Fitted in closed form on the training sequences; the
 * residual variance per channel makes it Gaussian, so a step's score is the same negative
 * log-likelihood the neural detectors give (summed over channels), and the scores compare directly.
 * Physically coupled channels (torque ~ current, speed ~ motor speed) predict each other: a fault on
 * one channel breaks the relation. No windows and no TensorFlow.js: `windowSize` is kept in the
 * configuration for the shared interface and the run's records only.
 */
import { decodeFloat32, encodeFloat32 } from "../series/chunks";
import type { SeriesColumns } from "../series/types";
import { DetectorError } from "./errors";
import type { Detector, LinearConfig, SavedWeights, ScoreOptions, ScoreResult, TrainData, TrainOptions, TrainResult } from "./types";
import type { WeightBytes } from "./weights";
import { checkColumns } from "./windows";

const LOG_2PI = Math.log(2 * Math.PI);
/** Training uses every STRIDE-th step: neighbouring steps add little, and it halves the fitting time. */
const STRIDE = 2;
/** A floor on a channel's residual variance (z-scored units), so that a constant channel scores finitely. */
const MIN_VARIANCE = 1e-4;

/** Regressors per channel: an intercept, the other channels now, every channel at each lag. */
export function regressorCount(c: Pick<LinearConfig, "features" | "lags">): number {
  return c.features + c.lags * c.features;
}

function regressors(columns: SeriesColumns, c: number, t: number, lags: number, out: Float64Array): void {
  let k = 0;
  out[k++] = 1;
  for (let j = 0; j < columns.length; j++) if (j !== c) out[k++] = columns[j]?.[t] ?? 0;
  for (let l = 1; l <= lags; l++) {
    const s = Math.max(0, t - l);
    for (const column of columns) out[k++] = column[s] ?? 0;
  }
}

/** w[offset …] · x over the n regressors. */
function predict(w: Float32Array | Float64Array, offset: number, x: Float64Array, n: number): number {
  let p = 0;
  for (let i = 0; i < n; i++) p += (w[offset + i] ?? 0) * (x[i] ?? 0);
  return p;
}

/** Solves the symmetric positive definite system A x = b in place (Cholesky); A is n × n, row-major. */
function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j] ?? 0;
    for (let k = 0; k < j; k++) d -= (a[j * n + k] ?? 0) ** 2;
    if (!(d > 0)) throw new DetectorError("invalid_config", "The regression is singular: raise ridge");
    const l = Math.sqrt(d);
    a[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j] ?? 0;
      for (let k = 0; k < j; k++) s -= (a[i * n + k] ?? 0) * (a[j * n + k] ?? 0);
      a[i * n + j] = s / l;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i] ?? 0;
    for (let k = 0; k < i; k++) s -= (a[i * n + k] ?? 0) * (y[k] ?? 0);
    y[i] = s / (a[i * n + i] ?? 1);
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i] ?? 0;
    for (let k = i + 1; k < n; k++) s -= (a[k * n + i] ?? 0) * (x[k] ?? 0);
    x[i] = s / (a[i * n + i] ?? 1);
  }
  return x;
}

type Fit = { weights: Float32Array; variance: Float32Array };

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DetectorError("aborted", "Aborted");
}

export class LinearDetector implements Detector {
  readonly kind = "linear" as const;
  private fit: Fit;
  private state: "idle" | "disposed" = "idle";

  constructor(readonly config: LinearConfig) {
    const n = regressorCount(config);
    this.fit = { weights: new Float32Array(config.features * n), variance: new Float32Array(config.features).fill(1) };
  }

  get parameterCount(): number {
    return this.fit.weights.length + this.fit.variance.length;
  }

  async train(data: TrainData, options: TrainOptions = {}): Promise<TrainResult> {
    this.assertUsable();
    const started = performance.now();
    const { features, lags, ridge } = this.config;
    const n = regressorCount(this.config);
    const train = data.train.filter((s) => checkColumns(s, features, "training sequence") > 0);
    const steps = train.reduce((sum, s) => sum + Math.ceil((s[0]?.length ?? 0) / STRIDE), 0);
    if (steps < n) throw new DetectorError("no_training_windows", `${steps} training steps are too few for ${n} regressors per channel`);
    const weights = new Float32Array(features * n);
    const variance = new Float32Array(features);
    const x = new Float64Array(n);
    for (let c = 0; c < features; c++) {
      throwIfAborted(options.signal);
      const a = new Float64Array(n * n);
      const b = new Float64Array(n);
      for (let i = 1; i < n; i++) a[i * n + i] = ridge; // the intercept is not shrunk
      for (const columns of train) {
        const target = columns[c] ?? new Float32Array(0);
        for (let t = 0; t < target.length; t += STRIDE) {
          regressors(columns, c, t, lags, x);
          const y = target[t] ?? 0;
          for (let i = 0; i < n; i++) {
            const xi = x[i] ?? 0;
            b[i] = (b[i] ?? 0) + xi * y;
            for (let j = 0; j <= i; j++) a[i * n + j] = (a[i * n + j] ?? 0) + xi * (x[j] ?? 0);
          }
        }
      }
      const w = solveSpd(a, b, n);
      weights.set(w, c * n);
      let squares = 0;
      for (const columns of train) {
        const target = columns[c] ?? new Float32Array(0);
        for (let t = 0; t < target.length; t += STRIDE) {
          regressors(columns, c, t, lags, x);
          squares += ((target[t] ?? 0) - predict(w, 0, x, n)) ** 2;
        }
      }
      variance[c] = Math.max(MIN_VARIANCE, squares / steps);
      options.onBatch?.(c + 1, features);
    }
    this.fit = { weights, variance };
    const trainLoss = this.meanWindowNll(train);
    const validation = data.validation.filter((s) => checkColumns(s, features, "validation sequence") > 0);
    const valLoss = validation.length > 0 ? this.meanWindowNll(validation) : Number.NaN;
    const monitored = validation.length > 0 ? "validation" : "train";
    const bestLoss = monitored === "validation" ? valLoss : trainLoss;
    const ms = performance.now() - started;
    const epoch = { epoch: 0, trainLoss, trainNll: trainLoss, trainKl: 0, valLoss, beta: 0, ms, bestEpoch: 0, bestLoss };
    await options.onEpoch?.(epoch);
    const validationSteps = validation.reduce((sum, s) => sum + (s[0]?.length ?? 0), 0);
    return {
      epochs: [epoch],
      bestEpoch: 0,
      bestLoss,
      monitored,
      stopReason: "completed",
      trainWindows: steps,
      validationWindows: validationSteps,
      ms,
    };
  }

  /** Mean NLL per step summed over channels, times the window size: comparable with the neural detectors' per-window loss. */
  private meanWindowNll(sequences: readonly SeriesColumns[]): number {
    let sum = 0;
    let steps = 0;
    for (const columns of sequences) {
      const { score } = this.scoreNow(columns);
      for (const v of score) sum += v;
      steps += score.length;
    }
    return steps > 0 ? (sum / steps) * this.config.windowSize : Number.NaN;
  }

  async evaluate(sequences: SeriesColumns[]): Promise<number> {
    this.assertUsable();
    sequences.forEach((s, i) => checkColumns(s, this.config.features, `sequence ${i}`));
    return this.meanWindowNll(sequences);
  }

  async score(columns: SeriesColumns, options: ScoreOptions = {}): Promise<ScoreResult> {
    this.assertUsable();
    throwIfAborted(options.signal);
    checkColumns(columns, this.config.features);
    const result = this.scoreNow(columns);
    options.onProgress?.(1, 1);
    return result;
  }

  private scoreNow(columns: SeriesColumns): ScoreResult {
    const { features, lags } = this.config;
    const n = regressorCount(this.config);
    const length = columns[0]?.length ?? 0;
    const score = new Float32Array(length);
    const channelScores = Array.from({ length: features }, () => new Float32Array(length));
    const mean = Array.from({ length: features }, () => new Float32Array(length));
    const variance = Array.from({ length: features }, (_, c) => new Float32Array(length).fill(this.fit.variance[c] ?? 1));
    const x = new Float64Array(n);
    for (let c = 0; c < features; c++) {
      const v = this.fit.variance[c] ?? 1;
      const half = 0.5 * (LOG_2PI + Math.log(v));
      const target = columns[c] ?? new Float32Array(0);
      for (let t = 0; t < length; t++) {
        regressors(columns, c, t, lags, x);
        const p = predict(this.fit.weights, c * n, x, n);
        const nll = half + (0.5 * ((target[t] ?? 0) - p) ** 2) / v;
        (mean[c] as Float32Array)[t] = p;
        (channelScores[c] as Float32Array)[t] = nll;
        score[t] = (score[t] ?? 0) + nll;
      }
    }
    return { score, channelScores, mean, variance, paddedSteps: 0 };
  }

  async save(): Promise<SavedWeights> {
    this.assertUsable();
    const n = regressorCount(this.config);
    const bytes = new Uint8Array(4 * this.parameterCount);
    bytes.set(encodeFloat32(this.fit.weights), 0);
    bytes.set(encodeFloat32(this.fit.variance), 4 * this.fit.weights.length);
    return {
      kind: this.kind,
      config: this.config,
      specs: [
        { name: "linear/weights", shape: [this.config.features, n], dtype: "float32" },
        { name: "linear/variance", shape: [this.config.features], dtype: "float32" },
      ],
      data: bytes,
    };
  }

  /** Replaces the fit with saved weights (names, shapes and sizes must match). */
  load(saved: WeightBytes): void {
    this.assertUsable();
    const n = regressorCount(this.config);
    const expected = [
      { name: "linear/weights", size: this.config.features * n },
      { name: "linear/variance", size: this.config.features },
    ];
    const fits =
      saved.specs.length === 2 &&
      expected.every((e, i) => saved.specs[i]?.name === e.name && saved.specs[i]?.shape.reduce((p, d) => p * d, 1) === e.size);
    if (!fits || saved.data.byteLength !== 4 * (expected[0]!.size + expected[1]!.size)) {
      throw new DetectorError("invalid_weights", "The saved weights do not fit this linear detector");
    }
    const values = decodeFloat32(saved.data);
    this.fit = { weights: values.slice(0, expected[0]!.size), variance: values.slice(expected[0]!.size) };
  }

  dispose(): void {
    this.state = "disposed";
  }

  private assertUsable(): void {
    if (this.state === "disposed") throw new DetectorError("disposed", "The detector has been disposed");
  }
}
