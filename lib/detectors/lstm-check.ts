/**
 * Checks the fused LSTM layer against the op-by-op one on the current tfjs backend: outputs and
 * every gradient (w.r.t. the input and all twelve weights) of a layer, and the losses of a few TeVAE
 * training steps. Shared by the unit tests (cpu backend: the array kernels) and the browser's bench
 * worker (webgpu: the WGSL kernels), so that both hold the fused paths to the same tolerance.
 */
import * as tf from "@tensorflow/tfjs";
import { createRng } from "../rng";
import type { SeriesColumns } from "../series/types";
import { benchmarkData } from "./benchmark";
import { createDetector } from "./index";
import { createLstmWeights, initialiseLstm, lstm, lstmVariables, setLstmImplementation, type LstmImplementation } from "./lstm";

/** The largest relative error the fused layer may show against the op-by-op one (float32 rounding over a window). */
export const FUSED_TOLERANCE = 1e-5;

/** Largest |a − b| relative to the largest |b| of the tensor (float32 rounding: ≈ 1e-7 per op). */
export function relativeError(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let diff = 0;
  let scale = 1e-30;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs((a[i] ?? Number.NaN) - (b[i] ?? Number.NaN)));
    scale = Math.max(scale, Math.abs(b[i] ?? 0));
  }
  return Number.isNaN(diff) ? Number.POSITIVE_INFINITY : diff / scale;
}

export type Outcome = { value: Float32Array; grads: Float32Array[] };

/**
 * The value of f(x) and the gradients of Σ f(x)·weights (random weights, so every output matters)
 * w.r.t. x and every variable, with the given LSTM implementation.
 */
export async function lstmOutcome(
  impl: LstmImplementation,
  f: (x: tf.Tensor3D) => tf.Tensor,
  x: tf.Tensor3D,
  variables: tf.Variable[],
): Promise<Outcome> {
  setLstmImplementation(impl);
  try {
    const tensors = tf.tidy(() => {
      const value = f(x);
      const weights = tf.randomNormal(value.shape, 0, 1, "float32", 9);
      const loss = (xIn: tf.Tensor) => tf.sum(tf.mul(f(xIn as tf.Tensor3D), weights));
      const dx = tf.grad(loss)(x);
      const { grads } = tf.variableGrads(() => loss(x) as tf.Scalar, variables);
      const all = [dx, ...variables.map((v) => grads[v.name])];
      if (all.some((g) => g === undefined)) throw new Error("lstmOutcome: a variable has no gradient");
      return [value, ...(all as tf.Tensor[])];
    });
    const arrays = await Promise.all(tensors.map((t) => t.data() as Promise<Float32Array>));
    tf.dispose(tensors);
    const [value = new Float32Array(), ...grads] = arrays;
    return { value, grads };
  } finally {
    setLstmImplementation("auto");
  }
}

/** The largest relative error of the fused outcome's value and of its gradients against the op-by-op one's. */
export async function compareImplementations(
  f: (x: tf.Tensor3D) => tf.Tensor,
  x: tf.Tensor3D,
  variables: tf.Variable[],
): Promise<{ valueError: number; gradError: number; gradients: number }> {
  const ops = await lstmOutcome("ops", f, x, variables);
  const fused = await lstmOutcome("fused", f, x, variables);
  const gradError = ops.grads.reduce(
    (m, g, k) => Math.max(m, g.length > 0 ? relativeError(fused.grads[k] ?? new Float32Array(), g) : Infinity),
    0,
  );
  return { valueError: relativeError(fused.value, ops.value), gradError, gradients: ops.grads.length };
}

export type LayerCase = { batch: number; steps: number; width: number; units: number; reverse: boolean };
export type LayerCheck = LayerCase & { valueError: number; gradError: number; gradients: number };

/**
 * Shapes for the check: units a multiple of 4 and not, batch 1 and more, more units
 * than a WebGPU workgroup has threads (300); both directions.
 */
export const LAYER_CASES: LayerCase[] = [
  { batch: 3, steps: 6, width: 4, units: 5 },
  { batch: 1, steps: 2, width: 2, units: 3 },
  { batch: 4, steps: 9, width: 7, units: 8 },
  { batch: 5, steps: 7, width: 6, units: 16 },
  { batch: 2, steps: 5, width: 8, units: 40 },
  { batch: 2, steps: 3, width: 2, units: 300 },
].flatMap((s) => [false, true].map((reverse) => ({ ...s, reverse })));

/** A subset for quick checks (a software adapter): both directions, batch 1 and more, units a multiple of 4 and not. */
export const QUICK_LAYER_CASES: LayerCase[] = LAYER_CASES.filter(
  (c) => (c.units === 5 && !c.reverse) || (c.units === 3 && c.reverse) || (c.units === 16 && !c.reverse) || (c.units === 40 && c.reverse),
);

/** One LSTM layer of the case's shape (Keras-initialised, seeded): fused against op by op. */
export async function checkLayer(c: LayerCase): Promise<LayerCheck> {
  const w = createLstmWeights(c.width, c.units);
  initialiseLstm(w, createRng(c.units + c.steps));
  const x = tf.randomNormal([c.batch, c.steps, c.width], 0, 1, "float32", 3) as tf.Tensor3D;
  const variables = lstmVariables(w, "l").map((v) => v.variable);
  try {
    const errors = await compareImplementations((xIn) => lstm(xIn, w, c.reverse), x, variables);
    return { ...c, ...errors };
  } finally {
    x.dispose();
    tf.dispose(variables);
  }
}

/** Three of the benchmark's drives, 3 channels, 60 steps: 53 windows of 8, enough for two batches of 8. */
export function trainingCheckData(): SeriesColumns[] {
  return benchmarkData(3)
    .slice(0, 3)
    .map((columns) => columns.map((c) => c.slice(0, 60)));
}

export type TrainingCheck = { ops: number[]; fused: number[]; maxRelError: number };

/**
 * A small TeVAE trained for `epochs` epochs of two batches from the same seed with each LSTM
 * implementation: the training loss of every epoch (each AMSGrad step's gradients feed the next
 * epoch's loss, so a wrong gradient shows) and their largest relative difference.
 */
export async function checkTeVaeTraining(data: SeriesColumns[] = trainingCheckData(), epochs = 2): Promise<TrainingCheck> {
  const features = data[0]?.length ?? 0;
  const losses = async (impl: LstmImplementation) => {
    setLstmImplementation(impl);
    const detector = createDetector("tevae", { features, windowSize: 8, hidden: 4, seed: 2 });
    try {
      const result = await detector.train(
        { train: data, validation: [] },
        { epochs, batchSize: 8, seed: 5, learningRate: 0.01, patience: Number.POSITIVE_INFINITY, maxTrainWindows: 16 },
      );
      return result.epochs.map((e) => e.trainLoss);
    } finally {
      detector.dispose();
      setLstmImplementation("auto");
    }
  };
  const ops = await losses("ops");
  const fused = await losses("fused");
  const maxRelError = ops.reduce((m, v, i) => Math.max(m, Math.abs((fused[i] ?? Number.NaN) - v) / Math.max(1e-30, Math.abs(v))), 0);
  return { ops, fused, maxRelError: Number.isNaN(maxRelError) || fused.length !== ops.length ? Infinity : maxRelError };
}
