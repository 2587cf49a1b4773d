/**
 * Adam with the AMSGrad variant over a fixed list of tf.Variables. tfjs's Adam has no amsgrad
 * flag, so this follows Keras's update (tf.keras / Keras 3 `Adam(amsgrad=True)`), step t = 1, 2, …:
 *
 *   α_t = lr · √(1 − β₂ᵗ) / (1 − β₁ᵗ)
 *   m ← m + (g − m)·(1 − β₁)
 *   v ← v + (g² − v)·(1 − β₂)
 *   v̂ ← max(v̂, v)
 *   θ ← θ − α_t · m / (√v̂ + ε)
 *
 * with Keras's defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-7. The bias-correction factor α_t is
 * computed in float64 here and rounded once to float32 (Keras computes the powers in float32), so
 * the two agree to float32 rounding, not bit for bit.
 *
 * The moments live in three flat buffers over all the variables, so one update is a concat of the
 * gradients, a dozen element-wise kernels over the whole model, and a slice and subtraction per
 * variable — instead of a dozen kernels per variable. On WebGPU, where a training step is bound by
 * kernel dispatches, this matters: TeVAE has ~110 variables. Element for element the arithmetic is the
 * same as a per-variable update, so the results are identical.
 */
import * as tf from "@tensorflow/tfjs";
import { zerosVariable } from "./init";

export type AmsGradOptions = { learningRate: number; beta1?: number; beta2?: number; epsilon?: number };

export class AmsGrad {
  private step = 0;
  /** Where each variable's values start in the flat buffers, and how many there are. */
  private readonly offsets: number[];
  private readonly sizes: number[];
  private readonly m: tf.Variable;
  private readonly v: tf.Variable;
  private readonly vHat: tf.Variable;
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;

  constructor(
    private readonly variables: readonly tf.Variable[],
    options: AmsGradOptions,
  ) {
    this.learningRate = options.learningRate;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
    this.sizes = variables.map((w) => w.size);
    this.offsets = this.sizes.map((_, i) => this.sizes.slice(0, i).reduce((a, b) => a + b, 0));
    const total = this.sizes.reduce((a, b) => a + b, 0);
    this.m = zerosVariable([total], false);
    this.v = zerosVariable([total], false);
    this.vHat = zerosVariable([total], false);
  }

  get iterations(): number {
    return this.step;
  }

  /**
   * Applies one update; `gradients[i]` belongs to `variables[i]`. A variable without a gradient and
   * its moments are left as they are. Does not dispose the gradients.
   */
  apply(gradients: readonly (tf.Tensor | undefined)[]): void {
    if (this.variables.length === 0) return;
    this.step += 1;
    const t = this.step;
    const alpha = (this.learningRate * Math.sqrt(1 - this.beta2 ** t)) / (1 - this.beta1 ** t);
    const present = this.variables.map((_, i) => gradients[i] !== undefined);
    if (!present.some(Boolean)) return;
    tf.tidy(() => {
      const g = tf.concat(this.variables.map((w, i) => (gradients[i] ?? tf.zeros([w.size])).reshape([-1])));
      // Entries of variables without a gradient keep their moments (a mask only when some are missing).
      const mask = present.every(Boolean)
        ? undefined
        : tf.concat(this.variables.map((w, i) => (present[i] ? tf.ones([w.size], "bool") : tf.zeros([w.size], "bool"))));
      const keep = (next: tf.Tensor, old: tf.Tensor) => (mask ? tf.where(mask, next, old) : next);
      this.m.assign(keep(tf.add(this.m, tf.mul(tf.sub(g, this.m), 1 - this.beta1)), this.m));
      this.v.assign(keep(tf.add(this.v, tf.mul(tf.sub(tf.square(g), this.v), 1 - this.beta2)), this.v));
      this.vHat.assign(tf.maximum(this.vHat, this.v));
      const update = tf.div(tf.mul(this.m, alpha), tf.add(tf.sqrt(this.vHat), this.epsilon));
      this.variables.forEach((variable, i) => {
        if (!present[i]) return;
        const own = tf.slice(update, this.offsets[i] ?? 0, this.sizes[i] ?? 0).reshape(variable.shape);
        variable.assign(tf.sub(variable, own));
      });
    });
  }

  dispose(): void {
    tf.dispose([this.m, this.v, this.vHat]);
  }
}
