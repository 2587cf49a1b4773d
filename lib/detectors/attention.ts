/**
 * Multi-head attention from tf ops (tfjs has no MultiHeadAttention layer), as Keras's
 * MultiHeadAttention with use_bias: per-head linear projections of query, key and value
 * (Q = q·W_q + b_q, …, split into heads), scaled dot-product softmax over the key axis,
 * concatenation of the heads and an output projection. The value may have a different width
 * from query and key (TeVAE: query = key = the input window, value = the latent sample).
 */
import * as tf from "@tensorflow/tfjs";
import type { Rng } from "../rng";
import { createDense, dense3d, denseVariables, initialiseDense, type DenseWeights } from "./dense";
import type { NamedVariable } from "./init";

export type AttentionDims = {
  heads: number;
  keyDim: number;
  /** Per-head value width (Keras default: keyDim). */
  valueDim: number;
  queryWidth: number;
  keyWidth: number;
  valueWidth: number;
  /** Width of the output projection (TeVAE: the latent width). */
  outputWidth: number;
};

export type AttentionWeights = { query: DenseWeights; key: DenseWeights; value: DenseWeights; output: DenseWeights };

const PARTS = ["query", "key", "value", "output"] as const;

/** Zero-filled weights; `initialiseAttention` gives Keras's defaults (Glorot kernels, zero biases). */
export function createAttentionWeights(d: AttentionDims): AttentionWeights {
  return {
    query: createDense(d.queryWidth, d.heads * d.keyDim),
    key: createDense(d.keyWidth, d.heads * d.keyDim),
    value: createDense(d.valueWidth, d.heads * d.valueDim),
    output: createDense(d.heads * d.valueDim, d.outputWidth),
  };
}

export function initialiseAttention(w: AttentionWeights, rng: Rng): void {
  for (const part of PARTS) initialiseDense(w[part], rng);
}

/** The weights with stable names (`<prefix>/query/kernel`, …), in a fixed order. */
export function attentionVariables(w: AttentionWeights, prefix: string): NamedVariable[] {
  return PARTS.flatMap((part) => denseVariables(w[part], `${prefix}/${part}`));
}

/** [batch, time, heads·dim] → [batch, heads, time, dim]. */
function splitHeads(x: tf.Tensor3D, heads: number): tf.Tensor4D {
  const [batch, time, width] = x.shape;
  return tf.transpose(tf.reshape(x, [batch, time, heads, width / heads]), [0, 2, 1, 3]);
}

export type AttentionResult = {
  /** [batch, queryTime, outputWidth]. */
  output: tf.Tensor3D;
  /** [batch, heads, queryTime, keyTime]; each row sums to 1. */
  weights: tf.Tensor4D;
};

/**
 * `mask` (optional): 1 where a query step may attend to a key step, 0 where not, shaped
 * [queryTime, keyTime] or [batch, queryTime, keyTime]. Blocked positions get −1e9 added to their
 * logits before the softmax (as Keras), so their weight is 0 unless a whole row is blocked.
 */
export function multiHeadAttention(
  w: AttentionWeights,
  d: AttentionDims,
  inputs: { query: tf.Tensor3D; key: tf.Tensor3D; value: tf.Tensor3D; mask?: tf.Tensor2D | tf.Tensor3D },
): AttentionResult {
  return tf.tidy(() => {
    const q = splitHeads(dense3d(inputs.query, w.query), d.heads);
    const k = splitHeads(dense3d(inputs.key, w.key), d.heads);
    const v = splitHeads(dense3d(inputs.value, w.value), d.heads);
    let logits: tf.Tensor4D = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(d.keyDim));
    if (inputs.mask) logits = tf.add(logits, blockedAdder(inputs.mask));
    const weights = tf.softmax(logits, -1);
    const [batch, , time] = q.shape;
    const heads = tf.transpose(tf.matMul(weights, v), [0, 2, 1, 3]);
    const concatenated = tf.reshape<tf.Rank.R3>(heads, [batch, time, d.heads * d.valueDim]);
    return { output: dense3d(concatenated, w.output), weights };
  });
}

/** (1 − mask)·(−1e9), shaped to broadcast over [batch, heads, queryTime, keyTime]. */
function blockedAdder(mask: tf.Tensor2D | tf.Tensor3D): tf.Tensor4D {
  const m = mask.rank === 2 ? tf.expandDims(mask, 0) : mask;
  const [b, tq, tk] = m.shape;
  const open = tf.reshape(tf.cast(m, "float32"), [b ?? 1, 1, tq ?? 1, tk ?? 1]);
  return tf.mul(tf.sub(1, open), -1e9);
}
