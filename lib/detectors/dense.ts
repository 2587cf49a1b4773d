/**
 * A dense (fully connected) layer applied per step: x·W + b over the last axis.
 */
import * as tf from "@tensorflow/tfjs";
import type { Rng } from "../rng";
import { assignValues, glorotUniform, zerosVariable, type NamedVariable } from "./init";

export type DenseWeights = { kernel: tf.Variable; bias: tf.Variable };

/** Zero-filled; `initialiseDense` gives the Keras defaults (Glorot uniform kernel, zero bias). */
export function createDense(inputWidth: number, units: number): DenseWeights {
  return { kernel: zerosVariable([inputWidth, units]), bias: zerosVariable([units]) };
}

export function initialiseDense(w: DenseWeights, rng: Rng): void {
  const [rows = 0, cols = 0] = w.kernel.shape;
  assignValues(w.kernel, glorotUniform(rows, cols, rng));
  assignValues(w.bias, new Float32Array(cols));
}

export function denseVariables(w: DenseWeights, prefix: string): NamedVariable[] {
  return [
    { name: `${prefix}/kernel`, variable: w.kernel },
    { name: `${prefix}/bias`, variable: w.bias },
  ];
}

/** x·W + b over the last axis of a [batch, time, width] tensor. */
export function dense3d(x: tf.Tensor3D, w: DenseWeights): tf.Tensor3D {
  return tf.tidy(() => {
    const [batch, time, width] = x.shape;
    const units = w.kernel.shape[1] ?? 0;
    const flat = tf.add(tf.matMul(tf.reshape<tf.Rank.R2>(x, [batch * time, width]), w.kernel), w.bias);
    return tf.reshape<tf.Rank.R3>(flat, [batch, time, units]);
  });
}

/** x·W + b of a [batch, width] tensor. */
export function dense2d(x: tf.Tensor2D, w: DenseWeights): tf.Tensor2D {
  return tf.tidy(() => tf.add<tf.Tensor2D>(tf.matMul(x, w.kernel), w.bias));
}
