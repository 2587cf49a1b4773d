/**
 * Early stopping's memory: a copy of the weights of the best epoch so far (cheap — a tfjs clone
 * shares the data until the variable is assigned a new value), restored when training ends.
 */
import * as tf from "@tensorflow/tfjs";

export class BestWeights {
  epoch = -1;
  loss = Number.POSITIVE_INFINITY;
  private snapshot: tf.Tensor[];

  /** Starts with the current (initial) weights, so that a run that never improves restores them. */
  constructor(private readonly variables: readonly tf.Variable[]) {
    this.snapshot = variables.map((v) => tf.clone(v));
  }

  /** Keeps the current weights when `loss` is lower than the best so far; says whether it was. */
  offer(epoch: number, loss: number): boolean {
    if (!(loss < this.loss)) return false;
    tf.dispose(this.snapshot);
    this.snapshot = this.variables.map((v) => tf.clone(v));
    this.epoch = epoch;
    this.loss = loss;
    return true;
  }

  restore(): void {
    this.variables.forEach((v, i) => {
      const saved = this.snapshot[i];
      if (saved) v.assign(saved);
    });
  }

  dispose(): void {
    tf.dispose(this.snapshot);
    this.snapshot = [];
  }
}
