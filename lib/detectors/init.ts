/**
 * Seeded weight initialisation in plain JavaScript, for the Keras defaults: Glorot uniform kernels
 * (limit √(6 / (fan_in + fan_out)) over the 2-D [in, out] kernel), orthogonal recurrent kernels
 * (QR of a standard-normal matrix with the signs fixed so that R has a positive diagonal — computed
 * by modified Gram–Schmidt, because tfjs's QR-based orthogonal initialiser is very slow for large
 * LSTM kernels), zero biases. Every value comes from `createRng`, so the same seed gives the same
 * weights on every backend.
 */
import * as tf from "@tensorflow/tfjs";
import type { Rng } from "../rng";

export type NamedVariable = { name: string; variable: tf.Variable };

export function glorotUniform(rows: number, cols: number, rng: Rng): Float32Array {
  const limit = Math.sqrt(6 / (rows + cols));
  return Float32Array.from({ length: rows * cols }, () => (2 * rng.next() - 1) * limit);
}

/** A rows×cols matrix (row-major) with orthonormal rows (rows ≤ cols) or columns (rows > cols). */
export function orthogonal(rows: number, cols: number, rng: Rng): Float32Array {
  const long = Math.max(rows, cols);
  const short = Math.min(rows, cols);
  // `short` vectors of length `long`, orthonormalised one after another.
  const vectors = Array.from({ length: short }, () => Float64Array.from({ length: long }, () => rng.normal()));
  vectors.forEach((vector, j) => {
    for (let k = 0; k < j; k++) {
      const previous = vectors[k];
      if (previous) subtractProjection(vector, previous);
    }
    let squares = 0;
    for (const value of vector) squares += value * value;
    const norm = Math.sqrt(squares) || 1;
    for (let i = 0; i < long; i++) vector[i] = (vector[i] ?? 0) / norm;
  });
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      // rows > cols: the vectors are the columns; otherwise they are the rows.
      out[r * cols + c] = rows > cols ? (vectors[c]?.[r] ?? 0) : (vectors[r]?.[c] ?? 0);
    }
  }
  return out;
}

function subtractProjection(vector: Float64Array, unit: Float64Array): void {
  let dot = 0;
  for (let i = 0; i < vector.length; i++) dot += (vector[i] ?? 0) * (unit[i] ?? 0);
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] ?? 0) - dot * (unit[i] ?? 0);
}

/** A trainable float32 variable of zeros (the initial tensor is released, only the variable stays). */
export function zerosVariable(shape: number[], trainable = true): tf.Variable {
  const zeros = tf.zeros(shape);
  const variable = tf.variable(zeros, trainable);
  zeros.dispose();
  return variable;
}

/** Assigns values (row-major, the variable's shape) to a variable. */
export function assignValues(variable: tf.Variable, values: Float32Array): void {
  tf.tidy(() => variable.assign(tf.tensor(values, variable.shape, "float32")));
}

/** Columns [from, from + count) of a row-major rows×cols matrix. */
export function columnBlock(values: Float32Array, rows: number, cols: number, from: number, count: number): Float32Array {
  const out = new Float32Array(rows * count);
  for (let r = 0; r < rows; r++) out.set(values.subarray(r * cols + from, r * cols + from + count), r * count);
  return out;
}
