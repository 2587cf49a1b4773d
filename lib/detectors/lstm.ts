/**
 * LSTM and bidirectional LSTM written with tf ops, Keras semantics (sigmoid gates, tanh cell,
 * zero initial state, gate order i, f, c, o), but with one kernel, recurrent kernel and bias per
 * gate and a time-major loop:
 * - the input projection of all steps is one matmul per gate, not one per step;
 * - each step needs only contiguous slices and four small matmuls — no split along the last axis,
 *   which tfjs's cpu backend does element by element (≈25 ms for a [185, 64] split here), and which
 *   made tfjs-layers' LSTM cell (one matmul, then split into gates) far slower on cpu.
 *
 * Two implementations of the same layer, chosen per call by `lstmImplementation()`:
 * - "fused" (the default on wasm, cpu and webgpu): the input projection of all steps as one matmul
 *   with the gates' kernels side by side, then the whole recurrence, forward and backward, as one
 *   custom op — over raw arrays on the CPU backends (fused-lstm.ts), in WGSL on WebGPU
 *   (fused-lstm-webgpu.ts);
 * - "ops" (the default elsewhere, i.e. WebGL): the op-by-op loop below.
 * Both give the same outputs and gradients to float32 rounding (lstm.test.ts).
 */
import * as tf from "@tensorflow/tfjs";
import type { Rng } from "../rng";
import { fusedLstmLayer } from "./fused-lstm";
import { assignValues, columnBlock, glorotUniform, orthogonal, zerosVariable, type NamedVariable } from "./init";

export const GATES = ["i", "f", "c", "o"] as const;
type Gate = (typeof GATES)[number];

export type LstmWeights = {
  units: number;
  kernel: Record<Gate, tf.Variable>;
  recurrent: Record<Gate, tf.Variable>;
  bias: Record<Gate, tf.Variable>;
};
export type BiLstmWeights = { forward: LstmWeights; backward: LstmWeights };

const perGate = (make: (g: Gate) => tf.Variable): Record<Gate, tf.Variable> => ({ i: make("i"), f: make("f"), c: make("c"), o: make("o") });

/** Zero-filled weights; init.ts fills them (Glorot kernels, orthogonal recurrent kernels, forget bias 1). */
export function createLstmWeights(inputWidth: number, units: number): LstmWeights {
  return {
    units,
    kernel: perGate(() => zerosVariable([inputWidth, units])),
    recurrent: perGate(() => zerosVariable([units, units])),
    bias: perGate(() => zerosVariable([units])),
  };
}

export function createBiLstmWeights(inputWidth: number, units: number): BiLstmWeights {
  return { forward: createLstmWeights(inputWidth, units), backward: createLstmWeights(inputWidth, units) };
}

/**
 * Keras's LSTM initialisation, exactly: a Glorot-uniform [width, 4·units] kernel and an orthogonal
 * [units, 4·units] recurrent kernel drawn whole and cut into the four gates' column blocks; biases
 * zero except the forget gate's, which is one (unit_forget_bias).
 */
export function initialiseLstm(w: LstmWeights, rng: Rng): void {
  const u = w.units;
  const width = w.kernel.i.shape[0] ?? 0;
  const kernel = glorotUniform(width, 4 * u, rng);
  const recurrent = orthogonal(u, 4 * u, rng);
  GATES.forEach((g, k) => {
    assignValues(w.kernel[g], columnBlock(kernel, width, 4 * u, k * u, u));
    assignValues(w.recurrent[g], columnBlock(recurrent, u, 4 * u, k * u, u));
    assignValues(w.bias[g], new Float32Array(u).fill(g === "f" ? 1 : 0));
  });
}

export function initialiseBiLstm(w: BiLstmWeights, rng: Rng): void {
  initialiseLstm(w.forward, rng);
  initialiseLstm(w.backward, rng);
}

/** Named `<prefix>/kernel_i`, `<prefix>/recurrent_kernel_i`, `<prefix>/bias_i`, …, gate by gate. */
export function lstmVariables(w: LstmWeights, prefix: string): NamedVariable[] {
  return GATES.flatMap((g) => [
    { name: `${prefix}/kernel_${g}`, variable: w.kernel[g] },
    { name: `${prefix}/recurrent_kernel_${g}`, variable: w.recurrent[g] },
    { name: `${prefix}/bias_${g}`, variable: w.bias[g] },
  ]);
}

export function biLstmVariables(w: BiLstmWeights, prefix: string): NamedVariable[] {
  return [...lstmVariables(w.forward, `${prefix}/forward`), ...lstmVariables(w.backward, `${prefix}/backward`)];
}

export type LstmImplementation = "ops" | "fused";

let forced: LstmImplementation | undefined;

/** Forces one implementation ("auto": by backend again). For the bench's baseline and the tests. */
export function setLstmImplementation(choice: LstmImplementation | "auto"): void {
  forced = choice === "auto" ? undefined : choice;
}

/** The fused recurrence where it has kernels (the CPU backends, WebGPU); op by op elsewhere. */
export function lstmImplementation(): LstmImplementation {
  if (forced) return forced;
  const backend = tf.getBackend();
  return backend === "wasm" || backend === "cpu" || backend === "webgpu" ? "fused" : "ops";
}

/** The fused layer's view of the weights: per gate, in the order i, f, c, o. */
const gateWeights = (w: LstmWeights) => ({
  kernels: GATES.map((g) => w.kernel[g]),
  recurrents: GATES.map((g) => w.recurrent[g]),
  biases: GATES.map((g) => w.bias[g]),
});

/** Input projections x·W_g + b_g of every step, time-major: per gate, T tensors of [batch, units]. */
function projectInputs(timeMajor: tf.Tensor2D, steps: number, batch: number, w: LstmWeights): Record<Gate, tf.Tensor2D[]> {
  const project = (g: Gate) => {
    const z = tf.add(tf.matMul(timeMajor, w.kernel[g]), w.bias[g]);
    return tf.unstack(tf.reshape<tf.Rank.R3>(z, [steps, batch, w.units])).map((t) => tf.reshape<tf.Rank.R2>(t, [batch, w.units]));
  };
  return { i: project("i"), f: project("f"), c: project("c"), o: project("o") };
}

/** Runs the cell over the window; calls `emit(t, h)` with the hidden state of every step t. */
function run(x: tf.Tensor3D, w: LstmWeights, reverse: boolean, emit: (t: number, h: tf.Tensor2D) => void): void {
  const [batch, steps, width] = x.shape;
  const timeMajor = tf.reshape<tf.Rank.R2>(tf.transpose(x, [1, 0, 2]), [steps * batch, width]);
  const z = projectInputs(timeMajor, steps, batch, w);
  let h: tf.Tensor2D = tf.zeros([batch, w.units]);
  let c: tf.Tensor2D = tf.zeros([batch, w.units]);
  for (let s = 0; s < steps; s++) {
    const t = reverse ? steps - 1 - s : s;
    const gate = (g: Gate) => {
      const input = z[g][t];
      const recurrent = tf.matMul(h, w.recurrent[g]);
      return input ? tf.add<tf.Tensor2D>(input, recurrent) : recurrent;
    };
    c = tf.add(tf.mul(tf.sigmoid(gate("f")), c), tf.mul(tf.sigmoid(gate("i")), tf.tanh(gate("c"))));
    h = tf.mul(tf.sigmoid(gate("o")), tf.tanh(c));
    emit(t, h);
  }
}

/**
 * x: [batch, time, width] → [batch, time, units], the hidden state of every step (return_sequences).
 * `reverse` runs from the last step to the first and returns the states in the input's time order
 * (as the backward half of a Keras Bidirectional layer).
 */
export function lstm(x: tf.Tensor3D, w: LstmWeights, reverse = false): tf.Tensor3D {
  return tf.tidy(() => {
    if (lstmImplementation() === "fused") return fusedLstmLayer(x, gateWeights(w), reverse);
    const [batch, steps] = x.shape;
    const outputs: tf.Tensor2D[] = [];
    run(x, w, reverse, (t, h) => (outputs[t] = h));
    const timeMajor = tf.reshape<tf.Rank.R3>(tf.stack(outputs), [steps, batch, w.units]);
    return tf.transpose(timeMajor, [1, 0, 2]);
  });
}

/** x: [batch, time, width] → [batch, units], the hidden state after the last step. */
export function lstmLastState(x: tf.Tensor3D, w: LstmWeights): tf.Tensor2D {
  return tf.tidy(() => {
    if (lstmImplementation() === "fused") {
      const [batch, steps] = x.shape;
      return tf.reshape<tf.Rank.R2>(tf.slice(fusedLstmLayer(x, gateWeights(w)), [0, steps - 1, 0], [batch, 1, w.units]), [batch, w.units]);
    }
    let last: tf.Tensor2D = tf.zeros([x.shape[0], w.units]);
    run(x, w, false, (_, h) => (last = h));
    return last;
  });
}

/** Forward and backward LSTM over the window, outputs concatenated: [batch, time, 2·units]. */
export function biLstm(x: tf.Tensor3D, w: BiLstmWeights): tf.Tensor3D {
  return tf.tidy(() => tf.concat([lstm(x, w.forward), lstm(x, w.backward, true)], 2));
}
