/**
 * What a detector's neural network offers the shared training, scoring and save/load code.
 */
import type * as tf from "@tensorflow/tfjs";
import type { NamedVariable } from "./init";

export type StepContext = {
  /** KL weight of this epoch (ignored by networks without a KL term). */
  beta: number;
  /** Seed of this step's random draws (input noise, latent sample). */
  seed: number;
};

/** Batch means of the training loss and its parts. */
export type LossParts = { loss: tf.Scalar; nll: tf.Scalar; kl: tf.Scalar };

/** Per-step, per-channel Gaussian parameters of the reconstruction, [batch, time, channels]. */
export type Prediction = { mean: tf.Tensor3D; logVar: tf.Tensor3D };

export interface Network {
  /** Every trainable weight, with a stable name, in a fixed order (the save order). */
  readonly variables: readonly NamedVariable[];
  /** Whether the loss has a KL term weighted by β. */
  readonly usesBeta: boolean;
  /** Training forward pass (input noise, sampled latent); called inside tf.variableGrads. */
  lossParts(x: tf.Tensor3D, step: StepContext): LossParts;
  /** Deterministic forward pass used for validation and scoring. */
  predict(x: tf.Tensor3D): Prediction;
  /** The network's representation of each window, [batch, width] (lib/detectors/embedding.ts); absent when it has none. */
  embed?(x: tf.Tensor3D): tf.Tensor2D;
  dispose(): void;
}
