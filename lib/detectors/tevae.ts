/**
 * TeVAE (docs/algorithms.md §3, after the reference implementation):
 *
 *   x ─(+ N(0, noiseStd²), training only)─► BiLSTM(2h) ─► BiLSTM(h) ─► dense → z_mean, z_log_var (per step)
 *   z = z_mean + exp(z_log_var / 2)·ε            (training; scoring and validation use z = z_mean)
 *   c = MultiHeadAttention(query = key = x (noise-free), value = z), output width = latent
 *   c ─► BiLSTM(h) ─► BiLSTM(2h) ─► dense → x_mean, x_log_var (per step)
 *
 * Loss per window: Gaussian NLL of x summed over time and channels + β·KL(q(z|x) ‖ N(0, I)), averaged
 * over the batch. Weights are initialised with the Keras defaults from the config's seed (init.ts).
 */
import * as tf from "@tensorflow/tfjs";
import { createRng } from "../rng";
import {
  attentionVariables,
  createAttentionWeights,
  initialiseAttention,
  multiHeadAttention,
  type AttentionDims,
  type AttentionWeights,
} from "./attention";
import { createDense, dense3d, denseVariables, initialiseDense, type DenseWeights } from "./dense";
import { gaussianNllPerWindow, klPerWindow, meanScalar } from "./losses";
import { biLstm, biLstmVariables, createBiLstmWeights, initialiseBiLstm, type BiLstmWeights } from "./lstm";
import type { Network, Prediction } from "./network";
import type { TeVaeConfig } from "./types";

type Stack = { lstm1: BiLstmWeights; lstm2: BiLstmWeights; mean: DenseWeights; logVar: DenseWeights };
type TeVaeWeights = { encoder: Stack; attention: AttentionWeights; decoder: Stack };

/** Two BiLSTMs (units1 then units2 per direction) and two per-step dense heads of `out` units. */
function createStack(width: number, units1: number, units2: number, out: number): Stack {
  return {
    lstm1: createBiLstmWeights(width, units1),
    lstm2: createBiLstmWeights(2 * units1, units2),
    mean: createDense(2 * units2, out),
    logVar: createDense(2 * units2, out),
  };
}

function stackVariables(s: Stack, prefix: string) {
  return [
    ...biLstmVariables(s.lstm1, `${prefix}/bilstm1`),
    ...biLstmVariables(s.lstm2, `${prefix}/bilstm2`),
    ...denseVariables(s.mean, `${prefix}/mean`),
    ...denseVariables(s.logVar, `${prefix}/log_var`),
  ];
}

/** [batch, time, width] → Gaussian parameters per step. */
function applyStack(s: Stack, x: tf.Tensor3D): Prediction {
  const h = biLstm(biLstm(x, s.lstm1), s.lstm2);
  return { mean: dense3d(h, s.mean), logVar: dense3d(h, s.logVar) };
}

function initialise(w: TeVaeWeights, seed: number): void {
  const rng = createRng(seed);
  for (const s of [w.encoder, w.decoder]) {
    initialiseBiLstm(s.lstm1, rng);
    initialiseBiLstm(s.lstm2, rng);
    initialiseDense(s.mean, rng);
    initialiseDense(s.logVar, rng);
  }
  initialiseAttention(w.attention, rng);
}

export function attentionDims(c: TeVaeConfig): AttentionDims {
  return {
    heads: c.heads,
    keyDim: c.keyDim,
    valueDim: c.keyDim,
    queryWidth: c.features,
    keyWidth: c.features,
    valueWidth: c.latent,
    outputWidth: c.latent,
  };
}

export function createTeVaeNetwork(config: TeVaeConfig): Network {
  const { features, hidden, latent } = config;
  const dims = attentionDims(config);
  const w: TeVaeWeights = {
    encoder: createStack(features, 2 * hidden, hidden, latent),
    attention: createAttentionWeights(dims),
    decoder: createStack(latent, hidden, 2 * hidden, features),
  };
  initialise(w, config.seed);
  const variables = [
    ...stackVariables(w.encoder, "encoder"),
    ...attentionVariables(w.attention, "attention"),
    ...stackVariables(w.decoder, "decoder"),
  ];
  const decode = (x: tf.Tensor3D, z: tf.Tensor3D): Prediction =>
    applyStack(w.decoder, multiHeadAttention(w.attention, dims, { query: x, key: x, value: z }).output);

  return {
    variables,
    usesBeta: true,
    lossParts: (x, { beta, seed }) =>
      tf.tidy(() => {
        const noisy = config.noiseStd > 0 ? tf.add<tf.Tensor3D>(x, tf.randomNormal(x.shape, 0, config.noiseStd, "float32", seed)) : x;
        const q = applyStack(w.encoder, noisy);
        const epsilon = tf.randomNormal(q.mean.shape, 0, 1, "float32", seed + 1);
        const z = tf.add<tf.Tensor3D>(q.mean, tf.mul(tf.exp(tf.mul(q.logVar, 0.5)), epsilon));
        const { mean, logVar } = decode(x, z);
        const nll = meanScalar(gaussianNllPerWindow(x, mean, logVar));
        const kl = meanScalar(klPerWindow(q.mean, q.logVar));
        return { loss: tf.add<tf.Scalar>(nll, tf.mul(kl, beta)), nll, kl };
      }),
    predict: (x) => tf.tidy(() => decode(x, applyStack(w.encoder, x).mean)),
    /** The posterior mean of the latent, averaged over the window's steps. */
    embed: (x) => tf.tidy(() => tf.mean(applyStack(w.encoder, x).mean, 1) as tf.Tensor2D),
    dispose: () => tf.dispose(variables.map((v) => v.variable)),
  };
}
