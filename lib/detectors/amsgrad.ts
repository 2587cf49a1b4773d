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
 */
import * as tf from "@tensorflow/tfjs";
import { zerosVariable } from "./init";

export type AmsGradOptions = { learningRate: number; beta1?: number; beta2?: number; epsilon?: number };

export class AmsGrad {
  private step = 0;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private readonly vHat: tf.Variable[];
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
    const zeros = () => variables.map((w) => zerosVariable([...w.shape], false));
    this.m = zeros();
    this.v = zeros();
    this.vHat = zeros();
  }

  get iterations(): number {
    return this.step;
  }

  /** Applies one update; `gradients[i]` belongs to `variables[i]`. Does not dispose the gradients. */
  apply(gradients: readonly (tf.Tensor | undefined)[]): void {
    this.step += 1;
    const t = this.step;
    const alpha = (this.learningRate * Math.sqrt(1 - this.beta2 ** t)) / (1 - this.beta1 ** t);
    tf.tidy(() => {
      this.variables.forEach((variable, i) => {
        const g = gradients[i];
        const m = this.m[i];
        const v = this.v[i];
        const vHat = this.vHat[i];
        if (!g || !m || !v || !vHat) return;
        m.assign(tf.add(m, tf.mul(tf.sub(g, m), 1 - this.beta1)));
        v.assign(tf.add(v, tf.mul(tf.sub(tf.square(g), v), 1 - this.beta2)));
        vHat.assign(tf.maximum(vHat, v));
        const update = tf.div(tf.mul(m, alpha), tf.add(tf.sqrt(vHat), this.epsilon));
        variable.assign(tf.sub(variable, update));
      });
    });
  }

  dispose(): void {
    for (const w of [...this.m, ...this.v, ...this.vHat]) w.dispose();
  }
}
