/**
 * Losses of the detectors: the Gaussian negative log-likelihood of a window under the model's
 * per-step, per-channel mean and log-variance, and the KL divergence of a diagonal Gaussian
 * posterior from N(0, I). Both are summed over time and channels, one value per window.
 */
import * as tf from "@tensorflow/tfjs";

export const LOG_2PI = Math.log(2 * Math.PI);

/** 0.5·(log 2π + log σ² + (x − μ)²/σ²) for one value; the anomaly score of one step and channel. */
export function gaussianNll(x: number, mean: number, variance: number): number {
  const d = x - mean;
  return 0.5 * (LOG_2PI + Math.log(variance) + (d * d) / variance);
}

/** Per window of [batch, time, channels]: Σ_t Σ_c 0.5·(log 2π + logσ² + (x − μ)²·e^(−logσ²)). */
export function gaussianNllPerWindow(x: tf.Tensor3D, mean: tf.Tensor3D, logVar: tf.Tensor3D): tf.Tensor1D {
  return tf.tidy(() => {
    const squared = tf.squaredDifference(x, mean);
    const terms = tf.add(tf.add(logVar, LOG_2PI), tf.mul(squared, tf.exp(tf.neg(logVar))));
    return tf.mul(tf.sum(terms, [1, 2]), 0.5);
  });
}

/** Per window: Σ_t Σ_l −0.5·(1 + logσ² − μ² − σ²), the KL divergence of N(μ, σ²) from N(0, 1). */
export function klPerWindow(mean: tf.Tensor3D, logVar: tf.Tensor3D): tf.Tensor1D {
  return tf.tidy(() => {
    const terms = tf.sub(tf.sub(tf.add(logVar, 1), tf.square(mean)), tf.exp(logVar));
    return tf.mul(tf.sum(terms, [1, 2]), -0.5);
  });
}

/** The mean of all elements, typed as a scalar. */
export function meanScalar(x: tf.Tensor): tf.Scalar {
  return tf.reshape<tf.Rank.R0>(tf.mean(x), []);
}
