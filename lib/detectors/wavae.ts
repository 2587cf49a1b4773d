/**
 * WAVAE, a weakly augmented variational autoencoder (docs/algorithms.md §5.1):
 *
 *   x  ─► LSTM(hidden) (last state) ─► dense → z_mean, z_log_var (one latent vector per window)
 *   x' = augment(x): seeded jitter, per-channel scaling and a small time shift (a "weak" augmentation)
 *   z = z_mean + exp(z_log_var / 2)·ε ─► repeated over the window ─► LSTM(hidden) ─► dense → x_mean, x_log_var
 *
 * Loss per batch: for x and for x', the Gaussian NLL of the window + β·KL(q(z|·) ‖ N(0, I)), averaged
 * over the two; plus contrastiveWeight · InfoNCE between the latent means of x and x' (each window's
 * augmented copy is its positive, the batch's other windows are the negatives). With
 * adversarialWeight > 0 a discriminator (LSTM → dense → logit) learns to tell x from its
 * reconstruction while the autoencoder learns to fool it, in the one loss of the shared trainer
 * through a gradient-reversal layer. Scoring is the deterministic reconstruction (z = z_mean) and the
 * per-step Gaussian NLL, like the other detectors; the augmentations and the discriminator are used
 * in training only.
 */
import * as tf from "@tensorflow/tfjs";
import { createRng } from "../rng";
import { createDense, dense2d, dense3d, denseVariables, initialiseDense, type DenseWeights } from "./dense";
import { gaussianNllPerWindow, meanScalar } from "./losses";
import { createLstmWeights, initialiseLstm, lstm, lstmLastState, lstmVariables, type LstmWeights } from "./lstm";
import type { Network, Prediction } from "./network";
import type { WavaeConfig } from "./types";

export type Augmentation = Pick<WavaeConfig, "jitterStd" | "scaleStd" | "maxShift">;

/**
 * A weakly augmented copy of a batch of windows [batch, time, channels], drawn from `seed`: every
 * window shifted in time by a whole number of steps in [−maxShift, maxShift] (the edge step
 * repeated), every channel of it scaled by 1 + scaleStd·N(0, 1), and N(0, jitterStd²) added to every
 * value. Same shape; the same seed gives the same copy on every backend.
 */
export function augmentWindows(x: tf.Tensor3D, a: Augmentation, seed: number): tf.Tensor3D {
  const [batch, time, channels] = x.shape;
  const rng = createRng(seed);
  const index = new Int32Array(batch * time);
  const scale = new Float32Array(batch * channels);
  const noise = new Float32Array(batch * time * channels);
  for (let b = 0; b < batch; b++) {
    const shift = rng.int(2 * a.maxShift + 1) - a.maxShift;
    for (let t = 0; t < time; t++) index[b * time + t] = b * time + Math.min(time - 1, Math.max(0, t - shift));
    for (let c = 0; c < channels; c++) scale[b * channels + c] = 1 + a.scaleStd * rng.normal();
  }
  for (let i = 0; i < noise.length; i++) noise[i] = a.jitterStd * rng.normal();
  return tf.tidy(() => {
    const shifted = tf.reshape<tf.Rank.R3>(tf.gather(tf.reshape(x, [batch * time, channels]), tf.tensor1d(index, "int32")), x.shape);
    const scaled = tf.mul(shifted, tf.tensor3d(scale, [batch, 1, channels]));
    return tf.add<tf.Tensor3D>(scaled, tf.tensor3d(noise, x.shape));
  });
}

/**
 * InfoNCE between two views [batch, width] of the same batch: with s_ij the cosine similarity of a_i
 * and b_j divided by the temperature, the mean over i of −log(e^s_ii / Σ_j e^s_ij), averaged with the
 * same from b's side. Each row's positive is the other view of the same window; the others are its
 * negatives.
 */
export function infoNce(a: tf.Tensor2D, b: tf.Tensor2D, temperature: number): tf.Scalar {
  return tf.tidy(() => {
    const unit = (v: tf.Tensor2D) => tf.div<tf.Tensor2D>(v, tf.add(tf.norm(v, "euclidean", 1, true), 1e-8));
    const logits = tf.div<tf.Tensor2D>(tf.matMul(unit(a), unit(b), false, true), temperature);
    const positives = tf.sum(tf.mul(logits, tf.eye(a.shape[0])), 1);
    const rows = tf.sub(tf.logSumExp(logits, 1), positives);
    const columns = tf.sub(tf.logSumExp(logits, 0), positives);
    return meanScalar(tf.mul(tf.add(rows, columns), 0.5));
  });
}

/** The identity forward; the gradient negated on the way back (so one loss trains a discriminator and fools it). */
const reverseGradientOp = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x = args[0] as tf.Tensor;
  return { value: tf.clone(x), gradFunc: (dy: tf.Tensor) => tf.neg(dy) };
});
const reverseGradient = (x: tf.Tensor3D): tf.Tensor3D => reverseGradientOp(x) as tf.Tensor3D;

type WavaeWeights = {
  encoder: LstmWeights;
  zMean: DenseWeights;
  zLogVar: DenseWeights;
  decoder: LstmWeights;
  mean: DenseWeights;
  logVar: DenseWeights;
  /** Only with adversarialWeight > 0. */
  discriminator?: { lstm: LstmWeights; logit: DenseWeights };
};

function createWeights(c: WavaeConfig): WavaeWeights {
  const w: WavaeWeights = {
    encoder: createLstmWeights(c.features, c.hidden),
    zMean: createDense(c.hidden, c.latent),
    zLogVar: createDense(c.hidden, c.latent),
    decoder: createLstmWeights(c.latent, c.hidden),
    mean: createDense(c.hidden, c.features),
    logVar: createDense(c.hidden, c.features),
    discriminator: c.adversarialWeight > 0 ? { lstm: createLstmWeights(c.features, c.hidden), logit: createDense(c.hidden, 1) } : undefined,
  };
  const rng = createRng(c.seed);
  initialiseLstm(w.encoder, rng);
  initialiseDense(w.zMean, rng);
  initialiseDense(w.zLogVar, rng);
  initialiseLstm(w.decoder, rng);
  initialiseDense(w.mean, rng);
  initialiseDense(w.logVar, rng);
  if (w.discriminator) {
    initialiseLstm(w.discriminator.lstm, rng);
    initialiseDense(w.discriminator.logit, rng);
  }
  return w;
}

export function createWavaeNetwork(config: WavaeConfig): Network {
  const w = createWeights(config);
  const variables = [
    ...lstmVariables(w.encoder, "encoder/lstm"),
    ...denseVariables(w.zMean, "encoder/z_mean"),
    ...denseVariables(w.zLogVar, "encoder/z_log_var"),
    ...lstmVariables(w.decoder, "decoder/lstm"),
    ...denseVariables(w.mean, "decoder/mean"),
    ...denseVariables(w.logVar, "decoder/log_var"),
    ...(w.discriminator
      ? [...lstmVariables(w.discriminator.lstm, "discriminator/lstm"), ...denseVariables(w.discriminator.logit, "discriminator/logit")]
      : []),
  ];
  const encode = (x: tf.Tensor3D) => {
    const h = lstmLastState(x, w.encoder);
    return { mean: dense2d(h, w.zMean), logVar: dense2d(h, w.zLogVar) };
  };
  const decode = (z: tf.Tensor2D, steps: number): Prediction => {
    const repeated = tf.tile(tf.expandDims(z, 1), [1, steps, 1]);
    const h = lstm(tf.reshape<tf.Rank.R3>(repeated, [z.shape[0], steps, config.latent]), w.decoder);
    return { mean: dense3d(h, w.mean), logVar: dense3d(h, w.logVar) };
  };
  /** NLL and KL (batch means) of one view, with the latent sampled; and the latent mean for InfoNCE. */
  const view = (x: tf.Tensor3D, seed: number) => {
    const q = encode(x);
    const z = tf.add<tf.Tensor2D>(q.mean, tf.mul(tf.exp(tf.mul(q.logVar, 0.5)), tf.randomNormal(q.mean.shape, 0, 1, "float32", seed)));
    const out = decode(z, x.shape[1]);
    const kl = meanScalar(tf.mul(tf.sum(tf.sub(tf.sub(tf.add(q.logVar, 1), tf.square(q.mean)), tf.exp(q.logVar)), 1), -0.5));
    return { nll: meanScalar(gaussianNllPerWindow(x, out.mean, out.logVar)), kl, code: q.mean, reconstruction: out.mean };
  };
  /** Binary cross-entropy of the discriminator: real windows → 1, reconstructions → 0. */
  const adversarial = (d: NonNullable<WavaeWeights["discriminator"]>, real: tf.Tensor3D, fake: tf.Tensor3D): tf.Scalar => {
    const logit = (v: tf.Tensor3D) => dense2d(lstmLastState(v, d.lstm), d.logit);
    return tf.add(meanScalar(tf.softplus(tf.neg(logit(real)))), meanScalar(tf.softplus(logit(reverseGradient(fake)))));
  };

  return {
    variables,
    usesBeta: true,
    lossParts: (x, { beta, seed }) =>
      tf.tidy(() => {
        const original = view(x, seed + 1);
        const augmented = view(augmentWindows(x, config, seed), seed + 2);
        const vae = (v: typeof original) => tf.add(v.nll, tf.mul(v.kl, beta));
        const contrastive = tf.mul(infoNce(original.code, augmented.code, config.temperature), config.contrastiveWeight);
        let loss = tf.add<tf.Scalar>(tf.mul(tf.add(vae(original), vae(augmented)), 0.5), contrastive);
        if (w.discriminator)
          loss = tf.add(loss, tf.mul(adversarial(w.discriminator, x, original.reconstruction), config.adversarialWeight));
        // The reported parts are the original windows' (comparable with the validation loss).
        return { loss, nll: original.nll, kl: original.kl };
      }),
    predict: (x) => tf.tidy(() => decode(encode(x).mean, x.shape[1])),
    dispose: () => tf.dispose(variables.map((v) => v.variable)),
  };
}
