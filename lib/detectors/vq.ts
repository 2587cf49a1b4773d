/**
 * Vector quantisation (VQ-VAE, van den Oord et al. 2017) in TensorFlow.js ops: every row of z
 * [n, width] is replaced by its nearest code (squared Euclidean distance) in the codebook
 * [codes, width]. The forward value is the code; the gradient passes straight through to z as if
 * quantisation were the identity (z + stopGradient(q − z)). The codebook learns from the codebook
 * loss ‖stopGradient(z) − q‖², the encoder is held near its codes by the commitment loss
 * ‖z − stopGradient(q)‖² (weighted by the caller, 0.25 in the paper).
 */
import * as tf from "@tensorflow/tfjs";

/** The identity forward; no gradient on the way back. */
const stopGradientOp = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x = args[0] as tf.Tensor;
  return { value: tf.clone(x), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
});
export const stopGradient = <T extends tf.Tensor>(x: T): T => stopGradientOp(x) as T;

/** The index of the nearest code of every row of z, [n] int32. */
export function nearestCodes(z: tf.Tensor2D, codebook: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const distances = tf.add(
      tf.sub(tf.sum(tf.square(z), 1, true), tf.mul(tf.matMul(z, codebook, false, true), 2)),
      tf.expandDims(tf.sum(tf.square(codebook), 1), 0),
    );
    return tf.argMin(distances, 1) as tf.Tensor1D;
  });
}

export type Quantised = {
  /** The codes in z's place, with the straight-through gradient to z. */
  quantised: tf.Tensor2D;
  indices: tf.Tensor1D;
  /** Mean over the rows of ‖stopGradient(z) − q‖² (per value). */
  codebookLoss: tf.Scalar;
  /** Mean over the rows of ‖z − stopGradient(q)‖² (per value). */
  commitmentLoss: tf.Scalar;
};

export function quantise(z: tf.Tensor2D, codebook: tf.Tensor2D): Quantised {
  const indices = nearestCodes(z, codebook);
  // A one-hot product rather than a gather: tfjs cannot take a gather's gradient through its indices.
  const q = tf.matMul(tf.oneHot(indices, codebook.shape[0]), codebook);
  return {
    quantised: tf.add(z, stopGradient(tf.sub(q, z))),
    indices,
    codebookLoss: tf.mean(tf.square(tf.sub(stopGradient(z), q))),
    commitmentLoss: tf.mean(tf.square(tf.sub(z, stopGradient(q)))),
  };
}
