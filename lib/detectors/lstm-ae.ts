/**
 * A cheaper baseline behind the same interface: an LSTM autoencoder with a Gaussian output.
 *
 *   x ─► LSTM(hidden) (last state) ─► dense → latent vector ─► repeated over the window
 *     ─► LSTM(hidden, per step) ─► dense → x_mean, x_log_var (per step)
 *
 * Trained on the Gaussian NLL alone (no KL term, no input noise), so its scores are the same
 * negative log-likelihood as TeVAE's and the two can be compared directly.
 */
import * as tf from "@tensorflow/tfjs";
import { createRng } from "../rng";
import { createDense, dense2d, dense3d, denseVariables, initialiseDense, type DenseWeights } from "./dense";
import { gaussianNllPerWindow, meanScalar } from "./losses";
import { createLstmWeights, initialiseLstm, lstm, lstmLastState, lstmVariables, type LstmWeights } from "./lstm";
import type { Network, Prediction } from "./network";
import type { LstmAeConfig } from "./types";

type LstmAeWeights = { encoder: LstmWeights; code: DenseWeights; decoder: LstmWeights; mean: DenseWeights; logVar: DenseWeights };

function createWeights(c: LstmAeConfig): LstmAeWeights {
  const w: LstmAeWeights = {
    encoder: createLstmWeights(c.features, c.hidden),
    code: createDense(c.hidden, c.latent),
    decoder: createLstmWeights(c.latent, c.hidden),
    mean: createDense(c.hidden, c.features),
    logVar: createDense(c.hidden, c.features),
  };
  const rng = createRng(c.seed);
  initialiseLstm(w.encoder, rng);
  initialiseDense(w.code, rng);
  initialiseLstm(w.decoder, rng);
  initialiseDense(w.mean, rng);
  initialiseDense(w.logVar, rng);
  return w;
}

export function createLstmAeNetwork(config: LstmAeConfig): Network {
  const w = createWeights(config);
  const variables = [
    ...lstmVariables(w.encoder, "encoder/lstm"),
    ...denseVariables(w.code, "encoder/code"),
    ...lstmVariables(w.decoder, "decoder/lstm"),
    ...denseVariables(w.mean, "decoder/mean"),
    ...denseVariables(w.logVar, "decoder/log_var"),
  ];
  const forward = (x: tf.Tensor3D): Prediction =>
    tf.tidy(() => {
      const code = dense2d(lstmLastState(x, w.encoder), w.code);
      const repeated = tf.tile(tf.expandDims(code, 1), [1, x.shape[1], 1]);
      const h = lstm(tf.reshape<tf.Rank.R3>(repeated, [x.shape[0], x.shape[1], config.latent]), w.decoder);
      return { mean: dense3d(h, w.mean), logVar: dense3d(h, w.logVar) };
    });
  return {
    variables,
    usesBeta: false,
    lossParts: (x) =>
      tf.tidy(() => {
        const { mean, logVar } = forward(x);
        const nll = meanScalar(gaussianNllPerWindow(x, mean, logVar));
        return { loss: tf.clone(nll), nll, kl: tf.scalar(0) };
      }),
    predict: forward,
    embed: (x) => tf.tidy(() => dense2d(lstmLastState(x, w.encoder), w.code)),
    dispose: () => tf.dispose(variables.map((v) => v.variable)),
  };
}
